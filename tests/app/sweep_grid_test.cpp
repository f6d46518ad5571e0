// The grid of a parameter sweep (app/sweep_grid.hpp): how `--vary` options read, which points
// they make and in what order, and how `--key` paths name summary.json entries. Every malformed
// option is refused as bad input (exit code 2 through the command).
#include "app/sweep_grid.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace mnsim::app {
namespace {

using Values = std::vector<std::string>;

TEST(SweepGrid, AListIsTakenAsWritten) {
  const auto axis = parse_sweep_axis("product[0].compound=caffeine,niacinamide");
  EXPECT_EQ(axis.key, "product[0].compound");
  EXPECT_EQ(axis.values, (Values{"caffeine", "niacinamide"}));
  EXPECT_FALSE(axis.numeric);
  EXPECT_TRUE(parse_sweep_axis("protocol.passes=1,2,4").numeric);
}

TEST(SweepGrid, ARangeHasNEvenlySpacedValuesWithItsEndsExact) {
  const auto axis = parse_sweep_axis("device.needle_length_mm=0.25:1:4");
  EXPECT_EQ(axis.values, (Values{"0.25", "0.5", "0.75", "1"}));
  EXPECT_TRUE(axis.numeric);
  EXPECT_FALSE(axis.log);
  // Descending ranges run as written.
  EXPECT_EQ(parse_sweep_axis("k=3:1:3").values, (Values{"3", "2", "1"}));
}

TEST(SweepGrid, ALogRangeIsEvenInTheLogarithm) {
  const auto axis = parse_sweep_axis("product[0].concentration_pct=0.01:10:4:log");
  ASSERT_EQ(axis.values.size(), 4U);
  EXPECT_EQ(axis.values.front(), "0.01");
  EXPECT_EQ(axis.values.back(), "10");
  EXPECT_NEAR(std::stod(axis.values[1]), 0.1, 1e-15);
  EXPECT_NEAR(std::stod(axis.values[2]), 1.0, 1e-14);
  EXPECT_TRUE(axis.log);
}

TEST(SweepGrid, MalformedOptionsAreRefused) {
  for (const char* option :
       {"", "=1,2", "key", "key=", "key=1,,2", "key=1:2", "key=1:2:3:4:5", "key=a:2:3", "key=1:2:1", "key=1:2:2.5",
        "key=1:2:3:lin", "key=0:1:1e300", "key=0:2:3:log", "key=-1:2:3:log", "key=1:inf:3", "key=1:nan:3"}) {
    EXPECT_THROW(parse_sweep_axis(option), InputError) << option;
  }
}

TEST(SweepGrid, EveryCombinationRunsWithTheLastAxisFastest) {
  const std::vector<SweepAxis> axes{parse_sweep_axis("a=1,2"), parse_sweep_axis("b=x,y,z")};
  const auto points = sweep_points(axes, 100);
  const std::vector<Values> expected{{"1", "x"}, {"1", "y"}, {"1", "z"}, {"2", "x"}, {"2", "y"}, {"2", "z"}};
  EXPECT_EQ(points, expected);
}

TEST(SweepGrid, RepeatedKeysAndTooManyPointsAreRefused) {
  EXPECT_THROW(sweep_points({parse_sweep_axis("a=1,2"), parse_sweep_axis("a=3")}, 100), InputError);
  const std::vector<SweepAxis> axes{parse_sweep_axis("a=0:1:10"), parse_sweep_axis("b=0:1:10")};
  EXPECT_EQ(sweep_points(axes, 100).size(), 100U);
  EXPECT_THROW(sweep_points(axes, 99), InputError);
}

TEST(SweepGrid, DottedKeysNameSummaryEntries) {
  EXPECT_EQ(summary_pointer("transport.products[0].enhancement_ratio").to_string(),
            "/transport/products/0/enhancement_ratio");
  EXPECT_EQ(summary_pointer("response.collagen_change_pct.180.median").to_string(),
            "/response/collagen_change_pct/180/median");
  EXPECT_EQ(summary_pointer("a[1][2].b").to_string(), "/a/1/2/b");
  EXPECT_EQ(summary_pointer("a/b~c").to_string(), "/a~1b~0c");  // escaped, not split
  const nlohmann::json summary{{"transport", {{"products", {{{"window_h", 1.5}}}}}}};
  EXPECT_EQ(summary.at(summary_pointer("transport.products[0].window_h")), 1.5);
  for (const char* key : {"", ".a", "a.", "a..b", "a[", "a[]", "a[x]", "a[1", "a]1[", "[0]", "a[-1]"}) {
    EXPECT_THROW(summary_pointer(key), InputError) << key;
  }
}

// Random option texts: each either reads or is refused as bad input; nothing else escapes.
TEST(SweepGrid, RandomOptionTextsAreReadOrRefused) {
  const std::string alphabet = "ab.=,:[]0123456789-elogx~/ ";
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const auto length = std::uniform_int_distribution<int>(0, 24)(rng);
    for (int c = 0; c < length; ++c)
      text += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    try {
      const auto axis = parse_sweep_axis(text);
      EXPECT_FALSE(axis.values.empty()) << text;
      (void)sweep_points({axis}, 1000000);
    } catch (const InputError&) {
    }
    try {
      (void)summary_pointer(text);
    } catch (const InputError&) {
    }
  }
}

}  // namespace
}  // namespace mnsim::app
