#include "app/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
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

namespace {

std::string duration_text(double seconds) {
  if (seconds < 90.0) return fmt::format("{:.0f} s", seconds);
  const auto whole = static_cast<long>(seconds + 0.5);
  return fmt::format("{} min {:02} s", whole / 60, whole % 60);
}

}  // namespace

std::string progress_line(const std::string& label, std::size_t done, std::size_t total, double elapsed_s) {
  constexpr std::size_t width = 30;
  const std::size_t shown = std::min(done, total);
  const std::size_t filled = total == 0 ? width : width * shown / total;
  std::string line = fmt::format("{} [{}{}] {}/{}  {}", label, std::string(filled, '#'),
                                 std::string(width - filled, '.'), shown, total, duration_text(elapsed_s));
  // The pace of the steps done so far; a step's length varies, so this is an estimate.
  if (shown > 0 && shown < total)
    line += fmt::format(", about {} left",
                        duration_text(elapsed_s * static_cast<double>(total - shown) / static_cast<double>(shown)));
  return line;
}

void ProgressBar::draw() {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // Trailing spaces wipe what a longer previous line left behind.
  fmt::print(stderr, "\r{}   ", progress_line(label_, done_, total_, elapsed));
  std::fflush(stderr);
}

}  // namespace mnsim::app
