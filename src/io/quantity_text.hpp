#pragma once
// How a predicted quantity is written where a person reads it (the plan report, the compare
// table, the simulate summary). The sampled tails of the models can be absurd (issue #26): a
// hazard saturated at 1, a range of identical values from an unsampled run, a duration cut off
// where the simulation ends. They are written for what they are, not as findings:
// - a probability above 99 % is ">99 %" (never "100 [100-100]"), a positive one below 0.01 % is
//   "<0.01 %";
// - a range whose ends read the same is one value, without a range;
// - a duration that ran to the end of the simulated window is a lower bound: "> 275".
// Header-only: the writers of io/ share it without a library of their own.
#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace mnsim::io {

// What kind of number a value is, and so how it is written.
struct Reading {
  bool probability = false;  // a share 0..1, written in percent (without the % sign)
  // For a duration: the ends of the simulated windows, in the value's unit. A value that reached
  // one ran into it (the next session, or the end of the simulated time) and is only a lower bound.
  std::vector<double> windows;
};

// The window `value` is at, if any (the duration was cut off there). A duration shorter than a
// later, longer window is a real value, hence equality rather than "at least".
inline std::optional<double> cut_off_at(double value, const std::vector<double>& windows) {
  for (const double w : windows) {
    if (w > 0.0 && std::abs(value - w) <= 1e-9 * w) return w;
  }
  return std::nullopt;
}

// Three significant digits, but whole numbers from 1000 up to a million as such: "6600 h" reads,
// "6.6e+03 h" does not.
inline std::string significant(double value) {
  if (std::abs(value) >= 1000.0 && std::abs(value) < 1e6) return fmt::format("{:.0f}", value);
  return fmt::format("{:.3g}", value);
}

// One value: three significant digits; a probability in percent with its floor and ceiling; a
// duration at a window as "> window".
inline std::string value_text(double value, const Reading& reading) {
  if (reading.probability) {
    const double pct = 100.0 * value;
    if (pct > 99.0) return ">99";
    if (pct > 0.0 && pct < 0.01) return "<0.01";
    return fmt::format("{:.3g}", pct);
  }
  if (const auto w = cut_off_at(value, reading.windows)) return "> " + significant(*w);
  return significant(value);
}

// A median and its 5-95 % range, each written by value_text.
struct RangeText {
  std::string median, p5, p95;
  // The ends read the same (an unsampled value, or one saturated at a bound): no range to show.
  [[nodiscard]] bool single() const { return p5 == p95; }
  // Between the ends: "-" unless an end has its own sign ("0.43 to >99", "-3 to -1").
  [[nodiscard]] std::string separator() const {
    const auto signed_text = [](const std::string& s) {
      return !s.empty() && (s.front() == '<' || s.front() == '>' || s.front() == '-');
    };
    return signed_text(p5) || signed_text(p95) ? " to " : "-";
  }
};

inline RangeText range_text(double median, double p5, double p95, const Reading& reading) {
  return {value_text(median, reading), value_text(p5, reading), value_text(p95, reading)};
}

// "median [p5-p95]" for a terminal table, or the median alone when the range is single.
inline std::string bracketed(const RangeText& r) {
  if (r.single()) return r.median;
  return fmt::format("{} [{}{}{}]", r.median, r.p5, r.separator(), r.p95);
}

}  // namespace mnsim::io
