// Issue #26 (8): `mnsim compare` sets the scenario's microneedling protocol (4 sessions 30 d apart in
// examples/default.toml) against one session of each other procedure. The printed table,
// comparison.csv and summary.json each say, for every procedure, how many sessions it stands for
// and how far apart.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using mnsim::test::mnsim;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(CompareCli, SaysHowManySessionsEachProcedureStandsFor) {
  const auto dir = mnsim::test::scratch_dir("cli-compare-sessions");
  const auto out = dir / "run";
  const auto example = (mnsim::test::source_dir() / "examples" / "default.toml").string();
  const auto r =
      mnsim("compare '" + example + "' --with dermabrasion,fractional-co2 --samples 8 -o '" + out.string() + "'",
            "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;

  // The table: a sessions column, each row's schedule, and a line saying what the rows are.
  const auto lines = lines_of(r.output);
  ASSERT_GE(lines.size(), 4U) << r.output;
  EXPECT_EQ(lines[0].rfind("procedure", 0), 0U) << r.output;
  EXPECT_NE(lines[0].find("  sessions  "), std::string::npos) << r.output;
  EXPECT_EQ(lines[1].rfind("Microneedling ", 0), 0U) << r.output;
  EXPECT_NE(lines[1].find(" 4 x 30 d "), std::string::npos) << r.output;
  EXPECT_EQ(lines[2].rfind("Dermabrasion ", 0), 0U) << r.output;
  EXPECT_NE(lines[2].find(" 1 "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Microneedling: 4 sessions 30 d apart; Dermabrasion, Ablative fractional CO2 laser: 1 "
                          "session each."),
            std::string::npos)
      << r.output;

  // comparison.csv: sessions, and the interval where there is one.
  const auto csv = lines_of(read_text(out / "comparison.csv"));
  ASSERT_EQ(csv.size(), 4U);
  EXPECT_EQ(csv[0].rfind("procedure,label,sessions,", 0), 0U) << csv[0];
  EXPECT_TRUE(csv[0].ends_with(",interval_d")) << csv[0];
  EXPECT_EQ(csv[1].rfind("microneedling,\"Microneedling\",4,", 0), 0U) << csv[1];
  EXPECT_TRUE(csv[1].ends_with(",30")) << csv[1];
  EXPECT_EQ(csv[2].rfind("dermabrasion,\"Dermabrasion\",1,", 0), 0U) << csv[2];
  EXPECT_TRUE(csv[2].ends_with(",")) << csv[2];

  // summary.json: every block with its sessions, interval and protocol in words.
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  EXPECT_EQ(summary["response"]["sessions"], 4);
  EXPECT_EQ(summary["response"]["interval_d"], 30.0);
  EXPECT_EQ(summary["response"]["protocol"], "4 sessions 30 d apart");
  for (const auto* name : {"dermabrasion", "fractional-co2"}) {
    EXPECT_EQ(summary["comparison"][name]["sessions"], 1) << name;
    EXPECT_EQ(summary["comparison"][name]["protocol"], "1 session") << name;
  }
  fs::remove_all(dir);
}

}  // namespace
