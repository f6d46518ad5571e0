// The response engine (response/engine.hpp): one procedure on one person over a protocol.
#include "response/engine.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include "hazard_support.hpp"

namespace mnsim {
namespace {

class Engine : public ::testing::Test {
 protected:
  test::HazardWorld world;
  ParameterSet p = world.parameters("default.toml", {"protocol.area_cm2=2", "protocol.sessions=3"});
  app::SessionInjury injury = app::simulate_injury(p, world.session);
  response::Treatment needling = response::microneedling_treatment(injury.injury, injury.skin, p);
};

TEST_F(Engine, MicroneedlingTreatmentFollowsTheScenarioProtocol) {
  EXPECT_EQ(needling.procedure, "microneedling");
  EXPECT_EQ(needling.sessions, 3);
  EXPECT_DOUBLE_EQ(needling.interval_d, p.real("protocol.interval_d"));
  EXPECT_GT(needling.load.wounds_per_cm2, 0.0);
  EXPECT_TRUE(needling.wound.epidermis_open);
}

TEST_F(Engine, EveryComparatorGivesTheCourseAValidLoad) {
  for (const auto& name : world.catalog.names()) {
    const auto t = response::comparator_treatment(world.catalog.get(name), injury.skin, p);
    EXPECT_NO_THROW(response::check(t.load)) << name;
    EXPECT_EQ(t.sessions, 1) << name;
    EXPECT_GT(t.load.depth_um_mean, 0.0) << name;
    EXPECT_GT(t.load.wounded_area_fraction, 0.0) << name;
    EXPECT_EQ(t.load.thermal, t.wound.coagulation_margin_um > 0.0) << name;
  }
}

// Comparators run once unless the scenario asks for a series: a number of sessions, or 0 for as
// many as microneedling (like with like). A repeated laser hazards every session, so its PIH rises.
TEST_F(Engine, ComparatorSessionsFollowTheScenario) {
  const auto& laser = world.catalog.get("fractional-co2");
  const auto series = world.parameters("default.toml", {"protocol.area_cm2=2", "comparators.sessions=4"});
  const auto four = response::comparator_treatment(laser, injury.skin, series);
  EXPECT_EQ(four.sessions, 4);
  EXPECT_DOUBLE_EQ(four.interval_d, series.real("protocol.interval_d"));
  const auto like =
      world.parameters("default.toml", {"protocol.area_cm2=2", "protocol.sessions=3", "comparators.sessions=0"});
  EXPECT_EQ(response::comparator_treatment(laser, injury.skin, like).sessions, 3);

  const auto once = response::respond(response::comparator_treatment(laser, injury.skin, p), p, 0, 1, false);
  const auto repeated = response::respond(four, series, 0, 1, false);
  EXPECT_GT(repeated.hazards.pih.probability, once.hazards.pih.probability);
}

TEST_F(Engine, IntervalsAreOrderedAndNameEveryPointOutput) {
  const auto r = response::respond(needling, p, 60, 11, false);
  ASSERT_EQ(r.intervals.size(), r.point.size());
  for (std::size_t k = 0; k < r.point.size(); ++k) {
    const auto& [name, i] = r.intervals[k];
    EXPECT_EQ(name, r.point[k].first);
    EXPECT_LE(i.p5, i.median) << name;
    EXPECT_LE(i.median, i.p95) << name;
  }
  for (const auto* key : {"barrier_recovery_h", "downtime_d", "collagen_change_pct.365", "scar_probability",
                          "pih_probability", "infection_probability", "bleeding_probability"}) {
    EXPECT_NO_THROW(response::output_interval(r, key)) << key;
  }
  EXPECT_THROW(response::output_interval(r, "no_such_output"), std::out_of_range);
  EXPECT_GE(r.fibrosis_probability, 0.0);
  EXPECT_LE(r.fibrosis_probability, 1.0);
}

// Sampled persons depend on the seed only, never on the number of threads.
TEST_F(Engine, SamplingDependsOnTheSeedNotOnThreads) {
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto one = response::respond(needling, p, 30, 7, false);
  omp_set_num_threads(3);
  const auto three = response::respond(needling, p, 30, 7, false);
  omp_set_num_threads(threads);
  ASSERT_EQ(one.intervals.size(), three.intervals.size());
  for (std::size_t k = 0; k < one.intervals.size(); ++k) {
    EXPECT_EQ(one.intervals[k].second.median, three.intervals[k].second.median) << one.intervals[k].first;
    EXPECT_EQ(one.intervals[k].second.p95, three.intervals[k].second.p95) << one.intervals[k].first;
  }
  const auto other = response::respond(needling, p, 30, 8, false);
  EXPECT_NE(other.intervals.front().second.p95, one.intervals.front().second.p95);
}

// Bands of erythema and the TEWL excess come with sampled persons only, at the times asked for; the
// session windows come with every course.
TEST_F(Engine, BandsAtTheRequestedTimesWhenSampled) {
  const std::vector<double> times{0.0, 6.0, 24.0, 48.0};
  const auto point = response::respond(needling, p, 0, 7, false, times);
  EXPECT_TRUE(point.bands.empty());
  EXPECT_EQ(point.course.session_windows_h.size(), 3U);
  const auto sampled = response::respond(needling, p, 30, 7, false, times);
  ASSERT_EQ(sampled.bands.size(), 2U);
  for (const auto& band : sampled.bands) {
    EXPECT_EQ(band.t_h, times);
    ASSERT_EQ(band.median.size(), times.size());
    EXPECT_LT(band.p5[1], band.p95[1]) << band.signal;
  }
  EXPECT_EQ(sampled.course.session_windows_h, point.course.session_windows_h);
}

// More sessions of the same protocol never lower a hazard of the whole protocol.
TEST_F(Engine, MoreSessionsNeverLowerTheProtocolHazards) {
  auto once = needling;
  once.sessions = 1;
  const auto single = response::respond(once, p, 0, 1, false).hazards;
  const auto repeated = response::respond(needling, p, 0, 1, false).hazards;
  EXPECT_GE(repeated.scar.probability, single.scar.probability);
  EXPECT_GE(repeated.pih.probability, single.pih.probability);
  EXPECT_GE(repeated.infection.probability, single.infection.probability);
  EXPECT_GE(repeated.bleeding.probability, single.bleeding.probability);
}

}  // namespace
}  // namespace mnsim
