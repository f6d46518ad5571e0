// A plan keeps its own limits (issue #26, defect 9): a recommended protocol that breaks a risk limit
// at its 95th percentile is never a go, no device bypasses an area's depth cap, and a patient
// outside the ages the evidence covers is refused or cautioned with the reason.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace mnsim::test {
namespace {

namespace fs = std::filesystem;

struct PlanRun {
  int exit_code = -1;
  std::string output;
  nlohmann::json plan;
};

PlanRun plan_of(const fs::path& patient, const std::string& extra, const fs::path& out) {
  PlanRun run;
  const auto r = mnsim("plan '" + patient.string() + "' --samples 40 --set output.plots=false --force -o '" +
                       out.string() + "' " + extra);
  run.exit_code = r.exit_code;
  run.output = r.output;
  if (r.exit_code == 0) run.plan = nlohmann::json::parse(std::ifstream(out / "plan.json"));
  return run;
}

bool has_rule(const nlohmann::json& plan, const std::string& id, const std::string& subject = {}) {
  for (const auto& rule : plan["rules"])
    if (rule.value("id", "") == id && (subject.empty() || rule.value("subject", "") == subject)) return true;
  return false;
}

fs::path write_patient(const fs::path& dir, const std::string& name, const std::string& text) {
  const auto file = dir / name;
  std::ofstream(file) << text;
  return file;
}

TEST(PlanLimits, AProtocolBreakingALimitAtItsNinetyFifthPercentileIsNeverAGo) {
  const auto dir = scratch_dir("plan-limits");
  const auto patient = source_dir() / "examples" / "patients" / "healthy_fine_lines.toml";
  // Every limit at zero: nothing can keep them, so nothing is a go.
  const auto none = plan_of(patient,
                            "--set planner.max_scar_probability=0 --set planner.max_pih_probability=0 "
                            "--set planner.max_infection_probability=0 --set planner.max_bruising_probability=0 "
                            "--set planner.max_downtime_d=0",
                            dir / "none");
  ASSERT_EQ(none.exit_code, 0) << none.output;
  EXPECT_NE(none.plan["verdict"], "go");
  EXPECT_TRUE(has_rule(none.plan, "risk_limit_exceeded", "cheeks"));
  EXPECT_TRUE(has_rule(none.plan, "risk_limit_exceeded", "forehead"));
  // The report says the protocol shown is the least risky, not one chosen within the limits.
  std::ifstream report_file(dir / "none" / "report.html");
  const std::string report((std::istreambuf_iterator<char>(report_file)), std::istreambuf_iterator<char>());
  EXPECT_NE(report.find("that exceeds them least"), std::string::npos);
  EXPECT_EQ(report.find("best predicted benefit within the risk limits"), std::string::npos);

  // The defaults: each area's recommended protocol keeps every limit at its sampled 95th percentile
  // (a protocol within them only at its point estimate gives way to a runner-up that keeps them).
  const auto plain = plan_of(patient, "", dir / "plain");
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  const auto& limits = plain.plan["risk_limits"];
  int recommended = 0;
  for (const auto& c : plain.plan["comparison"]) {
    if (!c.value("recommended", false)) continue;
    ++recommended;
    EXPECT_LE(c["downtime_d"]["p95"].get<double>(), limits["max_downtime_d_p95"].get<double>()) << c.dump();
    EXPECT_LE(c["scar_probability"]["p95"].get<double>(), limits["max_scar_probability_p95"].get<double>());
    EXPECT_LE(c["pih_probability"]["p95"].get<double>(), limits["max_pih_probability_p95"].get<double>());
    EXPECT_LT(c["benefit"]["p5"].get<double>(), c["benefit"]["p95"].get<double>()) << "not sampled: " << c.dump();
  }
  EXPECT_EQ(recommended, 2);
  EXPECT_EQ(plain.plan["verdict"], "go");
  fs::remove_all(dir);
}

TEST(PlanLimits, AFixedNeedleDeeperThanAnAreasCapIsNotRecommended) {
  const auto dir = scratch_dir("plan-depth-cap");
  const auto patient = write_patient(dir, "roller.toml", R"([patient]
age_y = 45
sex = "female"
fitzpatrick = 2

[goal]
kind = "fine_lines"

[[area]]
name = "under the eyes"
site = "periorbital"
area_cm2 = 10

[device]
type = "roller"
needle_length_mm = 2.5
)");
  const auto run = plan_of(patient, "", dir / "out");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.plan["verdict"], "go");
  EXPECT_TRUE(has_rule(run.plan, "no_protocol_within_limits", "under the eyes"));
  EXPECT_TRUE(run.plan["recommended"].empty()) << run.plan["recommended"].dump();
  ASSERT_EQ(run.plan["notes"].size(), 1U);
  EXPECT_NE(run.plan["notes"][0]["note"].get<std::string>().find("2.5 mm long"), std::string::npos)
      << run.plan["notes"].dump();
  fs::remove_all(dir);
}

TEST(PlanLimits, APatientOutsideTheAgesOfTheEvidenceIsRefusedOrCautioned) {
  const auto dir = scratch_dir("plan-age");
  const auto patient = source_dir() / "examples" / "patients" / "healthy_fine_lines.toml";
  const auto newborn = plan_of(patient, "--set patient.age_y=0 --set patient.weight_kg=3", dir / "newborn");
  ASSERT_EQ(newborn.exit_code, 0) << newborn.output;
  EXPECT_EQ(newborn.plan["verdict"], "do_not_treat");
  EXPECT_TRUE(has_rule(newborn.plan, "age_under_18"));
  const auto teen = plan_of(patient, "--set patient.age_y=16", dir / "teen");
  EXPECT_EQ(teen.plan["verdict"], "do_not_treat");
  const auto young = plan_of(patient, "--set patient.age_y=20", dir / "young");
  ASSERT_EQ(young.exit_code, 0) << young.output;
  EXPECT_EQ(young.plan["verdict"], "caution");
  EXPECT_TRUE(has_rule(young.plan, "age_under_22"));
  const auto adult = plan_of(patient, "--set patient.age_y=22", dir / "adult");
  EXPECT_FALSE(has_rule(adult.plan, "age_under_22"));
  EXPECT_FALSE(has_rule(adult.plan, "age_under_18"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mnsim::test
