#include "app/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace mnsim::app {

ProgressBar::ProgressBar(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), enabled_(::isatty(STDERR_FILENO) == 1 && total > 0) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::finish() {
  if (!enabled_ || finished_) return;
  finished_ = true;
  done_ = total_;
  draw();
  std::fputc('\n', stderr);
}

void ProgressBar::advance(std::size_t steps) {
  done_ += steps;
  if (!enabled_) return;
  // Redraw at most ten times a second so the bar never slows the run down.
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done_ < total_) return;
  last_draw_ = now;
  draw();
}

void ProgressBar::draw() {
  constexpr std::size_t width = 30;
  const std::size_t filled = total_ == 0 ? width : width * done_ / total_;
  fmt::print(stderr, "\r{} [{}{}] {}/{}", label_, std::string(filled, '#'), std::string(width - filled, '.'), done_,
             total_);
  std::fflush(stderr);
}

}  // namespace mnsim::app
