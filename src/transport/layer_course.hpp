#pragma once
// How the concentration in one skin layer runs over time, and how long it stays at a target: what
// a researcher asks of a product meant for a layer (an antiviral at the basal epidermis, a
// depigmenting agent at the melanocytes, a numbing agent at the dermal nerve endings).
#include <optional>
#include <span>

namespace mnsim::transport {

// A course sampled at increasing times (hours, the first above 0), taken as 0 at time 0 (the skin
// holds nothing before the product) and linear between samples.
struct Course {
  std::span<const double> time_h, value;
};

// Hours from 0 to the last sample during which the course is at or above `threshold` (> 0).
double hours_at_or_above(const Course& course, double threshold);

// First time the course reaches `threshold` (> 0); none if it never does.
std::optional<double> first_reached_h(const Course& course, double threshold);

}  // namespace mnsim::transport
