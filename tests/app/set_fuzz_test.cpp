// Property-based fuzzing of `--set`: any in-range value of any registry key, one to five keys at a
// time, must end a run with exit 0 (it ran), 2 (the combination was refused with a message) or 3
// (a numerical failure was reported), never with a signal (a crash, an abort) or exit 1 (an
// internal error). The keys, their ranges and choices come from `mnsim params --format json`, so a
// key added to the registry is fuzzed from then on. Seeded: a failure names its command line, and
// the same shard reproduces it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace mnsim::test {
namespace {

namespace fs = std::filesystem;

struct Key {
  std::string path;
  enum class Kind { real, integer, boolean, choice } kind;
  double low = 0.0, high = 0.0;
  std::vector<std::string> choices;
};

// Keys left out, each for a reason: the output folder and what a run writes (figures and fields
// cost seconds and are tested elsewhere); the resolved level, which runs for minutes; free text
// and lists (the hostile-text test covers text).
const std::set<std::string> left_out = {"output.dir", "output.plots", "output.fields", "run.fidelity"};

// Keys whose full range would make one run cost minutes (area, duration, sample counts): drawn
// within an affordable part of their range. Values beyond it are the same code at a larger size.
const std::map<std::string, std::pair<double, double>> affordable = {
    {"protocol.area_cm2", {0.01, 2.0}},
    {"experiment.duration_h", {0.01, 72.0}},
    {"transport.samples", {0.0, 6.0}},
    {"response.samples", {0.0, 6.0}},
    {"planner.samples", {0.0, 6.0}},
    {"transport.max_step_s", {30.0, 3600.0}},
    {"output.max_punctures_written", {1000.0, 100000.0}}};

std::vector<Key> fuzzable_keys() {
  const auto r = mnsim("params --format json", "2>/dev/null");
  EXPECT_EQ(r.exit_code, 0);
  const auto params = nlohmann::json::parse(r.output);
  const std::regex range(R"(^an? (number|integer) from (\S+) to (\S+))");
  std::vector<Key> keys;
  for (const auto& p : params) {
    auto path = p.at("path").get<std::string>();
    const auto expected = p.at("expected").get<std::string>();
    if (left_out.count(path) != 0 || path.rfind("area[]", 0) == 0) continue;  // area[]: patient files only
    const auto at = path.find("[]");
    if (at != std::string::npos) path.replace(at, 2, "[0]");  // the scenario's first (and only) product
    Key k{.path = path, .kind = Key::Kind::real, .low = 0.0, .high = 0.0, .choices = {}};
    std::smatch m;
    if (std::regex_search(expected, m, range)) {
      k.kind = m[1] == "integer" ? Key::Kind::integer : Key::Kind::real;
      k.low = std::stod(m[2]);
      k.high = std::stod(m[3]);
      if (const auto a = affordable.find(p.at("path").get<std::string>()); a != affordable.end()) {
        k.low = std::max(k.low, a->second.first);
        k.high = std::min(k.high, a->second.second);
      }
    } else if (expected == "true or false") {
      k.kind = Key::Kind::boolean;
    } else if (expected.rfind("one of: ", 0) == 0) {
      k.kind = Key::Kind::choice;
      std::stringstream list(expected.substr(8));
      for (std::string item; std::getline(list, item, ',');)
        k.choices.push_back(item.substr(item.find_first_not_of(' ')));
    } else {
      continue;  // free text, lists
    }
    keys.push_back(k);
  }
  return keys;
}

// An in-range value: the ends of the range (where defects live) a fifth of the time, else uniform,
// or log-uniform over ranges that span decades.
std::string draw(const Key& k, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  switch (k.kind) {
    case Key::Kind::boolean:
      return u(rng) < 0.5 ? "true" : "false";
    case Key::Kind::choice:
      return k.choices[static_cast<std::size_t>(u(rng) * static_cast<double>(k.choices.size())) % k.choices.size()];
    case Key::Kind::integer:
    case Key::Kind::real:
      break;
  }
  const double pick = u(rng);
  double v = 0.0;
  if (pick < 0.1) {
    v = k.low;
  } else if (pick < 0.2) {
    v = k.high;
  } else if (k.low > 0.0 && k.high / k.low > 100.0 && pick < 0.6) {
    v = std::exp(std::log(k.low) + u(rng) * (std::log(k.high) - std::log(k.low)));
  } else {
    v = k.low + u(rng) * (k.high - k.low);
  }
  v = std::clamp(v, k.low, k.high);
  if (k.kind == Key::Kind::integer) return std::to_string(static_cast<long long>(std::llround(v)));
  std::ostringstream text;
  text.precision(17);
  text << v;
  return text.str();
}

// Runs `runs` fuzzed simulations from `seed` on a small, figure-less version of the default
// scenario (1 cm2, no sampled persons); the fuzzed keys override it.
void fuzz(std::uint64_t seed, int runs) {
  const auto keys = fuzzable_keys();
  ASSERT_GT(keys.size(), 150U) << "the registry's keys were not read";
  const auto dir = scratch_dir("set-fuzz-" + std::to_string(seed));
  const std::map<std::string, std::string> base = {{"protocol.area_cm2", "1"},
                                                   {"transport.samples", "0"},
                                                   {"response.samples", "0"},
                                                   {"output.plots", "false"},
                                                   {"output.fields", "false"}};
  std::mt19937_64 rng(seed);
  std::map<int, int> codes;
  for (int run = 0; run < runs; ++run) {
    std::map<std::string, std::string> set = base;
    const int count = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < count; ++i) {
      const auto& k = keys[rng() % keys.size()];
      set[k.path] = draw(k, rng);
    }
    std::string args = "simulate '" + (source_dir() / "examples" / "default.toml").string() + "' --force -o '" +
                       (dir / "run").string() + "'";
    for (const auto& [path, value] : set) args += " --set '" + path + "=" + value + "'";
    const auto r = mnsim(args, "2>&1 >/dev/null");
    ++codes[r.exit_code];
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2 || r.exit_code == 3)
        << "exit " << r.exit_code << " (-1: a signal) from: mnsim " << args << "\n"
        << r.output;
  }
  fs::remove_all(dir);
  std::string tally;
  for (const auto& [code, n] : codes) tally += " exit " + std::to_string(code) + ": " + std::to_string(n) + ";";
  std::cout << "seed " << seed << ":" << tally << "\n";
}

// Runs per shard: 500, so 2,000 in all. The sanitizer preset (make asan) sets MNSIM_SET_FUZZ_RUNS
// lower: there every run is an order of magnitude slower, and the sanitizers look for memory and
// undefined-behaviour errors along the same code paths rather than for rare combinations.
int runs_per_shard() {
  const char* env = std::getenv("MNSIM_SET_FUZZ_RUNS");
  return env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : 500;
}

// Four shards that ctest can run side by side.
TEST(SetFuzz, Shard1) { fuzz(1, runs_per_shard()); }
TEST(SetFuzz, Shard2) { fuzz(2, runs_per_shard()); }
TEST(SetFuzz, Shard3) { fuzz(3, runs_per_shard()); }
TEST(SetFuzz, Shard4) { fuzz(4, runs_per_shard()); }

}  // namespace
}  // namespace mnsim::test
