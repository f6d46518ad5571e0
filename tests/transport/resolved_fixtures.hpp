#pragma once
// Shared pieces of the resolved-geometry tests (unit cell, quarter cell, patch): a problem whose
// channels close with a 30 min half-life, a 4 h error-controlled schedule, and the check that two
// runs of the same physics give the same amounts per area.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "transport/resolved_solver.hpp"

namespace mnsim::transport::test {

// Columns of the top plane that are channel (materials 5-9).
inline std::size_t channel_columns(const ResolvedProblem& p) {
  const auto& g = p.geometry;
  return static_cast<std::size_t>(std::count_if(g.material.begin(),
                                                g.material.begin() + static_cast<std::ptrdiff_t>(g.nx * g.ny),
                                                [](std::uint8_t m) { return m >= 5; }));
}

// A 20 um film (finite) or a fixed vehicle (infinite) on channels closing with a 30 min half-life.
inline void apply_closing_product(ResolvedProblem& p, bool finite) {
  p.finite_dose = finite;
  p.vehicle_thickness_um = 20.0;
  p.open_fraction = [](double t) { return std::exp2(-t / 1800.0); };
}

inline ResolvedSchedule four_hour_schedule() {
  ResolvedSchedule s;
  s.output_times_s = {600.0, 3600.0, 14400.0};
  s.first_step_s = 0.1;
  s.max_step_s = 3600.0;
  s.tolerance = 1e-3;
  s.closure_half_life_s = 1800.0;
  return s;
}

// Same steps, and receptor, skin and donor amounts equal to 1e-9 at every output: the two runs
// differ only in the order of floating-point sums.
inline void expect_same_amounts(const ResolvedSeries& a, const ResolvedSeries& b) {
  ASSERT_EQ(a.steps, b.steps);
  for (std::size_t k = 0; k < a.time_s.size(); ++k) {
    EXPECT_NEAR(b.receptor[k], a.receptor[k], 1e-9 * a.receptor[k]) << "output " << k;
    EXPECT_NEAR(b.skin[k], a.skin[k], 1e-9 * a.skin[k]) << "output " << k;
    EXPECT_NEAR(b.donor[k], a.donor[k], 1e-9 * std::abs(a.donor[k]) + 1e-12) << "output " << k;
  }
}

}  // namespace mnsim::transport::test
