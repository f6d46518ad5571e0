// Products of one compound add up in the body: on the session's clock their rates into the blood
// sum, and as the body is linear, the total plasma course is the sum of each product's own.
#include "transport/plasma.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/statistics.hpp"

namespace {

using namespace mnsim::transport;

// A product of lidocaine over 100 cm2 with a rising and falling flux, put on at `applied_h`.
ProductExposure product(const std::string& name, double applied_h, const std::string& compound = "lidocaine") {
  ProductExposure p;
  p.name = name;
  p.compound = compound;
  p.applied_h = applied_h;
  p.series.time_h = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0};
  p.series.flux_ug_per_cm2_h = {5.0, 20.0, 30.0, 10.0, 2.0, 0.5};
  p.series.intact_flux_ug_per_cm2_h = {0.0, 0.1, 0.5, 1.0, 1.0, 0.8};
  PlasmaExposure plasma;
  plasma.area_cm2 = 100.0;
  plasma.body = {.volume_l = 115.0, .clearance_l_per_h = 63.0};
  plasma.corner_bodies = {{.volume_l = 42.0, .clearance_l_per_h = 54.6},
                          {.volume_l = 42.0, .clearance_l_per_h = 71.4},
                          {.volume_l = 315.0, .clearance_l_per_h = 54.6},
                          {.volume_l = 315.0, .clearance_l_per_h = 71.4}};
  plasma.toxic_ng_per_ml = 5000.0;
  p.plasma = plasma;
  return p;
}

TEST(PlasmaTotal, OneProductAloneIsItsOwnCourse) {
  const auto totals = plasma_by_compound({product("cream", 0.0)});
  ASSERT_EQ(totals.size(), 1U);
  const auto own = plasma_ng_per_ml(totals[0].body, totals[0].time_h, [] {
    std::vector<double> r;
    for (const double j : {5.0, 20.0, 30.0, 10.0, 2.0, 0.5}) r.push_back(100.0 * j);
    return r;
  }());
  ASSERT_EQ(totals[0].ng_per_ml.size(), own.size());
  for (std::size_t k = 0; k < own.size(); ++k) EXPECT_NEAR(totals[0].ng_per_ml[k], own[k], 1e-12 * own[k]);
  EXPECT_EQ(totals[0].products, std::vector<std::string>{"cream"});
}

TEST(PlasmaTotal, ACreamBeforeAndOneAfterTheSessionAddUp) {
  // The same cream an hour before the session and again at the session: the total at each time
  // is the first cream's course plus the second's, one hour later.
  auto serum = product("serum", 0.0, "caffeine");
  serum.plasma.reset();  // no disposition: not in the totals
  const auto totals = plasma_by_compound({product("before", -1.0), product("after", 0.0), serum});
  ASSERT_EQ(totals.size(), 1U);
  const auto& t = totals[0];
  EXPECT_EQ(t.products, (std::vector<std::string>{"before", "after"}));
  EXPECT_DOUBLE_EQ(t.time_h.front(), -0.75);
  EXPECT_DOUBLE_EQ(t.time_h.back(), 7.0);  // the first cream's experiment ends first
  const auto single = plasma_by_compound({product("alone", 0.0)})[0];
  // The single course on a fine grid, to read it at any time.
  const auto at = [&](double t_h) {
    if (t_h <= 0.0) return 0.0;
    std::vector<double> grid, rate;
    const auto& p = product("alone", 0.0);
    for (int i = 1; i <= 4000; ++i) {
      const double s = 8.0 * i / 4000.0;
      grid.push_back(s);
    }
    grid.push_back(t_h);
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    for (const double s : grid) {
      // The product's rate, linear between its output times from 0 at application.
      double t0 = 0.0, j0 = 0.0, r = 0.0;
      for (std::size_t k = 0; k < p.series.time_h.size(); ++k) {
        if (s <= p.series.time_h[k]) {
          r = j0 + (p.series.flux_ug_per_cm2_h[k] - j0) * (s - t0) / (p.series.time_h[k] - t0);
          break;
        }
        t0 = p.series.time_h[k];
        j0 = p.series.flux_ug_per_cm2_h[k];
      }
      rate.push_back(100.0 * r);
    }
    const auto c = plasma_ng_per_ml(single.body, grid, rate);
    return c[static_cast<std::size_t>(std::find(grid.begin(), grid.end(), t_h) - grid.begin())];
  };
  for (std::size_t k = 0; k < t.time_h.size(); ++k) {
    const double expected = at(t.time_h[k] + 1.0) + at(t.time_h[k]);
    EXPECT_NEAR(t.ng_per_ml[k], expected, 1e-9 * expected + 1e-12) << "t = " << t.time_h[k] << " h";
  }
  EXPECT_GT(t.peak_ng_per_ml, single.peak_ng_per_ml);
}

// The total's range over the disposition: each corner body fed the summed input, widened by the
// point estimate's peak. Alone, a product's total range is what its corners give it; the small
// volume (fast rise, high peak) bounds it from above.
TEST(PlasmaTotal, TheTotalsRangeIsTheCornerBodiesPeaks) {
  const auto alone = plasma_by_compound({product("cream", 0.0)})[0];
  double low = alone.peak_ng_per_ml, high = low;
  std::vector<double> rate;
  for (const double j : {5.0, 20.0, 30.0, 10.0, 2.0, 0.5}) rate.push_back(100.0 * j);
  const auto cream = product("cream", 0.0);
  for (const auto& body : cream.plasma->corner_bodies) {
    const auto c = plasma_ng_per_ml(body, alone.time_h, rate);
    low = std::min(low, *std::max_element(c.begin(), c.end()));
    high = std::max(high, *std::max_element(c.begin(), c.end()));
  }
  EXPECT_NEAR(alone.peak_low_ng_per_ml, low, 1e-12 * low);
  EXPECT_NEAR(alone.peak_high_ng_per_ml, high, 1e-12 * high);
  EXPECT_LT(alone.peak_low_ng_per_ml, alone.peak_ng_per_ml);
  EXPECT_GT(alone.peak_high_ng_per_ml, alone.peak_ng_per_ml);
  EXPECT_LE(alone.intact_peak_low_ng_per_ml, alone.intact_peak_ng_per_ml);
  EXPECT_GE(alone.intact_peak_high_ng_per_ml, alone.intact_peak_ng_per_ml);

  // Two creams together: every bound at least that of either alone.
  const auto both = plasma_by_compound({product("before", -1.0), product("after", 0.0)})[0];
  EXPECT_GT(both.peak_high_ng_per_ml, alone.peak_high_ng_per_ml);
  EXPECT_GT(both.peak_low_ng_per_ml, alone.peak_low_ng_per_ml);
}

// Sampled products add up sample by sample: alone, a product's total has the percentiles of its
// own sampled peaks (its flux course k into its body k); two copies of it on the same clock have
// exactly twice those (each sample's input doubles in the same body).
TEST(PlasmaTotal, SampledCoursesAddUpSampleBySample) {
  auto cream = product("cream", 0.0);
  std::vector<double> own_peaks;
  for (int k = 0; k < 5; ++k) {
    std::vector<double> flux, intact, rate;
    for (std::size_t t = 0; t < cream.series.time_h.size(); ++t) {
      flux.push_back(cream.series.flux_ug_per_cm2_h[t] * (0.5 + 0.3 * k));
      intact.push_back(cream.series.intact_flux_ug_per_cm2_h[t] * (1.5 - 0.2 * k));
      rate.push_back(100.0 * flux.back());
    }
    const OneCompartment body{.volume_l = 60.0 + 40.0 * k, .clearance_l_per_h = 70.0 - 5.0 * k};
    const auto c = plasma_ng_per_ml(body, cream.series.time_h, rate);
    own_peaks.push_back(*std::max_element(c.begin(), c.end()));
    cream.uncertainty.flux_courses.push_back(flux);
    cream.uncertainty.intact_flux_courses.push_back(intact);
    cream.uncertainty.bodies.push_back(body);
  }
  const auto alone = plasma_by_compound({cream})[0];
  ASSERT_EQ(alone.samples, 5);
  const auto q = mnsim::quantiles(own_peaks, {0.05, 0.5, 0.95});
  EXPECT_NEAR(alone.sampled_peak.p5, q[0], 1e-12 * q[0]);
  EXPECT_NEAR(alone.sampled_peak.p50, q[1], 1e-12 * q[1]);
  EXPECT_NEAR(alone.sampled_peak.p95, q[2], 1e-12 * q[2]);
  EXPECT_LE(alone.sampled_intact_peak.p5, alone.sampled_intact_peak.p95);

  auto twin = cream;
  twin.name = "twin";
  const auto both = plasma_by_compound({cream, twin})[0];
  EXPECT_NEAR(both.sampled_peak.p95, 2.0 * q[2], 1e-12 * q[2]);
  EXPECT_NEAR(both.sampled_peak.p50, 2.0 * q[1], 1e-12 * q[1]);

  // A product without samples leaves the total unsampled.
  const auto mixed = plasma_by_compound({cream, product("plain", 0.0)})[0];
  EXPECT_EQ(mixed.samples, 0);
}

}  // namespace
