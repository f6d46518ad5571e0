// Results must not depend on the thread count (DESIGN.md): every example scenario, every patient
// file, `compare` and a short `sweep` run at OMP_NUM_THREADS=1, 2 and 3 with SOURCE_DATE_EPOCH
// fixed, and every file of their run directories (reports, calendars, figures) and their --json
// output must be the same bytes. Sampled persons and transport input sets are cut to a few to keep
// the runs short; they still run in parallel, and every example but one has more than 4096
// punctures, so the injury's parallel loop spans several chunks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;     // test name: letters, digits and underscores
  std::string command;  // simulate, plan, compare or sweep
  fs::path input;
  std::string extra;  // further arguments
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.command << " " << c.input.string() << c.extra; }

std::vector<fs::path> tomls_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string identifier(const std::string& text) {
  std::string out;
  for (const char c : text) out += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
  return out;
}

// Persons and transport input sets in a few chunks of the loops' schedules (8 and 4), so that
// every thread count splits them differently.
const std::string few_samples = " --samples 20 --set transport.samples=12";

std::vector<Case> cases() {
  std::vector<Case> out;
  const auto examples = test::source_dir() / "examples";
  for (const auto& file : tomls_in(examples))
    out.push_back({"simulate_" + identifier(file.stem().string()), "simulate", file, few_samples});
  for (const auto& file : tomls_in(examples / "patients"))
    out.push_back({"plan_" + identifier(file.stem().string()), "plan", file, few_samples});
  out.push_back({"compare_default", "compare", examples / "default.toml", few_samples});
  // sweep.csv gathers the points' numbers: a short grid on a roller past 4096 punctures.
  out.push_back({"sweep_home_roller", "sweep", examples / "home_roller.toml",
                 few_samples + " --vary device.needle_length_mm=0.5,1.0"});
  return out;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every regular file under `root`, by path relative to it, with its bytes.
std::map<std::string, std::string> files_under(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    files[fs::relative(entry.path(), root).generic_string()] = read_bytes(entry.path());
  }
  return files;
}

std::string first_difference(const std::string& a, const std::string& b) {
  const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  const auto at = static_cast<std::size_t>(ia - a.begin());
  const auto context = [&](const std::string& s) { return s.substr(at < 40 ? 0 : at - 40, 80); };
  return "sizes " + std::to_string(a.size()) + " and " + std::to_string(b.size()) + ", first difference at byte " +
         std::to_string(at) + ":\n  " + context(a) + "\n  " + context(b);
}

class Determinism : public ::testing::TestWithParam<Case> {};

TEST_P(Determinism, SameBytesAtOneTwoAndThreeThreads) {
  const auto& c = GetParam();
  const auto dir = test::scratch_dir("determinism-" + c.name);
  // One output path for every run: nothing that names the run directory may differ.
  const auto out = dir / "run";
  std::map<int, std::map<std::string, std::string>> files;
  std::map<int, std::string> json;
  for (const int threads : {1, 2, 3}) {
    const auto r = test::run_shell("SOURCE_DATE_EPOCH=1700000000 OMP_NUM_THREADS=" + std::to_string(threads) + " '" +
                                   MNSIM_EXE + "' " + c.command + " '" + c.input.string() + "'" + c.extra + " -o '" +
                                   out.string() + "' --json 2>'" + (dir / "stderr.txt").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << threads << " threads:\n" << read_bytes(dir / "stderr.txt");
    json[threads] = r.output;
    files[threads] = files_under(out);
    fs::rename(out, dir / ("threads-" + std::to_string(threads)));
  }
  ASSERT_FALSE(files[1].empty());
  EXPECT_NE(json[1].find('{'), std::string::npos) << json[1];
  for (const int threads : {2, 3}) {
    EXPECT_TRUE(json[threads] == json[1])
        << "--json at " << threads << " threads: " << first_difference(json[1], json[threads]);
    for (const auto& [name, bytes] : files[1]) {
      const auto other = files[threads].find(name);
      if (other == files[threads].end()) {
        ADD_FAILURE() << name << " is missing at " << threads << " threads";
      } else {
        EXPECT_TRUE(other->second == bytes)
            << name << " at " << threads << " threads: " << first_difference(bytes, other->second);
      }
    }
    for (const auto& [name, bytes] : files[threads])
      EXPECT_TRUE(files[1].count(name) == 1) << name << " appears only at " << threads << " threads";
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Examples, Determinism, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& param) { return param.param.name; });

}  // namespace
}  // namespace mnsim
