// `mnsim fit` end to end, as a transdermal researcher uses it: a Franz-cell course measured with
// and without the roller, the model's intact permeability and excised-skin residual fitted to it,
// and the fitted scenario run again. The measurements here are made by the model itself at known
// values (so the answer is known); a bad fit request is refused before anything is written.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

std::string pig_example() {
  return (test::source_dir() / "examples" / "validation" / "franz_pig_roller.toml").string();
}

constexpr double true_kp = 4.5e-4;      // cm/h (2.5 times the fitted QSAR's 1.8e-4, where a fit starts)
constexpr double true_residual = 0.01;  // share of the channels' conductance excised skin keeps
const std::string compound = "--set product[0].compound=amantadine_hcl";

struct Course {
  std::vector<double> time_h, treated, intact;
};

// The model's own course at the true values, read from simulate's transport table.
Course simulated_course(const fs::path& dir) {
  const auto run = dir / "truth";
  const auto r =
      test::mnsim("simulate '" + pig_example() + "' " + compound +
                      " --set product[0].intact_kp_cm_per_h=4.5e-4 --set transport.closure_excised_residual=0.01"
                      " --set transport.samples=0 -o '" +
                      run.string() + "'",
                  "2>&1 >/dev/null");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(run / "transport_1_donor.csv");
  std::string line;
  std::getline(in, line);  // time_h,flux,cumulative,intact_flux,intact_cumulative,...
  Course c;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::vector<std::string> f;
    for (std::string cell; std::getline(fields, cell, ',');) f.push_back(cell);
    c.time_h.push_back(std::stod(f[0]));
    c.treated.push_back(std::stod(f[2]));
    c.intact.push_back(std::stod(f[4]));
  }
  return c;
}

// Sampled at the output times nearest whole hours (no interpolation error), with relative noise
// `noise` alternating in sign and a standard deviation column when `sd` is set.
fs::path write_measurements(const fs::path& dir, const Course& c, double noise, bool sd) {
  const auto file = dir / "measured.csv";
  std::ofstream out(file);
  out.precision(17);
  out << "time_h,cumulative_ug_per_cm2,intact_cumulative_ug_per_cm2" << (sd ? ",intact_cumulative_ug_per_cm2_sd" : "")
      << "\n";
  int sign = 1;
  for (const double hour : {1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 12.0}) {
    const auto k = static_cast<std::size_t>(
        std::min_element(c.time_h.begin(), c.time_h.end(),
                         [&](double a, double b) { return std::abs(a - hour) < std::abs(b - hour); }) -
        c.time_h.begin());
    out << c.time_h[k] << "," << c.treated[k] * (1 + sign * noise) << "," << c.intact[k] * (1 - sign * noise);
    if (sd) out << "," << std::max(noise, 0.01) * c.intact[k] + 1e-6;
    out << "\n";
    sign = -sign;
  }
  return file;
}

nlohmann::json fitted_parameter(const nlohmann::json& summary, const std::string& key) {
  for (const auto& p : summary["fit"]["parameters"])
    if (p["key"] == key) return p;
  return {};
}

TEST(Fit, RecoversThePermeabilityAndResidualThatMadeACourse) {
  const auto dir = test::scratch_dir("fit-recover");
  const auto data = write_measurements(dir, simulated_course(dir), 0.0, false);
  const auto out = dir / "fit";
  const auto r = test::mnsim("fit '" + pig_example() + "' " + compound + " --data '" + data.string() +
                             "' --fit product[0].intact_kp_cm_per_h --fit transport.closure_excised_residual "
                             "--set output.plots=true -o '" +
                             out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("not medical advice"), std::string::npos);
  std::ifstream in(out / "summary.json");
  const auto summary = nlohmann::json::parse(in);
  EXPECT_TRUE(summary["fit"]["converged"].get<bool>()) << summary["fit"]["status"];
  const auto kp = fitted_parameter(summary, "product[0].intact_kp_cm_per_h");
  const auto residual = fitted_parameter(summary, "transport.closure_excised_residual");
  // Started from the QSAR's permeability (2.5 times lower) and the scenario's residual (0.0047).
  EXPECT_LT(kp["start"].get<double>(), 0.5 * true_kp);
  EXPECT_NEAR(kp["fitted"].get<double>(), true_kp, 1e-5 * true_kp);
  EXPECT_NEAR(residual["fitted"].get<double>(), true_residual, 1e-5 * true_residual);
  EXPECT_LT(summary["fit"]["rms_fitted"].get<double>(), 1e-5);
  EXPECT_GT(summary["fit"]["rms_start"].get<double>(), 0.1);
  for (const auto& name : {"fit.csv", "fit_model.csv", "fit.png", "fit.gp", "scenario.fitted.toml"})
    EXPECT_TRUE(fs::exists(out / name)) << name;

  // The fitted scenario runs as any scenario does and gives the measured course back.
  const auto again = dir / "again";
  const auto s = test::mnsim(
      "simulate '" + (out / "scenario.fitted.toml").string() + "' --json -o '" + again.string() + "'", "2>/dev/null");
  ASSERT_EQ(s.exit_code, 0) << s.output;
  const auto rerun = nlohmann::json::parse(s.output);
  EXPECT_NEAR(rerun["transport"]["products"][0]["intact_kp_cm_per_h"].get<double>(), true_kp, 1e-5 * true_kp);
  EXPECT_NEAR(rerun["transport"]["products"][0]["cumulative_ug_per_cm2"].get<double>(),
              summary["transport"]["products"][0]["cumulative_ug_per_cm2"].get<double>(), 1e-9);
  fs::remove_all(dir);
}

TEST(Fit, NoisyMeasurementsGiveAnIntervalAroundTheTruth) {
  const auto dir = test::scratch_dir("fit-noise");
  const auto data = write_measurements(dir, simulated_course(dir), 0.05, true);
  const auto r = test::mnsim("fit '" + pig_example() + "' " + compound + " --data '" + data.string() +
                                 "' --fit product[0].intact_kp_cm_per_h --fit transport.closure_excised_residual=0.002 "
                                 "--json -o '" +
                                 (dir / "fit").string() + "'",
                             "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto summary = nlohmann::json::parse(r.output);
  const auto kp = fitted_parameter(summary, "product[0].intact_kp_cm_per_h");
  const auto residual = fitted_parameter(summary, "transport.closure_excised_residual");
  EXPECT_EQ(residual["start"].get<double>(), 0.002);
  EXPECT_LT(kp["low95"].get<double>(), true_kp);
  EXPECT_GT(kp["high95"].get<double>(), true_kp);
  EXPECT_LT(residual["low95"].get<double>(), true_residual);
  EXPECT_GT(residual["high95"].get<double>(), true_residual);
  EXPECT_NEAR(kp["fitted"].get<double>(), true_kp, 0.1 * true_kp);
  EXPECT_EQ(summary["fit"]["quantities"][1]["weighted_by"], "sd");
  fs::remove_all(dir);
}

// The documented example (examples/fit/): its synthetic course, made at the true values and rounded
// to four digits, gives them back to 0.1 %.
TEST(Fit, TheExampleGivesBackTheValuesThatMadeItsCourse) {
  const auto dir = test::scratch_dir("fit-example");
  const auto examples = test::source_dir() / "examples" / "fit";
  const auto r =
      test::mnsim("fit '" + (examples / "franz_pig_roller_amantadine.toml").string() + "' --data '" +
                      (examples / "amantadine_pig_roller_synthetic.csv").string() +
                      "' --fit product[0].intact_kp_cm_per_h --fit transport.closure_excised_residual --json "
                      "-o '" +
                      (dir / "fit").string() + "'",
                  "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto summary = nlohmann::json::parse(r.output);
  constexpr double example_kp = 3e-4;  // what made the course (examples/fit/franz_pig_roller_amantadine.toml)
  EXPECT_NEAR(fitted_parameter(summary, "product[0].intact_kp_cm_per_h")["fitted"].get<double>(), example_kp,
              1e-3 * example_kp);
  EXPECT_NEAR(fitted_parameter(summary, "transport.closure_excised_residual")["fitted"].get<double>(), true_residual,
              1e-3 * true_residual);
  fs::remove_all(dir);
}

TEST(Fit, BadRequestsAreRefusedBeforeAnythingIsWritten) {
  const auto dir = test::scratch_dir("fit-bad");
  const auto data = write_measurements(dir, simulated_course(dir), 0.0, false);
  const auto late = dir / "late.csv";
  std::ofstream(late) << "time_h,cumulative_ug_per_cm2\n1,0.5\n30,2\n";
  const auto two = dir / "two.csv";
  std::ofstream(two) << "time_h,cumulative_ug_per_cm2\n1,0.5\n2,1\n";
  const auto out = dir / "fit";
  const std::string good = " --data '" + data.string() + "'";
  const std::vector<std::pair<std::string, std::string>> cases{
      {good + " --fit product[0].intact_kp_cm_per_hr", "did you mean product[].intact_kp_cm_per_h"},
      {good + " --fit product[0].intact_kp_cm_per_h=2", "out of range"},
      {good + " --fit device.model", "only a number can be fitted"},
      {good + " --fit protocol.passes", "only a number can be fitted"},
      {good + " --fit product[0].volume_l_per_kg", "give a start"},
      {good + " --fit transport.closure_excised_residual --fit transport.closure_excised_residual", "fitted twice"},
      {good + " --fit transport.closure_excised_residual --product 3", "the scenario has 1 product"},
      {" --data '" + late.string() + "' --fit transport.closure_excised_residual", "after the experiment's end"},
      {" --data '" + two.string() + "' --fit transport.closure_excised_residual --fit product[0].intact_kp_cm_per_h",
       "more measurements than parameters"},
      {" --data '" + (dir / "missing.csv").string() + "' --fit transport.closure_excised_residual", "no such file"},
      {good, "--fit is required"}};
  test::expect_refused("fit '" + pig_example() + "' " + compound, cases, out);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mnsim
