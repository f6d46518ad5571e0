// `mnsim sweep` end to end: a sweep point is exactly the `simulate` run with that setting, the
// grid runs every combination, and a bad sweep is refused before anything is written. Doubles as
// the tutorial of the command (docs/outputs.md, "Sweeps").
#include <gtest/gtest.h>

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

// The rat-skin validation scenario: reduced transport and the response's point estimate, fast.
std::string rat_example() {
  return (test::source_dir() / "examples" / "validation" / "franz_rat_polymer_roller.toml").string();
}

nlohmann::json read_json(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Needle length is the device maker's and practitioner's first question: how much more of the
// product gets in with longer needles? Each point must be the run `simulate --set` gives.
TEST(Sweep, EachPointIsTheSimulateRunWithThatSetting) {
  const auto dir = test::scratch_dir("sweep-points");
  const auto out = dir / "sweep";
  const auto r =
      test::mnsim("sweep '" + rat_example() + "' --vary device.needle_length_mm=0.25:1:4 -o '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("not medical advice"), std::string::npos);

  const auto summary = read_json(out / "summary.json");
  EXPECT_EQ(summary["command"], "sweep");
  const auto& points = summary["sweep"]["points"];
  ASSERT_EQ(points.size(), 4U);
  EXPECT_EQ(summary["sweep"]["varied"], nlohmann::json::array({"device.needle_length_mm"}));
  const std::string ratio = "transport.products[0].enhancement_ratio";
  const auto& keys = summary["sweep"]["keys"];
  ASSERT_NE(std::find(keys.begin(), keys.end(), ratio), keys.end()) << keys.dump();

  // The last point against simulate on the same scenario and seed: the same numbers, exactly.
  const auto single = dir / "single";
  const auto s = test::mnsim(
      "simulate '" + rat_example() + "' --set device.needle_length_mm=1 -o '" + single.string() + "' --json",
      "2>/dev/null");
  ASSERT_EQ(s.exit_code, 0) << s.output;
  auto simulated = nlohmann::json::parse(s.output);
  simulated["injury"].erase("punctures_written");  // what simulate's own files hold, not the model's
  EXPECT_EQ(points[3]["values"]["device.needle_length_mm"], "1");
  EXPECT_EQ(points[3]["results"][ratio], simulated["transport"]["products"][0]["enhancement_ratio"]);
  const auto kept = read_json(out / points[3]["dir"].get<std::string>() / "summary.json");
  EXPECT_EQ(kept["injury"], simulated["injury"]);
  EXPECT_EQ(kept["transport"]["products"][0]["cumulative_ug_per_cm2"],
            simulated["transport"]["products"][0]["cumulative_ug_per_cm2"]);

  // Longer needles, deeper channels, more of the product in and a longer window: monotone.
  for (std::size_t i = 1; i < points.size(); ++i) {
    EXPECT_GT(points[i]["results"][ratio].get<double>(), points[i - 1]["results"][ratio].get<double>()) << i;
    EXPECT_GT(points[i]["results"]["transport.products[0].window_h"].get<double>(),
              points[i - 1]["results"]["transport.products[0].window_h"].get<double>())
        << i;
    EXPECT_GT(points[i]["results"]["injury.channel_depth_um.mean"].get<double>(),
              points[i - 1]["results"]["injury.channel_depth_um.mean"].get<double>())
        << i;
  }

  // sweep.csv: a header and one row per point, the varied value then the entries read.
  const auto csv = lines_of(out / "sweep.csv");
  ASSERT_EQ(csv.size(), 5U);
  EXPECT_EQ(csv[0].rfind("point,device.needle_length_mm,", 0), 0U) << csv[0];
  EXPECT_EQ(csv[2].rfind("1,0.5,", 0), 0U) << csv[2];
  fs::remove_all(dir);
}

TEST(Sweep, TwoKeysRunEveryCombinationAndChosenEntriesAreTabulated) {
  const auto dir = test::scratch_dir("sweep-grid");
  const auto out = dir / "sweep";
  const auto r = test::mnsim("sweep '" + rat_example() +
                                 "' --vary protocol.passes=1,9 --vary device.needle_length_mm=0.25,0.5 "
                                 "--key 'transport.products[0].enhancement_ratio' --key device.model "
                                 "--set output.plots=true --json -o '" +
                                 out.string() + "'",
                             "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto summary = nlohmann::json::parse(r.output);
  const auto& points = summary["sweep"]["points"];
  ASSERT_EQ(points.size(), 4U);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"1", "0.25"}, {"1", "0.5"}, {"9", "0.25"}, {"9", "0.5"}};
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i]["values"]["protocol.passes"], expected[i].first);
    EXPECT_EQ(points[i]["values"]["device.needle_length_mm"], expected[i].second);
    EXPECT_EQ(points[i]["results"]["device.model"], "roller_192");
    EXPECT_TRUE(fs::exists(out / points[i]["dir"].get<std::string>() / "scenario.resolved.toml"));
  }
  // More passes open more channels: a larger ratio at either needle length.
  const std::string ratio = "transport.products[0].enhancement_ratio";
  EXPECT_GT(points[2]["results"][ratio].get<double>(), points[0]["results"][ratio].get<double>());
  EXPECT_GT(points[3]["results"][ratio].get<double>(), points[1]["results"][ratio].get<double>());
  EXPECT_EQ(lines_of(out / "sweep.csv")[0],
            "point,protocol.passes,device.needle_length_mm,transport.products[0].enhancement_ratio,device.model");
  // Two varied keys: no figure (a figure is drawn for one numeric key).
  EXPECT_FALSE(fs::exists(out / "sweep.png"));
  fs::remove_all(dir);
}

TEST(Sweep, OneNumericKeyIsDrawn) {
  const auto dir = test::scratch_dir("sweep-figure");
  const auto out = dir / "sweep";
  const auto r = test::mnsim("sweep '" + rat_example() +
                             "' --vary product[0].concentration_pct=0.01:1:3:log --set output.plots=true -o '" +
                             out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(out / "sweep.png"));
  EXPECT_TRUE(fs::exists(out / "sweep.gp"));
  const auto summary = read_json(out / "summary.json");
  EXPECT_EQ(summary["figures"], nlohmann::json::array({"sweep.png"}));
  // An infinite dose: the amount delivered is proportional to the concentration, the ratio is not.
  const auto& points = summary["sweep"]["points"];
  const std::string amount = "transport.products[0].cumulative_ug_per_cm2";
  const std::string ratio = "transport.products[0].enhancement_ratio";
  EXPECT_NEAR(points[2]["results"][amount].get<double>() / points[0]["results"][amount].get<double>(), 100.0, 1e-6);
  EXPECT_NEAR(points[2]["results"][ratio].get<double>(), points[0]["results"][ratio].get<double>(),
              1e-8 * points[0]["results"][ratio].get<double>());
  fs::remove_all(dir);
}

TEST(Sweep, BadSweepsAreRefusedBeforeAnythingIsWritten) {
  const auto dir = test::scratch_dir("sweep-bad");
  const auto out = dir / "sweep";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"--vary device.needle_lenth_mm=0.5,1", "did you mean device.needle_length_mm"},
      {"--vary device.needle_length_mm=0.5,99", "out of range"},
      {"--vary protocol.passes=1:4:3", "expected an integer"},
      {"--vary device.needle_length_mm=0.1:3:30 --vary protocol.passes=1:20:20", "--max-points"},
      {"--vary device.needle_length_mm=0.5,1 --set device.needle_length_mm=0.3", "both set and varied"},
      {"--vary device.needle_length_mm=0.5,1 --key 'transport.products[x].window_h'", "whole number"},
      {"--vary device.needle_length_mm=0.5,1 --key transport.products[0].nothing", "not in this scenario"},
      {"--vary device.needle_length_mm=1:0.5", "three or four fields"},
      {"", "--vary is required"}};
  test::expect_refused("sweep '" + rat_example() + "'", cases, out);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mnsim
