// The least-squares fit behind `mnsim fit` (app/fit_problem.hpp) on models with known answers,
// and the reader of a user's measurements (io/measured_series.hpp).
#include "app/fit_problem.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <string>

#include "core/error.hpp"
#include "io/measured_series.hpp"
#include "test_support.hpp"

namespace mnsim::app {
namespace {

// Cumulative amount through a membrane after its lag: a first-order approach, A (1 - e^(-k t)).
io::MeasuredSeries saturating_data(double amount, double rate, bool with_sd) {
  io::MeasuredQuantity q{.name = "cumulative_ug_per_cm2", .time_h = {}, .value = {}, .sd = {}};
  for (double t = 0.5; t <= 12.0; t += 0.5) {
    q.time_h.push_back(t);
    q.value.push_back(amount * (1.0 - std::exp(-rate * t)));
    if (with_sd) q.sd.push_back(0.05 * amount);
  }
  return {.file = "test", .quantities = {q}};
}

FitModel saturating_model(const io::MeasuredSeries& data) {
  return [&data](const std::vector<double>& p) {
    std::vector<double> y;
    for (const double t : data.quantities[0].time_h) y.push_back(p[0] * (1.0 - std::exp(-p[1] * t)));
    return std::vector<std::vector<double>>{y};
  };
}

TEST(FitProblem, RecoversTheParametersOfExactData) {
  const auto data = saturating_data(40.0, 0.3, false);
  const std::vector<FitParameter> parameters{{.key = "amount", .start = 10.0, .low = 1e-3, .high = 1e3, .log = true},
                                             {.key = "rate", .start = 1.0, .low = 0.0, .high = 10.0, .log = false}};
  const auto result = fit_parameters(data, parameters, saturating_model(data), 500);
  EXPECT_TRUE(result.converged) << result.status;
  EXPECT_NEAR(result.values[0], 40.0, 1e-6 * 40.0);
  EXPECT_NEAR(result.values[1], 0.3, 1e-6 * 0.3);
  EXPECT_LT(result.rms_fitted, 1e-6);
  EXPECT_GT(result.rms_start, 0.1);
  for (std::size_t j = 0; j < 2; ++j) {
    EXPECT_LE(result.low95[j], result.values[j]);
    EXPECT_GE(result.high95[j], result.values[j]);
    EXPECT_FALSE(result.at_bound[j]);
  }
}

// Data that cannot weight a fit are refused before the model runs; data near the largest double
// neither overflow the weights nor report a perfect fit.
TEST(FitProblem, DataThatCannotWeightAFitAreRefused) {
  const std::vector<FitParameter> parameters{{.key = "amount", .start = 10.0, .low = 1e-3, .high = 1e3, .log = true},
                                             {.key = "rate", .start = 1.0, .low = 0.0, .high = 10.0, .log = false}};
  auto zeros = saturating_data(40.0, 0.3, false);
  for (auto& v : zeros.quantities[0].value) v = 0.0;
  int runs = 0;
  const FitModel counted = [&](const std::vector<double>& p) {
    ++runs;
    return saturating_model(zeros)(p);
  };
  try {
    (void)fit_parameters(zeros, parameters, counted, 50);
    FAIL() << "all-zero measurements were fitted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("every measured value is 0"), std::string::npos) << e.what();
  }
  EXPECT_EQ(runs, 0);

  auto huge = saturating_data(40.0, 0.3, false);
  for (auto& v : huge.quantities[0].value) v = 1e308;
  const auto result = fit_parameters(huge, parameters, saturating_model(huge), 50);
  EXPECT_TRUE(std::isfinite(result.rms_fitted));
  EXPECT_GT(result.rms_fitted, 0.5) << "a model of at most 1000 fitted data of 1e308 perfectly";
}

TEST(FitProblem, NoisyDataGiveAnIntervalAroundTheTruth) {
  auto data = saturating_data(40.0, 0.3, true);
  std::mt19937_64 rng(3);
  std::normal_distribution<double> noise(0.0, 2.0);  // the sd given: 5 % of 40
  for (auto& v : data.quantities[0].value) v += noise(rng);
  const std::vector<FitParameter> parameters{{.key = "amount", .start = 10.0, .low = 1e-3, .high = 1e3, .log = true},
                                             {.key = "rate", .start = 1.0, .low = 0.0, .high = 10.0, .log = false}};
  const auto result = fit_parameters(data, parameters, saturating_model(data), 500);
  EXPECT_TRUE(result.converged) << result.status;
  EXPECT_LT(result.low95[0], 40.0);
  EXPECT_GT(result.high95[0], 40.0);
  EXPECT_LT(result.low95[1], 0.3);
  EXPECT_GT(result.high95[1], 0.3);
  // Residuals in units of the sd: about 1 when the model is right and the sd honest.
  EXPECT_GT(result.rms_fitted, 0.5);
  EXPECT_LT(result.rms_fitted, 1.5);
}

TEST(FitProblem, AValueBeyondItsRangeStopsAtTheEdge) {
  const auto data = saturating_data(40.0, 0.3, false);
  const std::vector<FitParameter> parameters{{.key = "amount", .start = 10.0, .low = 1e-3, .high = 20.0, .log = true}};
  const FitModel model = [&data](const std::vector<double>& p) {
    std::vector<double> y;
    for (const double t : data.quantities[0].time_h) y.push_back(p[0] * (1.0 - std::exp(-0.3 * t)));
    return std::vector<std::vector<double>>{y};
  };
  const auto result = fit_parameters(data, parameters, model, 500);
  EXPECT_DOUBLE_EQ(result.values[0], 20.0);
  EXPECT_TRUE(result.at_bound[0]);
}

TEST(FitProblem, ParametersTheDataCannotSeparateAreReportedAsSuch) {
  // Only the product a * b shapes the data.
  const auto data = saturating_data(40.0, 0.3, false);
  const std::vector<FitParameter> parameters{{.key = "a", .start = 2.0, .low = 1e-3, .high = 1e3, .log = true},
                                             {.key = "b", .start = 2.0, .low = 1e-3, .high = 1e3, .log = true}};
  const FitModel model = [&data](const std::vector<double>& p) {
    std::vector<double> y;
    for (const double t : data.quantities[0].time_h) y.push_back(p[0] * p[1] * (1.0 - std::exp(-0.3 * t)));
    return std::vector<std::vector<double>>{y};
  };
  const auto result = fit_parameters(data, parameters, model, 500);
  EXPECT_NEAR(result.values[0] * result.values[1], 40.0, 1e-5 * 40.0);
  EXPECT_TRUE(std::isnan(result.standard_error[0]) || result.standard_error[0] > 1e3) << result.standard_error[0];
}

TEST(FitProblem, AModelThatCannotRunAtAStepDoesNotEndTheFit) {
  const auto data = saturating_data(40.0, 0.3, false);
  const std::vector<FitParameter> parameters{{.key = "amount", .start = 10.0, .low = 1e-3, .high = 1e3, .log = true},
                                             {.key = "rate", .start = 1.0, .low = 0.0, .high = 10.0, .log = false}};
  const auto inner = saturating_model(data);
  int failures = 0;
  const FitModel model = [&](const std::vector<double>& p) {
    if (p[1] > 1.2) {
      ++failures;
      throw NumericalError("test", "rate", "above 1.2");
    }
    return inner(p);
  };
  const auto result = fit_parameters(data, parameters, model, 500);
  EXPECT_GT(failures, 0) << "the minimizer never stepped past the wall: the test tests nothing";
  // The failing runs were steps not taken: the fit ends where the model runs, no worse than it began.
  EXPECT_LE(result.values[1], 1.2);
  EXPECT_LE(result.rms_fitted, result.rms_start);
}

std::filesystem::path write_file(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
  const auto file = dir / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

TEST(MeasuredSeries, ReadsQuantitiesTheirSdAndGaps) {
  const auto dir = test::scratch_dir("measured-series");
  const auto file =
      write_file(dir, "m.csv",
                 "time_h,intact_cumulative_ug_per_cm2,cumulative_ug_per_cm2,cumulative_ug_per_cm2_sd,note\n"
                 "1,0.5,2,0.1,first\n2,,3.5,0.2,\n4,1.5,5,0.3,x\n");
  const auto data = io::read_measured_series(file);
  ASSERT_EQ(data.quantities.size(), 2U);
  EXPECT_EQ(data.quantities[0].name, "cumulative_ug_per_cm2");  // in the table's column order
  EXPECT_EQ(data.quantities[0].time_h, (std::vector<double>{1, 2, 4}));
  EXPECT_EQ(data.quantities[0].sd, (std::vector<double>{0.1, 0.2, 0.3}));
  EXPECT_EQ(data.quantities[1].name, "intact_cumulative_ug_per_cm2");
  EXPECT_EQ(data.quantities[1].time_h, (std::vector<double>{1, 4}));
  EXPECT_TRUE(data.quantities[1].sd.empty());
  EXPECT_EQ(data.count(), 5U);
  std::filesystem::remove_all(dir);
}

TEST(MeasuredSeries, MalformedFilesAreBadInputNamingTheLine) {
  const auto dir = test::scratch_dir("measured-series-bad");
  const std::vector<std::pair<std::string, std::string>> cases{
      {"cumulative_ug_per_cm2\n1\n", "no time_h column"},
      {"time_h,amount\n1,2\n", "no measured quantity"},
      {"time_h,cumulative_ug_per_cm2\n1,x\n", ":2"},
      {"time_h,cumulative_ug_per_cm2\n2,1\n1,2\n", "times must increase"},
      {"time_h,cumulative_ug_per_cm2\n-1,1\n", "before the product"},
      {"time_h,cumulative_ug_per_cm2\n1,-1\n", "negative"},
      {"time_h,cumulative_ug_per_cm2,cumulative_ug_per_cm2_sd\n1,1,0\n", "above 0"},
      {"time_h,skin_ug_per_cm2_sd\n1,1\n", "not given"},
      {"time_h,cumulative_ug_per_cm2\n", "no measurements"},
      {"time_h,cumulative_ug_per_cm2\n1,2,3\n", "not a readable CSV"},
      {"", "not a readable CSV"}};
  int i = 0;
  for (const auto& [text, message] : cases) {
    const auto file = write_file(dir, "bad" + std::to_string(i++) + ".csv", text);
    try {
      (void)io::read_measured_series(file);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << text << " -> " << e.what();
    }
  }
  EXPECT_THROW(io::read_measured_series(dir / "missing.csv"), InputError);
  std::filesystem::remove_all(dir);
}

// Random bytes and mutated tables: read or refused as bad input, nothing else.
TEST(MeasuredSeries, RandomFilesAreReadOrRefused) {
  const auto dir = test::scratch_dir("measured-series-fuzz");
  const std::string good = "time_h,cumulative_ug_per_cm2,cumulative_ug_per_cm2_sd\n1,2,0.1\n2,3,0.2\n";
  const std::string alphabet = "time_h,cumulative_ug_per_cm2sd0123456789.-e\n\"\t \x01";
  std::mt19937_64 rng(11);
  for (int i = 0; i < 2000; ++i) {
    std::string text = good;
    const auto edits = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int e = 0; e < edits; ++e) {
      const auto at = std::uniform_int_distribution<std::size_t>(0, text.size())(rng);
      const char c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
      if (rng() % 2 == 0 && at < text.size()) {
        text.erase(at, 1);
      } else {
        text.insert(at, 1, c);
      }
    }
    const auto file = write_file(dir, "fuzz.csv", text);
    try {
      const auto data = io::read_measured_series(file);
      EXPECT_GT(data.count(), 0U);
    } catch (const InputError&) {
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mnsim::app
