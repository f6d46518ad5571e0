// Where the solvers restart: applications every interval (strictly before the end, and one due
// at an output time made just after it), the session of a product put on before it, and the
// wipe-off, in time order.
#include "transport/jumps.hpp"

#include <gtest/gtest.h>

namespace mnsim::transport {
namespace {

TEST(Jumps, ApplicationsTheSessionAndTheWipeOffComeInTimeOrder) {
  const JumpSchedule schedule{
      .finite_dose = true, .applications = 4, .interval_s = 3600.0, .channels_made_s = 3600.0, .removed_s = 5000.0};
  const auto jumps = jumps_before(schedule, 7200.0);
  ASSERT_EQ(jumps.size(), 3U);                      // 7200 s is the end: its application is never made
  EXPECT_EQ(jumps[0].change, Change::application);  // at 3600 s, before the channels
  EXPECT_EQ(jumps[1].change, Change::channels);
  EXPECT_DOUBLE_EQ(jumps[1].t_s, 3600.0);
  EXPECT_EQ(jumps[2].change, Change::removal);
  EXPECT_DOUBLE_EQ(jumps[2].t_s, 5000.0);
}

TEST(Jumps, ApplicationsAreCountedAsTheSolversMakeThem) {
  const JumpSchedule schedule{.finite_dose = true, .applications = 3, .interval_s = 100.0};
  EXPECT_EQ(applications_by(schedule, 0.0), 1U);
  EXPECT_EQ(applications_by(schedule, 100.0), 1U);  // made just after an output at 100 s
  EXPECT_EQ(applications_by(schedule, 100.5), 2U);
  EXPECT_EQ(applications_by(schedule, 1e6), 3U);
  const JumpSchedule infinite{.finite_dose = false, .applications = 3, .interval_s = 100.0};
  EXPECT_EQ(applications_by(infinite, 1e6), 1U);
  EXPECT_TRUE(jumps_before(JumpSchedule{}, 1e6).empty());
}

}  // namespace
}  // namespace mnsim::transport
