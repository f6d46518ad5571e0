// Seeded random scenario texts: mutations of the examples and random key/value lines built from
// the registry. Whatever the text, reading it either succeeds or throws InputError; nothing
// else may escape (no crash, no other exception). Bounded: a fixed number of cases per seed.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "app/session.hpp"
#include "io/scenario_reader.hpp"
#include "test_support.hpp"

namespace mnsim::io {
namespace {

constexpr int cases_per_seed = 15000;

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class ScenarioTextGenerator {
 public:
  ScenarioTextGenerator(const Registry& registry, std::uint64_t seed) : registry_(registry), rng_(seed) {
    seeds_.push_back(read_text(test::source_dir() / "examples" / "default.toml"));
  }

  std::string next() {
    switch (pick(4)) {
      case 0:
        return mutate(seeds_[0]);
      case 1:
        return random_lines();
      case 2:
        return mutate(random_lines());
      default:
        return seeds_[0] + random_lines();
    }
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  std::string random_value() {
    static const std::vector<std::string> values{"0",
                                                 "-1",
                                                 "7",
                                                 "1e308",
                                                 "-1e308",
                                                 "nan",
                                                 "inf",
                                                 "3.5",
                                                 "\"\"",
                                                 "\"cheek\"",
                                                 "\"humna\"",
                                                 "true",
                                                 "false",
                                                 "[]",
                                                 "[\"diabetes\"]",
                                                 "[1, 2]",
                                                 "{ a = 1 }",
                                                 "1979-05-27",
                                                 "\"\\u0000\"",
                                                 "999999999999999999999",
                                                 "0x1F",
                                                 "\"very long " + std::string(300, 'x') + "\"",
                                                 "[[]]",
                                                 "'literal'",
                                                 "\"\"\"multi\nline\"\"\""};
    return values[pick(values.size())];
  }

  std::string random_lines() {
    const auto& specs = registry_.specs();
    std::string text;
    const auto lines = 1 + pick(12);
    for (std::size_t i = 0; i < lines; ++i) {
      const auto& spec = specs[pick(specs.size())];
      if (pick(3) == 0)
        text += (spec.in_array() ? fmt::format("[[{}]]\n", spec.section()) : fmt::format("[{}]\n", spec.section()));
      text += fmt::format("{}{} = {}\n", spec.key(), pick(10) == 0 ? "x" : "", random_value());
    }
    return text;
  }

  // Inserts by rebuilding: GCC 12 flags std::string::insert here with a false -Wrestrict.
  static std::string splice(const std::string& text, std::size_t at, const std::string& piece) {
    std::string out;
    out.reserve(text.size() + piece.size());
    out.append(text, 0, at).append(piece).append(text, at, std::string::npos);
    return out;
  }

  std::string mutate(std::string text) {
    const auto edits = 1 + pick(6);
    for (std::size_t i = 0; i < edits && !text.empty(); ++i) {
      const auto at = pick(text.size());
      switch (pick(5)) {
        case 0:
          text[at] = static_cast<char>(pick(256));
          break;
        case 1:
          text.erase(at, 1 + pick(20));
          break;
        case 2:
          text = splice(text, at, text.substr(pick(text.size()), 1 + pick(40)));
          break;
        case 3:
          text = splice(text, at, std::string(1, "[]=\"'#\n.,{}"[pick(12)]));
          break;
        default:
          text.resize(at);
          break;
      }
    }
    return text;
  }

  const Registry& registry_;
  std::mt19937_64 rng_;
  std::vector<std::string> seeds_;
};

class ScenarioFuzz : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(ScenarioFuzz, AnyTextIsReadOrRejectedWithAnInputError) {
  app::Session session(test::data_dir());
  const auto& registry = session.registry();
  ScenarioTextGenerator generator(registry, GetParam());
  int accepted = 0;
  for (int i = 0; i < cases_per_seed; ++i) {
    const auto text = generator.next();
    try {
      auto parameters = read_scenario_text(text, "fuzz.toml", registry);
      parameters.complete(registry, "fuzz.toml");
      ++accepted;
    } catch (const InputError& e) {
      ASSERT_FALSE(std::string(e.what()).empty());
    } catch (const std::exception& e) {
      FAIL() << "case " << i << " escaped with " << e.what() << "\n--- text ---\n" << text;
    }
  }
  // Some generated texts must be valid, or the generator only exercises the error paths.
  EXPECT_GT(accepted, 0);
}

TEST_P(ScenarioFuzz, AnyOverrideIsAppliedOrRejectedWithAnInputError) {
  app::Session session(test::data_dir());
  const auto& registry = session.registry();
  std::mt19937_64 rng(GetParam());
  const std::vector<std::string> pieces{"patient.age_y",
                                        "product[0].name",
                                        "product[9].dose_mg_per_cm2",
                                        "site.name",
                                        "=",
                                        "==",
                                        "[",
                                        "]",
                                        "\"",
                                        "cheek",
                                        "-1",
                                        "1e400",
                                        ".",
                                        "run.seed",
                                        "x"};
  for (int i = 0; i < cases_per_seed; ++i) {
    std::string assignment;
    const auto n = std::uniform_int_distribution<std::size_t>(1, 5)(rng);
    for (std::size_t k = 0; k < n; ++k)
      assignment += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    ParameterSet parameters;
    try {
      apply_override(parameters, registry, assignment);
    } catch (const InputError&) {
    } catch (const std::exception& e) {
      FAIL() << "override \"" << assignment << "\" escaped with " << e.what();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, ScenarioFuzz, ::testing::Values(1U, 2U, 3U, 4U));

}  // namespace
}  // namespace mnsim::io
