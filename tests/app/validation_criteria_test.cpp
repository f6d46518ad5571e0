// The Done-when checks of the fidelity issues (data/validation/criteria.csv): which rows each one
// counts and what it computes from them. Only validation rows count, and the fold and log-error
// checks only rows with a published central value.
#include "app/validation_criteria.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "test_support.hpp"

namespace mnsim::app {
namespace {

ValidationResult row(const std::string& id, const std::string& module, double measured, double median,
                     const std::string& rule = "fold2", bool pass = true, Role role = Role::validation) {
  ValidationResult r;
  r.about.id = id;
  r.about.module = module;
  r.about.role = role;
  r.measured = measured;
  r.predicted = {.median = median, .p5 = median / 4.0, .p95 = median * 4.0};
  r.band.rule = rule;
  r.pass = pass;
  return r;
}

Criterion check(CriterionMetric metric, std::vector<std::string> include, std::vector<std::string> exclude = {},
                double target = 0.8, double fold = 2.0, int min_rows = 0) {
  return {.id = "c",
          .issue = "1",
          .statement = "s",
          .metric = metric,
          .include = std::move(include),
          .exclude = std::move(exclude),
          .fold = fold,
          .target = target,
          .min_rows = min_rows,
          .source = "test"};
}

const std::vector<ValidationResult> rows{
    row("tr_a", "transport", 10.0, 12.0),                  // within 2
    row("tr_b", "transport", 10.0, 30.0, "fold3", false),  // 3 times
    row("tr_c", "transport", 10.0, 10.0, "upper_bound"),   // a bound: no central value
    row("tr_d", "transport", 10.0, 10.0, "fold2", true, Role::calibration),
    row("tr_skip_e", "transport", 10.0, 100.0, "fold2", false),
    row("mech_a", "mechanics", 1.0, 1.0),
};

TEST(ValidationCriteria, APassShareCountsTheValidationRowsOfItsModules) {
  const auto results = evaluate_criteria({check(CriterionMetric::pass_share, {"module:transport"}, {}, 0.5)}, rows);
  ASSERT_EQ(results.size(), 1U);
  EXPECT_EQ(results[0].rows, 4);  // the calibration row is not counted
  EXPECT_DOUBLE_EQ(*results[0].value, 0.5);
  EXPECT_TRUE(results[0].holds);
}

TEST(ValidationCriteria, PrefixesSelectAndExclamationMarksExclude) {
  const auto results = evaluate_criteria({check(CriterionMetric::pass_share, {"tr_"}, {"tr_skip_"})}, rows);
  EXPECT_EQ(results[0].rows, 3);
  EXPECT_NEAR(*results[0].value, 2.0 / 3.0, 1e-12);
  EXPECT_FALSE(results[0].holds);
}

TEST(ValidationCriteria, ModulesAndQuantitiesNarrowTheRowsTogether) {
  auto with_quantity = rows;
  with_quantity[0].quantity = "transport.products[0].lag_time_h";
  with_quantity[5].quantity = "injury.lag_time_h";
  // Module and quantity together: only the transport row with the quantity.
  auto results = evaluate_criteria({check(CriterionMetric::pass_share, {"module:transport", "quantity:lag_time_h"})},
                                   with_quantity);
  EXPECT_EQ(results[0].rows, 1);
  // The quantity alone: both modules.
  results = evaluate_criteria({check(CriterionMetric::pass_share, {"quantity:lag_time_h"})}, with_quantity);
  EXPECT_EQ(results[0].rows, 2);
  results =
      evaluate_criteria({check(CriterionMetric::pass_share, {"quantity:lag"}, {"module:mechanics"})}, with_quantity);
  EXPECT_EQ(results[0].rows, 1);
}

TEST(ValidationCriteria, AFoldShareCountsOnlyPublishedCentralValues) {
  const auto results = evaluate_criteria({check(CriterionMetric::within_fold_share, {"tr_"}, {"tr_skip_"})}, rows);
  EXPECT_EQ(results[0].rows, 2);  // tr_a and tr_b; tr_c is a bound
  EXPECT_DOUBLE_EQ(*results[0].value, 0.5);
}

TEST(ValidationCriteria, TheLogErrorIsTheRootMeanSquareOfLog10Ratios) {
  const auto results =
      evaluate_criteria({check(CriterionMetric::rmse_log10, {"tr_"}, {}, 0.6, 2.0, 3)}, rows);  // a, b, skip_e
  ASSERT_EQ(results[0].rows, 3);
  const double expected =
      std::sqrt((std::pow(std::log10(1.2), 2) + std::pow(std::log10(3.0), 2) + std::pow(std::log10(10.0), 2)) / 3.0);
  EXPECT_NEAR(*results[0].value, expected, 1e-12);
  EXPECT_FALSE(results[0].holds);  // 0.6 is exceeded
}

TEST(ValidationCriteria, TheRangeShareAsksWhetherThePublishedValueLiesInTheModelsRange) {
  // Ranges are a quarter to four times the median: tr_skip_e (10 against 25-400) is outside.
  const auto results = evaluate_criteria({check(CriterionMetric::measured_in_range_share, {"tr_"}, {}, 1.0)}, rows);
  EXPECT_EQ(results[0].rows, 4);
  EXPECT_DOUBLE_EQ(*results[0].value, 0.75);
  EXPECT_FALSE(results[0].holds);
}

TEST(ValidationCriteria, TooFewRowsOrNoneNeverHold) {
  auto results = evaluate_criteria({check(CriterionMetric::pass_share, {"mech_"}, {}, 0.8, 2.0, 20)}, rows);
  EXPECT_DOUBLE_EQ(*results[0].value, 1.0);
  EXPECT_FALSE(results[0].holds);
  results = evaluate_criteria({check(CriterionMetric::pass_share, {"skin_"})}, rows);
  EXPECT_EQ(results[0].rows, 0);
  EXPECT_FALSE(results[0].value);
  EXPECT_FALSE(results[0].holds);
}

TEST(ValidationCriteria, AMalformedCriterionNamesItsFileAndLine) {
  const auto file = test::scratch_dir("criteria") / "criteria.csv";
  const std::string header = "id,issue,statement,metric,rows,fold,target,min_rows,source\n";
  const auto message = [&](const std::string& line) {
    std::ofstream(file) << header << line;
    try {
      (void)read_criteria(file);
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("a,1,s,average,tr_,,0.8,,src\n").find("criteria.csv:2: column metric"), std::string::npos);
  EXPECT_NE(message("a,1,s,within_fold_share,tr_,,0.8,,src\n").find("column fold"), std::string::npos);
  EXPECT_NE(message("a,1,s,pass_share,!tr_,,0.8,,src\n").find("column rows"), std::string::npos);
  EXPECT_NE(message("a,1,s,pass_share,tr_,,high,,src\n").find("column target"), std::string::npos);
  EXPECT_NE(message("a,1,s,pass_share,tr_,,0.8,,\n").find("a source"), std::string::npos);
  std::ofstream(file) << header << "a,23,s,within_fold_share,tr_|!tr_x|module:transport,3,0.8,40,src\n";
  const auto criteria = read_criteria(file);
  ASSERT_EQ(criteria.size(), 1U);
  EXPECT_EQ(criteria[0].include, (std::vector<std::string>{"tr_", "module:transport"}));
  EXPECT_EQ(criteria[0].exclude, std::vector<std::string>{"tr_x"});
  EXPECT_DOUBLE_EQ(criteria[0].fold, 3.0);
  EXPECT_EQ(criteria[0].min_rows, 40);
}

}  // namespace
}  // namespace mnsim::app
