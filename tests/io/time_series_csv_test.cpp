// Time series as CSV: a header of the column names, one row per sample, numbers that read back exactly.
#include "io/time_series_csv.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mnsim::io {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

double parse(const std::string& text) {
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  EXPECT_TRUE(ec == std::errc() && ptr == text.data() + text.size()) << text;
  return value;
}

TEST(TimeSeriesCsv, HeaderThenOneRowPerSampleWithExactNumbers) {
  const std::vector<double> time_h{0.0, 0.5, 1.0 / 3.0, 24.0};
  const std::vector<double> flux{1.25, 0.1, 1e-9, -2.5e7};
  const auto text = time_series_csv({{"time_h", time_h}, {"flux_ug_per_cm2_h", flux}});
  const auto rows = lines(text);
  ASSERT_EQ(rows.size(), 1 + time_h.size());
  EXPECT_EQ(rows[0], "time_h,flux_ug_per_cm2_h");
  for (std::size_t i = 0; i < time_h.size(); ++i) {
    const auto& row = rows[i + 1];
    const auto comma = row.find(',');
    ASSERT_NE(comma, std::string::npos) << row;
    EXPECT_EQ(row.find(',', comma + 1), std::string::npos) << row;
    EXPECT_EQ(parse(row.substr(0, comma)), time_h[i]);
    EXPECT_EQ(parse(row.substr(comma + 1)), flux[i]);
  }
  EXPECT_EQ(text.back(), '\n');
}

TEST(TimeSeriesCsv, NoSamplesGivesTheHeaderAlone) {
  EXPECT_EQ(time_series_csv({{"time_h", {}}, {"dose_ug", {}}}), "time_h,dose_ug\n");
}

TEST(TimeSeriesCsv, BadColumnsAreRefused) {
  const std::vector<double> three{1, 2, 3};
  const std::vector<double> two{1, 2};
  EXPECT_THROW(time_series_csv({}), std::invalid_argument);
  EXPECT_THROW(time_series_csv({{"time_h", three}, {"flux_ug_per_cm2_h", two}}), std::invalid_argument);
  EXPECT_THROW(time_series_csv({{"time_h", three}, {"time_h", three}}), std::invalid_argument);
  EXPECT_THROW(time_series_csv({{"time_h", three}, {"", three}}), std::invalid_argument);
}

TEST(TimeSeriesCsv, NamesThatNeedQuotingAreQuoted) {
  const std::vector<double> one{1.0};
  EXPECT_EQ(lines(time_series_csv({{"time_h", one}, {"a,b", one}}))[0], "time_h,\"a,b\"");
}

}  // namespace
}  // namespace mnsim::io
