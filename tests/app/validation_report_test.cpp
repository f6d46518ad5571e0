// The validation report (issue #22): `mnsim validation` runs every published comparison of
// data/validation/ once, here, and these tests read what it wrote.
// - Every calibration row passes: a fit that no longer reproduces the number it was fitted to is a bug.
// - The ratchet: no module passes fewer validation rows than data/validation/ratchet.csv records.
//   Raise the record when a model change passes more; never lower it to let a change through.
// - docs/validation.md is the command's validation.md (`make docs` rewrites it), and the README
//   shows its score table and the checks of the open issues (data/validation/criteria.csv).
// - Calibration and the registry agree both ways: a calibration row names parameters whose source
//   names it back, and every parameter that names calibration rows is named by them.
// - The report is the same at 1 and 3 threads.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "core/csv_table.hpp"
#include "test_support.hpp"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ValidationReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(test::scratch_dir("validation-report"));
    const auto r = test::mnsim("validation -o '" + (*dir_ / "run").string() + "'", "2>&1");
    exit_code_ = r.exit_code;
    output_ = new std::string(r.output);
    summary_ = new nlohmann::json(nlohmann::json::parse(read_text(*dir_ / "run" / "summary.json"), nullptr, false));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete output_;
    delete summary_;
  }
  void SetUp() override {
    ASSERT_EQ(exit_code_, 0) << *output_;
    ASSERT_FALSE(summary_->is_discarded());
  }
  static const nlohmann::json& rows() { return (*summary_)["validation"]["rows"]; }
  static const nlohmann::json& modules() { return (*summary_)["validation"]["modules"]; }
  static const nlohmann::json& criteria() { return (*summary_)["validation"]["criteria"]; }

  static fs::path* dir_;
  static int exit_code_;
  static std::string* output_;
  static nlohmann::json* summary_;
};

fs::path* ValidationReport::dir_ = nullptr;
int ValidationReport::exit_code_ = -1;
std::string* ValidationReport::output_ = nullptr;
nlohmann::json* ValidationReport::summary_ = nullptr;

TEST_F(ValidationReport, SummaryHoldsTheDocumentedKeys) {
  for (const auto& module : {"skin", "mechanics", "transport", "response", "comparators", "plan"}) {
    ASSERT_TRUE(modules().contains(module)) << module;
    for (const auto* key : {"rows", "passed", "score", "gm_fold_error"}) EXPECT_TRUE(modules()[module].contains(key));
  }
  ASSERT_FALSE(rows().empty());
  for (const auto& row : rows()) {
    for (const auto* key :
         {"module", "case", "role", "quantity", "measured", "low", "high", "predicted", "pass", "source"})
      EXPECT_TRUE(row.contains(key)) << row.value("id", "?") << " lacks " << key;
    for (const auto* key : {"median", "p5", "p95"}) EXPECT_TRUE(row["predicted"].contains(key));
    EXPECT_FALSE(row["source"].get<std::string>().empty()) << row["id"];
  }
  for (const auto* file : {"validation.csv", "validation.md"}) EXPECT_TRUE(fs::exists(*dir_ / "run" / file)) << file;
}

TEST_F(ValidationReport, ScoresCountValidationRowsOnly) {
  std::map<std::string, int> counted, passed;
  for (const auto& row : rows()) {
    if (row["role"] != "validation") continue;
    ++counted[row["module"]];
    passed[row["module"]] += row["pass"].get<bool>() ? 1 : 0;
  }
  for (const auto& [module, score] : modules().items()) {
    EXPECT_EQ(score["rows"].get<int>(), counted[module]) << module;
    EXPECT_EQ(score["passed"].get<int>(), passed[module]) << module;
  }
}

// A parameter fitted to one number reproduces it: that row passes. Parameters fitted by least
// squares to many rows (the intact stratum corneum's permeability QSAR, tools/fit_intact_kp.py,
// listed below with the error the registry states) cannot put every row inside its band, the
// spread between laboratories being what it is; such a group is reproduced when its fit is: no
// bias (mean log10 error within 0.05, the least-squares fit has none) and a root-mean-square
// log10 error no larger than the one the registry states for the fit (tools/fit_intact_kp.py).
TEST_F(ValidationReport, EveryCalibrationRowPasses) {
  std::map<std::string, std::vector<const nlohmann::json*>> groups;
  for (const auto& row : rows())
    if (row["role"] == "calibration") {
      std::string calibrates;
      for (const auto& path : row["calibrates"]) {
        if (!calibrates.empty()) calibrates += ';';
        calibrates.append(path.get<std::string>());
      }
      groups[calibrates].push_back(&row);
    }
  const std::map<std::string, double> stated_rmse = {
      {"transport.sc_lipid_intercept;transport.sc_lipid_kow_slope;transport.sc_lipid_sqrt_mw_slope;"
       "transport.sc_lipid_donor_slope",
       0.656}};
  int calibration = 0;
  for (const auto& [calibrates, group] : groups) {
    calibration += static_cast<int>(group.size());
    if (!stated_rmse.contains(calibrates)) {
      for (const auto* row : group)
        EXPECT_TRUE((*row)["pass"].get<bool>())
            << (*row)["id"] << " (" << (*row)["case"] << "): measured " << (*row)["measured"] << " in ["
            << (*row)["low"] << ", " << (*row)["high"] << "], model " << (*row)["predicted"]["median"];
      continue;
    }
    double sum = 0.0, squares = 0.0;
    for (const auto* row : group) {
      const double e = std::log10((*row)["predicted"]["median"].get<double>() / (*row)["measured"].get<double>());
      sum += e;
      squares += e * e;
    }
    const double n = static_cast<double>(group.size());
    EXPECT_LT(std::abs(sum / n), 0.05) << calibrates << ": the fit is biased; refit it";
    EXPECT_LE(std::sqrt(squares / n), stated_rmse.at(calibrates) + 0.005) << calibrates;
  }
  EXPECT_GT(calibration, 0);
}

// Issue #22, done when: at least 150 validation rows over the modules, 25 in transport and 25 in
// the tissue response and comparators together.
TEST_F(ValidationReport, EnoughValidationRowsInEveryModule) {
  int total = 0;
  for (const auto& [module, score] : modules().items()) total += score["rows"].get<int>();
  EXPECT_GE(total, 150);
  EXPECT_GE(modules()["transport"]["rows"].get<int>(), 25);
  EXPECT_GE(modules()["response"]["rows"].get<int>() + modules()["comparators"]["rows"].get<int>(), 25);
  for (const auto* module : {"skin", "mechanics", "transport", "response", "comparators"})
    EXPECT_GE(modules()[module]["rows"].get<int>(), 5) << module;
}

// A validation row that misses says why (data/validation/miss_reasons.csv); a reason for a row
// that now passes, or that does not exist, is stale.
TEST_F(ValidationReport, EveryMissSaysWhy) {
  std::set<std::string> reasons;
  read_csv_table<2>(test::data_dir() / "validation" / "miss_reasons.csv", std::array<const char*, 2>{"id", "reason"},
                    [&](const auto& f, const CsvRowContext&) { reasons.insert(f[0]); });
  std::set<std::string> misses;
  for (const auto& row : rows()) {
    if (row["role"] != "validation" || row["pass"].get<bool>()) continue;
    misses.insert(row["id"].get<std::string>());
    EXPECT_TRUE(row.contains("miss_reason")) << row["id"] << " misses without a reason in miss_reasons.csv";
  }
  for (const auto& id : reasons)
    EXPECT_TRUE(misses.contains(id)) << "miss_reasons.csv: " << id << " is not a validation row that misses";
}

TEST_F(ValidationReport, NoModulePassesFewerValidationRowsThanRecorded) {
  int recorded = 0;
  read_csv_table<2>(test::data_dir() / "validation" / "ratchet.csv", std::array<const char*, 2>{"module", "passed"},
                    [&](const auto& f, const CsvRowContext&) {
                      ++recorded;
                      ASSERT_TRUE(modules().contains(f[0])) << f[0];
                      const int passed = modules()[f[0]]["passed"];
                      EXPECT_GE(passed, std::stoi(f[1]))
                          << f[0] << ": fewer validation rows pass than data/validation/ratchet.csv records";
                    });
  EXPECT_EQ(recorded, 6);
}

// The first line where two texts differ (1-based), with both lines; empty when they are equal.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream left(a), right(b);
  std::string l, r;
  for (int line = 1;; ++line) {
    const bool more_left = static_cast<bool>(std::getline(left, l));
    const bool more_right = static_cast<bool>(std::getline(right, r));
    if (!more_left && !more_right) return {};
    if (more_left != more_right || l != r)
      return "line " + std::to_string(line) + ":\n  generated: " + (more_left ? l : "(end)") +
             "\n  docs:      " + (more_right ? r : "(end)");
  }
}

TEST_F(ValidationReport, DocsValidationMdIsTheCommandsPage) {
  const auto difference = first_difference(read_text(*dir_ / "run" / "validation.md"),
                                           read_text(test::source_dir() / "docs" / "validation.md"));
  EXPECT_TRUE(difference.empty()) << "docs/validation.md is out of date (run `make docs`); " << difference;
}

TEST_F(ValidationReport, ReadmeShowsTheScoreTable) {
  const auto page = read_text(*dir_ / "run" / "validation.md");
  const auto readme = read_text(test::source_dir() / "README.md");
  const auto start = page.find("| module | validation rows");
  const auto end = page.find("\n\n", start);
  ASSERT_NE(start, std::string::npos);
  const auto table = page.substr(start, end - start);
  EXPECT_NE(readme.find(table), std::string::npos) << "README.md lacks the current score table:\n" << table;
}

TEST_F(ValidationReport, ReadmeShowsTheChecksOfTheOpenIssues) {
  const auto page = read_text(*dir_ / "run" / "validation.md");
  const auto readme = read_text(test::source_dir() / "README.md");
  const auto start = page.find("| check | issue |");
  ASSERT_NE(start, std::string::npos);
  const auto table = page.substr(start, page.find("\n\n", start) - start);
  EXPECT_NE(readme.find(table), std::string::npos) << "README.md lacks the current checks table:\n" << table;
}

// A pass share is what the rows say: the mechanics check against the mechanics score.
TEST_F(ValidationReport, TheIssueChecksAreComputedFromTheRows) {
  ASSERT_TRUE(criteria().is_array());
  ASSERT_FALSE(criteria().empty());
  bool mechanics = false;
  for (const auto& c : criteria()) {
    for (const auto* key : {"id", "issue", "statement", "metric", "rows", "value", "target", "holds"})
      EXPECT_TRUE(c.contains(key)) << c.value("id", "?") << " lacks " << key;
    EXPECT_GT(c["rows"].get<int>(), 0) << c["id"] << " counts no row: its selector matches nothing";
    if (c["id"] == "mechanics_rows_pass") {
      mechanics = true;
      EXPECT_EQ(c["rows"].get<int>(), modules()["mechanics"]["rows"].get<int>());
      EXPECT_DOUBLE_EQ(c["value"].get<double>(), modules()["mechanics"]["score"].get<double>());
      EXPECT_EQ(c["holds"].get<bool>(), c["value"].get<double>() >= c["target"].get<double>());
    }
  }
  EXPECT_TRUE(mechanics);
}

TEST_F(ValidationReport, CalibrationRowsAndTheRegistryNameEachOther) {
  const auto params = test::mnsim("params --format json", "2>/dev/null");
  const auto registry = nlohmann::json::parse(params.output, nullptr, false);
  ASSERT_FALSE(registry.is_discarded());
  std::map<std::string, std::string> source_of;
  for (const auto& p : registry) source_of[p["path"].get<std::string>()] = p.value("source", "");
  std::map<std::string, std::set<std::string>> calibrates;  // row id -> what it fits
  for (const auto& row : rows()) {
    if (row["role"] != "calibration") continue;
    const auto id = row.contains("trial") ? row["trial"].get<std::string>() : row["id"].get<std::string>();
    for (const auto& target : row["calibrates"]) {
      const auto name = target.get<std::string>();
      calibrates[id].insert(name);
      if (name.rfind("data/", 0) == 0) {
        // A data table names its calibration rows in its sources or in its folder's README.md.
        const auto file = test::source_dir() / name;
        ASSERT_TRUE(fs::exists(file)) << id << " calibrates " << name;
        const auto readme = file.parent_path() / "README.md";
        const bool named = read_text(file).find(id) != std::string::npos ||
                           (fs::exists(readme) && read_text(readme).find(id) != std::string::npos);
        EXPECT_TRUE(named) << name << " (or its README.md) does not name its calibration row " << id;
        continue;
      }
      ASSERT_TRUE(source_of.contains(name)) << id << " calibrates " << name << ", which the registry lacks";
      EXPECT_NE(source_of[name].find(id), std::string::npos)
          << "the source of " << name << " does not name its calibration row " << id;
    }
  }
  // The other way: a parameter whose source names calibration rows is fitted to exactly those.
  const std::regex listed(R"(calibration rows?: ([a-z0-9_., ]+))");
  for (const auto& [path, source] : source_of) {
    std::smatch m;
    if (!std::regex_search(source, m, listed)) continue;
    std::stringstream ids(m[1].str());
    std::string id;
    while (std::getline(ids, id, ',')) {
      id.erase(0, id.find_first_not_of(' '));
      id.erase(id.find_last_not_of(" .") + 1);
      if (id.empty()) continue;
      EXPECT_TRUE(calibrates.contains(id)) << path << " names " << id << ", which is not a calibration row";
      if (calibrates.contains(id)) {
        EXPECT_TRUE(calibrates[id].contains(path)) << id << " does not list " << path;
      }
    }
  }
}

// Every parameter fitted to data says where its calibration is; the others say they were not fitted.
TEST_F(ValidationReport, EveryFittedParameterNamesItsCalibration) {
  const auto registry =
      nlohmann::json::parse(test::mnsim("params --format json", "2>/dev/null").output, nullptr, false);
  ASSERT_FALSE(registry.is_discarded());
  const std::regex fitted(R"(\b(fitted|calibrated)\b)", std::regex::icase);
  int named = 0;
  for (const auto& p : registry) {
    const auto source = p.value("source", "");
    if (!std::regex_search(source, fitted)) continue;
    const bool not_fitted = source.find("not calibrated") != std::string::npos ||
                            source.find("not fitted") != std::string::npos ||
                            source.find("no calibration row") != std::string::npos;
    const bool names = source.find("calibration rows:") != std::string::npos ||
                       source.find("its calibration is") != std::string::npos ||
                       source.find("calibration as there") != std::string::npos;
    EXPECT_TRUE(not_fitted || names) << p["path"] << " is fitted but names no calibration rows: " << source;
    named += names ? 1 : 0;
  }
  EXPECT_GE(named, 30);
}

// One module and one role, as JSON on stdout; a module that does not exist is refused.
TEST_F(ValidationReport, SelectsAModuleAndARole) {
  const auto out = *dir_ / "skin-calibration";
  const auto r =
      test::mnsim("validation --module skin --role calibration --json -o '" + out.string() + "'", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  const auto json = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.output;
  const auto& selected = json["validation"]["rows"];
  ASSERT_FALSE(selected.empty());
  for (const auto& row : selected) {
    EXPECT_EQ(row["module"], "skin");
    EXPECT_EQ(row["role"], "calibration");
  }
  EXPECT_EQ(json["validation"]["modules"]["skin"]["rows"].get<int>(), 0);  // calibration rows are never scored
  EXPECT_EQ(json["validation"]["modules"]["skin"]["calibration_rows"].get<int>(), static_cast<int>(selected.size()));
  const auto bad = test::mnsim("validation --module skn -o '" + (*dir_ / "bad").string() + "'");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_FALSE(fs::exists(*dir_ / "bad"));
}

TEST_F(ValidationReport, TheSameAtOneAndThreeThreads) {
  std::string csv[2];
  int k = 0;
  for (const auto* threads : {"1", "3"}) {
    const auto out = *dir_ / (std::string("threads-") + threads);
    const auto r = test::run_shell(std::string("OMP_NUM_THREADS=") + threads + " '" + MNSIM_EXE +
                                   "' validation --module comparators -o '" + out.string() + "' 2>&1");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    csv[k++] = read_text(out / "validation.csv");
  }
  EXPECT_FALSE(csv[0].empty());
  EXPECT_EQ(csv[0], csv[1]);
}

}  // namespace
}  // namespace mnsim
