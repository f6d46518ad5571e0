#include "transport/layer_course.hpp"

#include <algorithm>

namespace mnsim::transport {

namespace {

// The course as segments from (t0, v0) to (t1, v1), starting from (0, 0).
template <class Visit>
void for_each_segment(const Course& course, Visit visit) {
  double t0 = 0.0, v0 = 0.0;
  for (std::size_t k = 0; k < course.time_h.size(); ++k) {
    const double t1 = course.time_h[k], v1 = course.value[k];
    if (visit(t0, v0, t1, v1)) return;
    t0 = t1;
    v0 = v1;
  }
}

// Where on a segment the line crosses the threshold, as a time.
double crossing_h(double t0, double v0, double t1, double v1, double threshold) {
  return t0 + (t1 - t0) * (threshold - v0) / (v1 - v0);
}

}  // namespace

double hours_at_or_above(const Course& course, double threshold) {
  double hours = 0.0;
  for_each_segment(course, [&](double t0, double v0, double t1, double v1) {
    const bool above0 = v0 >= threshold, above1 = v1 >= threshold;
    if (above0 && above1)
      hours += t1 - t0;
    else if (above0)
      hours += crossing_h(t0, v0, t1, v1, threshold) - t0;
    else if (above1)
      hours += t1 - crossing_h(t0, v0, t1, v1, threshold);
    return false;
  });
  return hours;
}

std::optional<double> first_reached_h(const Course& course, double threshold) {
  std::optional<double> reached;
  // The course starts at 0, below the threshold, so the first segment that ends at or above it
  // crosses it.
  for_each_segment(course, [&](double t0, double v0, double t1, double v1) {
    if (v1 >= threshold) reached = crossing_h(t0, v0, t1, v1, threshold);
    return reached.has_value();
  });
  return reached;
}

}  // namespace mnsim::transport
