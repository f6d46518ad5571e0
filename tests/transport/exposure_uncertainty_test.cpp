// The 5-95 % ranges of a product's transport outputs (transport.samples): the reduced model rerun
// with sampled intact permeability, species polar-pathway factor, closure half-life and excised
// skin's residual conductance. Without
// spread the range is the point estimate; with it the range brackets it; it does not depend on
// the thread count; a measured permeability is not sampled.
#include "transport/exposure_uncertainty.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <vector>

#include "transport/reference_tissue.hpp"

namespace {

using namespace mnsim::transport;
using mnsim::transport::test::caffeine_like;

TwoPathwayProblem treated() {
  TwoPathwayProblem p;
  p.tissue = caffeine_like();
  p.channels = {400.0, 150.0, 25.0};
  p.depth_um = 1000.0;
  p.relative_tolerance = 1e-5;  // as the sampled runs
  return p;
}

constexpr double end_s = 6.0 * 3600.0;
const ClosureLaw law(0.5, 23.0, 2.0);  // occluded for 2 h, then open to air

double amount(const TwoPathwaySeries& s) { return s.receptor.back() + s.cleared.back(); }

// The point estimate the sampled runs scatter around.
double point_ratio() {
  auto p = treated();
  p.open_fraction = [](double t_s) { return law.open_fraction(t_s / 3600.0); };
  auto intact = p;
  intact.channels = {};
  const std::vector<double> end{end_s};
  return amount(simulate_two_pathway(p, end)) / amount(simulate_two_pathway(intact, end));
}

TEST(TransportUncertainty, WithoutSpreadTheRangeIsThePointEstimate) {
  const auto u =
      sample_transport(treated(), law, 0.0, false, end_s, {.kp_sd_log10 = 0.0, .closure_half_life_cv = 0.0}, 8, 42);
  EXPECT_EQ(u.samples, 8);
  const double ratio = point_ratio();
  EXPECT_DOUBLE_EQ(u.enhancement_ratio.p5, ratio);
  EXPECT_DOUBLE_EQ(u.enhancement_ratio.p95, ratio);
  EXPECT_DOUBLE_EQ(u.window_h.p50, law.window_h());
  EXPECT_EQ(sample_transport(treated(), law, 0.0, false, end_s, {}, 0, 42).samples, 0);
}

TEST(TransportUncertainty, TheRangeBracketsThePointEstimateAndWidensWithTheSpread) {
  const auto narrow =
      sample_transport(treated(), law, 0.0, false, end_s, {.kp_sd_log10 = 0.2, .closure_half_life_cv = 0.2}, 60, 7);
  const auto wide =
      sample_transport(treated(), law, 0.0, false, end_s, {.kp_sd_log10 = 0.78, .closure_half_life_cv = 0.58}, 60, 7);
  const double ratio = point_ratio();
  for (const auto* u : {&narrow, &wide}) {
    EXPECT_LT(u->enhancement_ratio.p5, ratio);
    EXPECT_GT(u->enhancement_ratio.p95, ratio);
    EXPECT_LE(u->enhancement_ratio.p5, u->enhancement_ratio.p50);
    EXPECT_LE(u->enhancement_ratio.p50, u->enhancement_ratio.p95);
    EXPECT_LT(u->window_h.p5, law.window_h());
    EXPECT_GT(u->window_h.p95, law.window_h());
  }
  EXPECT_GT(wide.enhancement_ratio.p95 / wide.enhancement_ratio.p5,
            2.0 * narrow.enhancement_ratio.p95 / narrow.enhancement_ratio.p5);
}

TEST(TransportUncertainty, AMeasuredPermeabilityIsNotSampled) {
  const UncertaintySpread kp_only{.kp_sd_log10 = 0.78, .closure_half_life_cv = 0.0};
  const auto u = sample_transport(treated(), law, 0.0, true, end_s, kp_only, 8, 3);
  EXPECT_DOUBLE_EQ(u.enhancement_ratio.p5, point_ratio());
  EXPECT_DOUBLE_EQ(u.enhancement_ratio.p95, point_ratio());
}

// Excised skin (a Franz cell) keeps a share of its channels' conductance; with only that share's
// spread sampled, the flux ratio at the end spreads about the point estimate, and without it
// collapses onto it.
TEST(TransportUncertainty, ExcisedSkinsResidualConductanceIsSampled) {
  ClosureParameters parameters;
  parameters.excised_residual = 0.005;
  ClosureConditions conditions;
  conditions.excised = true;
  conditions.channel_depth_um = parameters.reference_depth_um;
  const ClosureLaw excised(parameters, conditions);
  const UncertaintySpread residual_only{
      .kp_sd_log10 = 0.0, .closure_half_life_cv = 0.0, .excised_residual_sd_log10 = 0.30};
  const UncertaintySpread none{.kp_sd_log10 = 0.0, .closure_half_life_cv = 0.0, .excised_residual_sd_log10 = 0.0};
  const auto spread = sample_transport(treated(), excised, 0.0, false, end_s, residual_only, 60, 11);
  const auto fixed = sample_transport(treated(), excised, 0.0, false, end_s, none, 8, 11);
  EXPECT_DOUBLE_EQ(fixed.end_flux_ratio.p5, fixed.end_flux_ratio.p95);
  EXPECT_LT(spread.end_flux_ratio.p5, fixed.end_flux_ratio.p50);
  EXPECT_GT(spread.end_flux_ratio.p95, fixed.end_flux_ratio.p50);
  EXPECT_GT((spread.end_flux_ratio.p95 - 1.0) / (spread.end_flux_ratio.p5 - 1.0), 3.0);
}

TEST(TransportUncertainty, TheRangesDoNotDependOnTheThreadCount) {
  const auto run = [](int threads) {
    omp_set_num_threads(threads);
    return sample_transport(treated(), law, 1.0, false, end_s, {}, 12, 11);
  };
  const auto one = run(1), two = run(2), three = run(3);
  for (const auto* u : {&two, &three}) {
    EXPECT_EQ(u->enhancement_ratio.p5, one.enhancement_ratio.p5);
    EXPECT_EQ(u->enhancement_ratio.p50, one.enhancement_ratio.p50);
    EXPECT_EQ(u->enhancement_ratio.p95, one.enhancement_ratio.p95);
    EXPECT_EQ(u->cumulative.p95, one.cumulative.p95);
    EXPECT_EQ(u->window_h.p5, one.window_h.p5);
  }
}

}  // namespace
