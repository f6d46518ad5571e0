// How long a layer's concentration stays at a target: a course sampled at output times, 0 at the
// application and linear between samples, against hand-computed triangles and plateaus.
#include "transport/layer_course.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

using namespace mnsim::transport;

TEST(LayerCourse, ATriangleIsAboveHalfItsPeakForHalfItsBase) {
  // 0 at t = 0, 10 at 1 h, 0 at 2 h: at or above 5 from 0.5 h to 1.5 h.
  const std::vector<double> t{1.0, 2.0}, c{10.0, 0.0};
  const Course course{t, c};
  EXPECT_DOUBLE_EQ(hours_at_or_above(course, 5.0), 1.0);
  EXPECT_DOUBLE_EQ(*first_reached_h(course, 5.0), 0.5);
  EXPECT_DOUBLE_EQ(hours_at_or_above(course, 10.0), 0.0);  // touched at one instant
  EXPECT_DOUBLE_EQ(*first_reached_h(course, 10.0), 1.0);
  EXPECT_DOUBLE_EQ(hours_at_or_above(course, 11.0), 0.0);
  EXPECT_FALSE(first_reached_h(course, 11.0).has_value());
}

TEST(LayerCourse, APlateauCountsWholeAndAFallCountsToItsCrossing) {
  // Rises to 4 by 0.5 h, holds to 3 h, falls to 1 at 4 h, rises again to 5 at 6 h.
  const std::vector<double> t{0.5, 3.0, 4.0, 6.0}, c{4.0, 4.0, 1.0, 5.0};
  const Course course{t, c};
  // Above 2: from 0.25 h to 3 + 2/3 h, then from 4.5 h to 6 h.
  EXPECT_NEAR(hours_at_or_above(course, 2.0), (3.0 + 2.0 / 3.0 - 0.25) + 1.5, 1e-12);
  EXPECT_DOUBLE_EQ(*first_reached_h(course, 2.0), 0.25);
  // Above 4.5 only late: from 5.75 h.
  EXPECT_NEAR(hours_at_or_above(course, 4.5), 0.25, 1e-12);
  EXPECT_DOUBLE_EQ(*first_reached_h(course, 4.5), 5.75);
}

}  // namespace
