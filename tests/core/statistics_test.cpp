#include "core/statistics.hpp"

#include <gtest/gtest.h>

namespace mnsim {
namespace {

TEST(Quantile, InterpolatesBetweenOrderStatisticsLikeNumpyDefault) {
  // numpy.quantile([1, 2, 3, 4], [0, 0.25, 0.5, 1]) = [1, 1.75, 2.5, 4]
  const std::vector<double> v{4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(quantile(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile(v, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile(v, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile(v, 1.0), 4.0);
  EXPECT_THROW((void)quantile({}, 0.5), std::invalid_argument);
}

}  // namespace
}  // namespace mnsim
