// Command-line helpers of issue #27: "did you mean" for misspelt commands and options, whole
// numbers checked as typed, comma lists without empty items.
#include "app/cli_suggest.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "app/cli_values.hpp"
#include "app/command.hpp"
#include "app/compare_command.hpp"
#include "app/simulate_command.hpp"
#include "app/sweep_command.hpp"
#include "core/error.hpp"

namespace mnsim::app {
namespace {

// The commands as main() declares them (a few are enough: the helper reads the declarations).
struct Commands {
  CLI::App app{"mnsim", "mnsim"};
  std::vector<std::unique_ptr<Command>> commands;
  Commands() {
    app.require_subcommand(1);
    commands.push_back(std::make_unique<SimulateCommand>(app));
    commands.push_back(std::make_unique<CompareCommand>(app));
    commands.push_back(std::make_unique<SweepCommand>(app));
    auto* bench = app.add_subcommand("bench", "");
    bench->add_subcommand("transport", "");
  }
  std::string suggest(std::vector<const char*> words) {
    words.insert(words.begin(), "mnsim");
    return command_line_suggestion(app, static_cast<int>(words.size()), words.data());
  }
};

TEST(CommandLineSuggestion, NamesTheClosestCommandOrOption) {
  Commands c;
  EXPECT_EQ(c.suggest({"simulat", "x.toml"}), "did you mean mnsim simulate?");
  EXPECT_EQ(c.suggest({"frobnicate"}), "");
  EXPECT_EQ(c.suggest({"bench", "transprt"}), "did you mean mnsim bench transport?");
  EXPECT_EQ(c.suggest({"simulate", "x.toml", "--sed", "3"}),
            "did you mean --set or --seed? (mnsim simulate --help lists the options)");
  EXPECT_EQ(c.suggest({"simulate", "x.toml", "--sampels", "3"}),
            "did you mean --samples? (mnsim simulate --help lists the options)");
  EXPECT_EQ(c.suggest({"sweep", "x.toml", "--max-point=3"}),
            "did you mean --max-points? (mnsim sweep --help lists the options)");
  // Known words, values (negative numbers included) and far-off options give no hint.
  EXPECT_EQ(c.suggest({"simulate", "x.toml", "--seed", "3", "--set", "a=1"}), "");
  EXPECT_EQ(c.suggest({"simulate", "x.toml", "--seed", "-3"}), "");
  EXPECT_EQ(c.suggest({"simulate", "x.toml", "--frobnicate-everything"}), "");
}

TEST(WholeNumber, RefusesWhatIsNotADecimalIntegerInRangeWithTheRange) {
  const auto check = whole_number(1, 100000);
  for (std::string text : {"1", "200", "100000"}) EXPECT_EQ(check(text), "") << text;
  for (std::string text : {"0", "100001", "1e3", "4.0", "abc", "", "99999999999999999999", "-1", "3x"}) {
    const auto message = check(text);
    EXPECT_EQ(message, "expected a whole number from 1 to 100000, got " + text) << text;
  }
}

TEST(CommaList, SplitsEveryValueAndRefusesEmptyItems) {
  EXPECT_EQ(comma_list({"a,b", "c"}, "--with"), (std::vector<std::string>{"a", "b", "c"}));
  for (const char* bad : {",,,", "a,,b", "a,", ",a", ""}) {
    try {
      (void)comma_list({bad}, "--with");
      ADD_FAILURE() << bad << " accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.where().file, "--with");
      EXPECT_NE(e.message().find("an empty name"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace mnsim::app
