// The closure law's open fraction: a one-phase exponential for living skin, and for excised skin
// (experiment.mode = franz_cell) the same contraction down to a residual share that never closes.
// The window, the hours of open-equivalent delivery and sampled persons follow the same curve.
#include "transport/channel_closure.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace {

using namespace mnsim::transport;

ClosureLaw excised_law(double residual) {
  ClosureParameters p;
  p.override_half_life_h = 1.0;
  p.excised_residual = residual;
  ClosureConditions c;
  c.excised = true;
  return {p, c};
}

TEST(ChannelClosure, ExcisedSkinKeepsItsResidualShareOfTheConductance) {
  const auto law = excised_law(0.02);
  EXPECT_DOUBLE_EQ(law.open_fraction(0.0), 1.0);
  EXPECT_DOUBLE_EQ(law.open_fraction(-0.5), 0.0);  // before the session there are no channels
  EXPECT_NEAR(law.open_fraction(1.0), 0.02 + 0.98 * 0.5, 1e-12);
  EXPECT_NEAR(law.open_fraction(100.0), 0.02, 1e-12);
  // The window: phi = 0.1 after log2(0.98 / 0.08) half-lives; never 0.01.
  EXPECT_NEAR(law.window_h(), std::log2(0.98 / 0.08), 1e-12);
  EXPECT_NEAR(law.open_fraction(law.window_h()), 0.1, 1e-12);
  EXPECT_EQ(law.time_to_fraction_h(0.01), std::numeric_limits<double>::infinity());
  // Hours of open-equivalent delivery: 0.02 t plus 0.98 of the exponential's integral.
  const double t = 5.0, rate = std::log(2.0);
  EXPECT_NEAR(law.open_hours(t), 0.02 * t + 0.98 * (1.0 - std::exp(-rate * t)) / rate, 1e-12);
  // A sampled person closes faster or slower towards the same residual.
  const auto slower = law.with_half_lives_scaled(2.0);
  EXPECT_NEAR(slower.open_fraction(2.0), 0.02 + 0.98 * 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(slower.residual(), 0.02);
}

TEST(ChannelClosure, LivingSkinClosesCompletelyWhateverTheExcisedResidual) {
  ClosureParameters p;
  p.override_half_life_h = 1.0;
  p.excised_residual = 0.05;
  const ClosureLaw law(p, ClosureConditions{});
  EXPECT_DOUBLE_EQ(law.residual(), 0.0);
  EXPECT_NEAR(law.open_fraction(3.0), 0.125, 1e-12);
  EXPECT_NEAR(law.time_to_fraction_h(0.01), std::log2(100.0), 1e-12);
}

}  // namespace
