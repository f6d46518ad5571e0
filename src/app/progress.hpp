#pragma once
// A progress bar on stderr for long runs, with the time elapsed and an estimate of the time left;
// silent when stderr is not a terminal (pipes, CI, logs).
// Hand-written: Debian ships no maintained C++ progress-bar library.
#include <chrono>
#include <cstddef>
#include <string>

namespace mnsim::app {

// One line of the bar: label, bar, steps done, time elapsed and, once a step is done, the time
// left at the pace so far ("simulate [######......] 2/5  4 s, about 6 s left").
std::string progress_line(const std::string& label, std::size_t done, std::size_t total, double elapsed_s);

class ProgressBar {
 public:
  ProgressBar(std::string label, std::size_t total);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void advance(std::size_t steps = 1);
  // Draws the full bar and ends its line; later calls do nothing (the destructor calls it too).
  void finish();

 private:
  void draw();

  std::string label_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace mnsim::app
