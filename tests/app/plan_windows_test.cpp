// Durations that ran to the end of their simulated window are lower bounds (issue #26): plan.json
// gives the windows (course_windows_h, procedures[].windows_h) and lists the quantiles of a
// duration that equal one of them under "lower_bound"; a duration that ended inside its window
// has none.
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace mnsim::test {
namespace {

namespace fs = std::filesystem;

nlohmann::json plan_json(const std::string& patient, const std::string& extra, const std::string& name) {
  const auto dir = scratch_dir(name);
  const auto out = dir / "run";
  const auto r = mnsim("plan '" + (source_dir() / "examples" / "patients" / patient).string() +
                       "' --samples 40 --set output.plots=false --force -o '" + out.string() + "' " + extra);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  if (r.exit_code != 0) return {};
  auto j = nlohmann::json::parse(std::ifstream(out / "plan.json"));
  fs::remove_all(dir);
  return j;
}

bool is_lower_bound(const nlohmann::json& q, const std::string& quantile) {
  if (!q.contains("lower_bound")) return false;
  const auto& l = q["lower_bound"];
  return std::find(l.begin(), l.end(), quantile) != l.end();
}

bool is_window(double value, const std::vector<double>& windows) {
  return std::find(windows.begin(), windows.end(), value) != windows.end();
}

// Fitzpatrick VI, 2.5 mm, limits the planner may break (the deepest protocol, six sessions two
// weeks apart): in some sampled persons the redness of a session outlasts the simulated time. The
// downtime limit (60 d at most) breaks over sampled persons; without fallbacks the protocol is kept.
TEST(PlanWindows, ADurationCutOffAtItsWindowIsALowerBound) {
  const auto j = plan_json("acne_scars_fitzpatrick5.toml",
                           "--set patient.fitzpatrick=6 --set goal.kind=other_scars --set device.needle_length_mm=2.5 "
                           "--set planner.max_downtime_d=60 --set planner.max_pih_probability=1 "
                           "--set planner.max_scar_probability=1 --set planner.max_bruising_probability=1 "
                           "--set planner.max_infection_probability=1 --set planner.sampled_fallbacks=0",
                           "plan-windows-cut");
  ASSERT_FALSE(j.empty());
  const auto windows = j.at("course_windows_h").get<std::vector<double>>();
  ASSERT_EQ(windows.size(), j.at("recommended")[0].at("sessions").get<std::size_t>());
  const auto& erythema = j.at("predicted").at("erythema_duration_h");
  EXPECT_TRUE(is_window(erythema.at("p95").get<double>(), windows)) << erythema;
  EXPECT_TRUE(is_lower_bound(erythema, "p95")) << erythema;
  EXPECT_FALSE(is_lower_bound(erythema, "p5")) << erythema;  // the 5th percentile ended within days
  const auto& downtime = j.at("predicted").at("downtime_d");
  EXPECT_TRUE(is_lower_bound(downtime, "p95")) << downtime;
  // Re-epithelialisation ends within days: a value, not a bound.
  EXPECT_FALSE(j.at("predicted").at("reepithelialisation_h").contains("lower_bound"));
  for (const auto& p : j.at("procedures")) EXPECT_EQ(p.at("windows_h"), nlohmann::json::array({8760.0}));
}

TEST(PlanWindows, DurationsWithinTheirWindowsAreValues) {
  const auto j = plan_json("healthy_fine_lines.toml", "", "plan-windows-values");
  ASSERT_FALSE(j.empty());
  EXPECT_FALSE(j.at("course_windows_h").empty());
  for (const auto& [key, q] : j.at("predicted").items()) EXPECT_FALSE(q.contains("lower_bound")) << key;
  for (const auto& p : j.at("procedures")) {
    for (const auto& [key, q] : p.at("predicted").items()) EXPECT_FALSE(q.contains("lower_bound")) << key;
  }
}

}  // namespace
}  // namespace mnsim::test
