// The plan's predicted course (issue #26): the report's redness and TEWL bands are quantiles over
// the sampled persons (a point course, flat, without samples), independent of the thread count,
// and the plan carries the windows its durations are measured in.
#include <gtest/gtest.h>
#include <omp.h>

#include <string>
#include <vector>

#include "app/plan_builder.hpp"
#include "app/plan_engine.hpp"
#include "app/session.hpp"
#include "io/scenario_reader.hpp"
#include "test_support.hpp"

namespace mnsim::app {
namespace {

plan::Plan plan_of(const std::string& patient, const std::vector<std::string>& overrides) {
  static Session session(test::data_dir());
  const auto file = test::source_dir() / "examples" / "patients" / (patient + ".toml");
  auto parameters = io::read_scenario_file(file, session.registry());
  for (const auto& o : overrides) io::apply_override(parameters, session.registry(), o);
  parameters.complete(session.registry(), file.string());
  return build_plan(parameters, session, file.string());
}

// A real 90 % range somewhere in the first three days: p5 < median < p95.
bool spreads_early(const plan::Band& band) {
  for (std::size_t i = 0; i < band.t_h.size() && band.t_h[i] <= 72.0; ++i) {
    if (band.p5[i] < band.median[i] && band.median[i] < band.p95[i]) return true;
  }
  return false;
}

TEST(PlanCourse, BandsAreSampledQuantilesIndependentOfThreads) {
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto one = plan_of("healthy_fine_lines", {"planner.samples=40"});
  omp_set_num_threads(3);
  const auto three = plan_of("healthy_fine_lines", {"planner.samples=40"});
  omp_set_num_threads(threads);
  ASSERT_EQ(one.bands.size(), 2U);
  ASSERT_EQ(three.bands.size(), 2U);
  EXPECT_EQ(one.bands[0].name, "redness");
  EXPECT_EQ(one.bands[1].name, "TEWL excess");
  for (std::size_t b = 0; b < one.bands.size(); ++b) {
    const auto& band = one.bands[b];
    EXPECT_EQ(band.t_h, band_times_h());
    EXPECT_TRUE(spreads_early(band)) << band.name;
    for (std::size_t i = 0; i < band.t_h.size(); ++i) {
      EXPECT_LE(band.p5[i], band.median[i]) << band.name << " at " << band.t_h[i];
      EXPECT_LE(band.median[i], band.p95[i]) << band.name << " at " << band.t_h[i];
    }
    // Bit for bit: every sample's values are stored by its index and the quantiles read them in order.
    EXPECT_EQ(band.t_h, three.bands[b].t_h);
    EXPECT_EQ(band.median, three.bands[b].median) << band.name;
    EXPECT_EQ(band.p5, three.bands[b].p5) << band.name;
    EXPECT_EQ(band.p95, three.bands[b].p95) << band.name;
  }
  // The course's sampled ranges are those of the chosen protocol in the comparison: one set of persons.
  const auto* course = plan::course_recommendation(one.recommendations);
  ASSERT_NE(course, nullptr);
  EXPECT_EQ(one.predicted.at("downtime_d").p95, course->chosen->outcome.downtime_d.p95);
  EXPECT_EQ(one.predicted.at("collagen_change_pct_d180").median, course->chosen->outcome.benefit.median);
}

TEST(PlanCourse, UnsampledBandsAreThePointCourse) {
  const auto plan = plan_of("healthy_fine_lines", {"planner.samples=0"});
  ASSERT_EQ(plan.bands.size(), 2U);
  for (const auto& band : plan.bands) {
    EXPECT_NE(band.name.find("(point estimate)"), std::string::npos) << band.name;
    ASSERT_FALSE(band.t_h.empty());
    EXPECT_EQ(band.p5, band.median) << band.name;
    EXPECT_EQ(band.p95, band.median) << band.name;
  }
}

// The windows of the course area's protocol and of each comparator (one session, a year).
TEST(PlanCourse, CarriesTheWindowsOfItsCourses) {
  const auto plan = plan_of("healthy_fine_lines", {"planner.samples=0"});
  const auto* course = plan::course_recommendation(plan.recommendations);
  ASSERT_NE(course, nullptr);
  const auto& c = course->chosen->candidate;
  ASSERT_EQ(plan.course_windows_h.size(), static_cast<std::size_t>(c.sessions));
  for (std::size_t k = 0; k + 1 < plan.course_windows_h.size(); ++k)
    EXPECT_DOUBLE_EQ(plan.course_windows_h[k], c.interval_d * 24.0);
  EXPECT_GE(plan.course_windows_h.back(), 120.0 * 24.0);
  ASSERT_FALSE(plan.procedures.empty());
  for (const auto& p : plan.procedures) EXPECT_EQ(p.windows_h, std::vector<double>{365.0 * 24.0}) << p.procedure;
  EXPECT_EQ(plan::duration_windows("erythema_duration_h", plan.course_windows_h), plan.course_windows_h);
  EXPECT_EQ(plan::duration_windows("downtime_d", {48.0}), std::vector<double>{2.0});
  EXPECT_TRUE(plan::duration_windows("pih_probability", plan.course_windows_h).empty());
}

}  // namespace
}  // namespace mnsim::app
