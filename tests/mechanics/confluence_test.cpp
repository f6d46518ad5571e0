// Wound overlap statistics against configurations whose answer is known exactly.
#include "mechanics/confluence.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

namespace mnsim::mechanics {
namespace {

struct Layout {
  std::vector<double> x, y;
  std::vector<float> r, e, dir;
  double side = 10.0;
  void add(double px, double py, double radius_um, double elongation_um = 0.0, double direction = 0.0) {
    x.push_back(px);
    y.push_back(py);
    r.push_back(static_cast<float>(radius_um));
    e.push_back(static_cast<float>(elongation_um));
    dir.push_back(static_cast<float>(direction));
  }
  std::uint64_t seed = 9;
  ConfluenceStats stats(std::size_t samples = 200000) const {
    return confluence({&x, &y, &r, &e, &dir, side}, seed, samples);
  }
  // At the default number of coverage samples.
  [[nodiscard]] ConfluenceStats default_stats() const { return confluence({&x, &y, &r, &e, &dir, side}, seed); }
};

TEST(Confluence, WoundsMergeOnlyWhenCloserThanTheirRadii) {
  Layout tangent;  // 99 um apart with radii of 50 um: the holes touch but do not overlap
  tangent.add(5.0, 5.0, 50.0);
  tangent.add(5.099, 5.0, 50.0);
  EXPECT_DOUBLE_EQ(tangent.stats().confluent_fraction, 0.0);
  EXPECT_EQ(tangent.stats().clusters, 2U);
  Layout overlapping;  // 49 um apart: each centre lies inside the other hole
  overlapping.add(5.0, 5.0, 50.0);
  overlapping.add(5.049, 5.0, 50.0);
  EXPECT_DOUBLE_EQ(overlapping.stats().confluent_fraction, 1.0);
  EXPECT_EQ(overlapping.stats().clusters, 1U);
  Layout unequal;  // a small hole whose centre lies inside a large one merges with it
  unequal.add(5.0, 5.0, 80.0);
  unequal.add(5.07, 5.0, 10.0);
  EXPECT_EQ(unequal.stats().clusters, 1U);
}

TEST(Confluence, ASingleWoundIsOneDiameterWideAndLong) {
  Layout one;
  one.add(5.0, 5.0, 40.0);
  EXPECT_NEAR(one.stats().max_confluent_width_um, 80.0, 1e-9);
  EXPECT_NEAR(one.stats().max_confluent_length_um, 80.0, 1e-9);
}

TEST(Confluence, ATrackOfOverlappingHolesIsNarrowAndLong) {
  // 101 holes 80 um apart along x (radius 90 um): a track 8 mm long, one hole (180 um) wide.
  Layout track;
  for (int i = 0; i <= 100; ++i) track.add(1.0 + 0.08 * i, 5.0, 90.0);
  const auto s = track.stats();
  EXPECT_EQ(s.clusters, 1U);
  EXPECT_NEAR(s.max_confluent_width_um, 180.0, 1e-6);
  // A uniform row of length L has variance L^2 (n+1)/(12 (n-1)); 4 sigma + 2r is then 1.16 L + 2r.
  EXPECT_NEAR(s.max_confluent_length_um, 1000.0 * 4.0 * std::sqrt(8.0 * 8.0 * 102.0 / (12.0 * 100.0)) + 180.0, 1e-6);
}

TEST(Confluence, TornWoundsMergeAlongTheirTear) {
  Layout torn;
  torn.add(5.0, 5.0, 20.0, 300.0, 0.0);  // capsule axis from x = 4.85 to 5.15 mm
  torn.add(5.165, 5.0, 20.0);            // 15 um past the end of the tear axis: overlaps
  EXPECT_EQ(torn.stats().clusters, 1U);
  Layout across;
  across.add(5.0, 5.0, 20.0, 300.0, 0.0);
  across.add(5.0, 5.03, 20.0);  // 30 um to the side of the tear axis: tangent-ish, apart
  EXPECT_EQ(across.stats().clusters, 2U);
}

TEST(Confluence, CoverageOfOneDiscIsItsAreaShare) {
  Layout one;
  one.add(5.0, 5.0, 1000.0);  // a 1 mm radius disc in a 10 mm square: pi / 100
  const double exact = std::numbers::pi / 100.0;
  const std::size_t samples = 400000;
  const double standard_error = std::sqrt(exact * (1.0 - exact) / samples);
  EXPECT_NEAR(one.stats(samples).coverage_fraction, exact, 4.0 * standard_error);
}

// The default stratified estimate (about 50 000 points, one per cell) is as close as four times
// as many independent points would be expected to come: within their standard error.
TEST(Confluence, StratifiedCoverageMatchesFourTimesAsManyIndependentPoints) {
  Layout one;
  one.add(5.0, 5.0, 1000.0);
  const double exact = std::numbers::pi / 100.0;
  const double independent_error = std::sqrt(exact * (1.0 - exact) / 200000.0);
  for (std::uint64_t seed : {1U, 2U, 3U}) {
    Layout shifted = one;
    shifted.seed = seed;
    EXPECT_NEAR(shifted.default_stats().coverage_fraction, exact, independent_error) << "seed " << seed;
  }
}

TEST(Confluence, RandomHolesCoverOneMinusExpOfTheirAreaDensity) {
  // Boolean model: independent uniform discs cover 1 - exp(-n pi r^2) of the plane.
  Layout random;
  random.side = 20.0;
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 20.0);
  const int n = 40000;  // 100 per mm2
  for (int i = 0; i < n; ++i) random.add(u(rng), u(rng), 40.0);
  const double expected = 1.0 - std::exp(-100.0 * std::numbers::pi * 0.04 * 0.04);
  // Edges lose a little coverage (about 4 r / side); the tolerance covers that and sampling.
  EXPECT_NEAR(random.stats().coverage_fraction, expected, 0.01);
}

}  // namespace
}  // namespace mnsim::mechanics
