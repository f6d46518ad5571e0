// How data/validation/ is read (data/validation/README.md): comparison rows and virtual trials,
// each with a role, and what a malformed record is told. Also the band of a rate published as
// k of n (Wilson 95 %), which decides whether a trial's event count is plausible under the model.
#include "app/validation_rows.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"
#include "test_support.hpp"

namespace mnsim::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* header =
    "id,role,calibrates,case,scenario,set,quantity,time,measured,spread,low,high,band_rule,unit,source,tag,"
    "assumptions\n";

// A data directory `<root>/data/validation` holding the given comparison files and trials.
fs::path validation_dir(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
  const auto dir = test::scratch_dir(name) / "data" / "validation";
  fs::create_directories(dir / "comparisons");
  fs::create_directories(dir / "trials");
  for (const auto& [file, text] : files) std::ofstream(dir / file) << text;
  return dir;
}

std::string error_of(const fs::path& dir) {
  try {
    (void)read_validation_data(dir);
  } catch (const InputError& e) {
    return e.where().to_string() + " " + e.key() + ": " + e.message();
  }
  return "no error";
}

TEST(ValidationRows, ReadsRowsWithTheirRoleBandAndOverrides) {
  const auto dir = validation_dir(
      "rows-ok",
      {{"comparisons/mechanics.csv",
        std::string(header) + "mech_a,calibration,mechanics.channel_depth_recoil,rat roller,examples/validation/x.toml,"
                              "device.needle_length_mm=0.77; compare=fractional-co2,injury.channel_depth_um.mean,after,"
                              "152.5,SD 9.6,133.3,171.7,sd2,um,\"Kalluri 2011, AAPS J 13:473\",V,\n"
                              "mech_b,validation,,pig roller,examples/validation/y.toml,,injury.majority_layer,,"
                              "papillary_dermis,,,,category,,Lima 2013,V,assumed four passes\n"}});
  const auto data = read_validation_data(dir);
  ASSERT_EQ(data.rows.size(), 2U);
  const auto& a = data.rows[0];
  EXPECT_EQ(a.about.module, "mechanics");
  EXPECT_EQ(a.about.role, Role::calibration);
  EXPECT_EQ(a.about.calibrates, std::vector<std::string>{"mechanics.channel_depth_recoil"});
  EXPECT_EQ(a.run.set, std::vector<std::string>{"device.needle_length_mm=0.77"});
  EXPECT_EQ(a.run.compare, std::vector<std::string>{"fractional-co2"});
  ASSERT_TRUE(a.measured && a.band.low && a.band.high);
  EXPECT_DOUBLE_EQ(*a.measured, 152.5);
  EXPECT_TRUE(a.band.contains(150.0));
  EXPECT_FALSE(a.band.contains(172.0));
  EXPECT_EQ(a.about.file, "data/validation/comparisons/mechanics.csv");  // from the root, the same on every machine
  EXPECT_EQ(a.about.line, 2);
  const auto& b = data.rows[1];
  EXPECT_EQ(b.band.rule, "category");
  EXPECT_EQ(b.measured_text, "papillary_dermis");
  EXPECT_FALSE(b.measured);
}

TEST(ValidationRows, MalformedRowsNameTheFileLineAndColumn) {
  const auto row = [](const std::string& fields) { return std::string(header) + fields + "\n"; };
  const std::vector<std::pair<std::string, std::string>> cases{
      {"x,judged,,c,s.toml,,q,,1,,0.5,2,fold2,,src,V,", "role: expected calibration or validation"},
      {"x,calibration,,c,s.toml,,q,,1,,0.5,2,fold2,,src,V,", "calibrates: a calibration row names the parameters"},
      {"x,validation,response.vascular_max,c,s.toml,,q,,1,,0.5,2,fold2,,src,V,", "a validation row has no parameter"},
      {"x,validation,,c,s.toml,,q,,1,,0.5,2,twice,,src,V,", "band_rule: unknown rule"},
      {"x,validation,,c,s.toml,,q,,1,,,,fold2,,src,V,", "low: a numeric row needs low or high"},
      {"x,validation,,c,s.toml,,q,,1,,2,0.5,fold2,,src,V,", "low is above high"},
      {"x,validation,,c,s.toml,,q,,one,,0.5,2,fold2,,src,V,", "measured: expected a number"},
      {"x,validation,,c,s.toml,,q,,1,,0.5,2,fold2,,,V,", "source: every row cites its source"},
      {"x,validation,,c,s.toml,,q,,1,,0.5,2,fold2,,src,maybe,", "tag: expected V, D or M"},
      {"X-1,validation,,c,s.toml,,q,,1,,0.5,2,fold2,,src,V,", "is not a slug"},
      {"x,validation,,c,s.toml,nokey,q,,1,,0.5,2,fold2,,src,V,", "set: expected key=value"},
      {"x,validation,,c,,,q,,1,,0.5,2,fold2,,src,V,", "scenario: every row names the scenario"},
  };
  int k = 0;
  for (const auto& [fields, message] : cases) {
    const auto dir = validation_dir("rows-bad-" + std::to_string(k++), {{"comparisons/skin.csv", row(fields)}});
    const auto error = error_of(dir);
    EXPECT_NE(error.find("comparisons/skin.csv:2"), std::string::npos) << error;
    EXPECT_NE(error.find(message), std::string::npos) << fields << "\n" << error;
  }
}

TEST(ValidationRows, AnIdIsUsedOnce) {
  const auto dir = validation_dir(
      "rows-twice",
      {{"comparisons/skin.csv", std::string(header) + "x,validation,,c,s.toml,,q,,1,,0.5,2,fold2,,s,V,\n"},
       {"comparisons/transport.csv", std::string(header) + "x,validation,,c,s.toml,,q,,1,,0.5,2,fold2,,s,V,\n"}});
  EXPECT_NE(error_of(dir).find("the id \"x\" is used twice"), std::string::npos) << error_of(dir);
}

constexpr const char* trial_text = R"(id = "series"
module = "response"
role = "validation"
source = "A series of 36 patients"
tag = "V"

[[arm]]
name = "pen"
scenario = "examples/default.toml"
set = ["protocol.sessions=3", "compare=fractional-co2"]
n = 36
fitzpatrick = { "3" = 20, "4" = 16 }
female_share = 0.8
age_y = 32

[[endpoint]]
case = "PIH"
arm = "pen"
quantity = "response.pih_probability"
events = 0

[[endpoint]]
case = "longer erythema after the laser"
kind = "ordering"
quantity = "response.erythema_duration_h"
greater = "pen"
lesser = "pen"
)";

TEST(ValidationRows, ReadsATrialsArmsMixAndEndpoints) {
  const auto dir = validation_dir("trial-ok", {{"trials/series.toml", trial_text}});
  const auto data = read_validation_data(dir);
  ASSERT_EQ(data.trials.size(), 1U);
  const auto& t = data.trials[0];
  ASSERT_EQ(t.arms.size(), 1U);
  EXPECT_EQ(t.arms[0].n, 36);
  EXPECT_EQ(t.arms[0].fitzpatrick.at(3), 20.0);
  EXPECT_EQ(t.arms[0].run.compare, std::vector<std::string>{"fractional-co2"});
  EXPECT_EQ(t.arms[0].run.set, std::vector<std::string>{"protocol.sessions=3"});
  ASSERT_EQ(t.endpoints.size(), 2U);
  EXPECT_EQ(t.endpoints[0].kind, EndpointKind::events);
  EXPECT_EQ(t.endpoints[1].kind, EndpointKind::ordering);
}

TEST(ValidationRows, ATrialIsCheckedAgainstItsArms) {
  const std::string text = trial_text;
  const std::vector<std::pair<std::string, std::string>> cases{
      {std::string(text).replace(text.find("events = 0"), 10, "events = 40"),
       "events must lie between 0 and the arm's n"},
      {std::string(text).replace(text.find("lesser = \"pen\""), 14, "lesser = \"laser\""), "has no arm \"laser\""},
      {std::string(text).replace(text.find("fitzpatrick = {"), 15, "fitzpatrick = { \"7\" = 1, "), "types 1 to 6"},
      {std::string(text).replace(text.find("n = 36"), 6, "n = 0"), "at least one patient"},
  };
  int k = 0;
  for (const auto& [trial, message] : cases) {
    const auto dir = validation_dir("trial-bad-" + std::to_string(k++), {{"trials/series.toml", trial}});
    EXPECT_NE(error_of(dir).find(message), std::string::npos) << error_of(dir);
  }
}

// 0 of 36 with PIH is plausible under a 1 % rate and not under a 10 % rate.
TEST(ValidationRows, WilsonBandOfARate) {
  const auto none = wilson_band(0, 36);
  EXPECT_DOUBLE_EQ(*none.low, 0.0);
  EXPECT_NEAR(*none.high, 0.0964, 5e-4);
  EXPECT_TRUE(none.contains(0.01));
  EXPECT_FALSE(none.contains(0.10));
  // 37 % of 500 (185 events): 0.329-0.413 (Wilson, z = 1.96).
  const auto co2 = wilson_band(185, 500);
  EXPECT_NEAR(*co2.low, 0.3289, 5e-4);
  EXPECT_NEAR(*co2.high, 0.4131, 5e-4);
  const auto all = wilson_band(10, 10);
  EXPECT_NEAR(*all.low, 0.7225, 5e-4);
  EXPECT_DOUBLE_EQ(*all.high, 1.0);
}

}  // namespace
}  // namespace mnsim::app
