#pragma once
// Wound loads of reference treatments for the response tests. The microneedling loads are the
// injury summaries `mnsim simulate` gives at commit d4581e9 (examples/default.toml: 12-needle pen,
// 4 passes; examples/home_roller.toml) at the named needle length; the others are written by hand.
#include <algorithm>

#include "response/course.hpp"

namespace mnsim::test {

inline response::WoundLoad load(double coverage, double width_um, double confluent, double max_confluent_um,
                                double volume, double bleeding, double depth_um, double wounds_per_cm2,
                                double removal = 0.0) {
  response::WoundLoad l;
  l.wounds_per_cm2 = wounds_per_cm2;
  l.wounded_area_fraction = coverage;
  l.wound_width_um_mean = width_um;
  l.wound_width_um_p90 = 1.2 * width_um;
  l.confluent_fraction = confluent;
  l.max_confluent_width_um = max_confluent_um;
  l.injured_volume_mm3_per_cm2 = volume;
  // Below capillary loops at 140 um: the share of a column of that depth under them.
  l.vascularised_volume_mm3_per_cm2 = volume * std::clamp((depth_um - 140.0) / depth_um, 0.0, 1.0);
  l.bleeding_fraction = bleeding;
  l.depth_um_mean = depth_um;
  l.depth_um_p90 = 1.13 * depth_um;
  l.dermal_involvement_fraction = depth_um > 100.0 ? 1.0 : 0.0;
  l.epidermal_removal_fraction = removal;
  l.epidermis_um = 100.0;
  l.dermis_um = 1500.0;
  return l;
}

// Small solid array, 50 needles of 500 um on 1 cm2 (as in human resealing studies).
inline response::WoundLoad small_array() { return load(1e-3, 50, 0, 50, 0.04, 0, 300, 50); }
inline response::WoundLoad home_roller(double mm) {
  return mm < 1.0 ? load(0.0016, 40, 0.0013, 59, 0.035, 0.008, 145, 112.6)
                  : load(0.0134, 70, 0.009, 125, 1.1, 0.41, 495, 112.6);
}
inline response::WoundLoad pen(double mm) {
  if (mm < 0.4) return load(0.164, 60, 0.35, 204, 2.68, 0.001, 123, 5949);
  if (mm < 1.0) return load(0.453, 90, 0.67, 556, 24.5, 0.141, 310, 5949);
  return load(0.546, 100, 0.72, 619, 201.6, 0.426, 1060, 5949);
}
// Non-ablative fractional laser micro-zones: 150 um wide with a 50 um coagulated rim.
inline response::WoundLoad fractional_laser_zones() {
  auto l = load(0.15, 150, 0.0, 150, 5.0, 0.0, 400, 800);
  l.procedure = "non-ablative fractional laser";
  l.thermal = true;
  l.coagulation_margin_um = 50.0;
  return l;
}
// Abrasion over the whole field, to the papillary dermis by default.
inline response::WoundLoad dermabrasion(double depth_um = 200.0) {
  auto l = load(1.0, 20000, 1.0, 20000, depth_um / 10.0, 0.8, depth_um, 0.0, 1.0);
  l.procedure = "dermabrasion";
  return l;
}
// Broad wound to the deep reticular dermis.
inline response::WoundLoad deep_broad_wound() { return load(1.0, 20000, 1.0, 20000, 120.0, 0.9, 1200, 0.0, 1.0); }

inline std::vector<response::SessionInput> protocol(const response::WoundLoad& l, int sessions, double interval_d) {
  std::vector<response::SessionInput> out;
  for (int i = 0; i < sessions; ++i) {
    response::SessionInput s;
    s.start_d = i * interval_d;
    s.load = l;
    out.push_back(s);
  }
  return out;
}

}  // namespace mnsim::test
