// The progress line: steps, elapsed time and, once a step is done, the time left at that pace.
#include "app/progress.hpp"

#include <gtest/gtest.h>

namespace mnsim::app {
namespace {

TEST(Progress, TheLineShowsElapsedTimeAndTheTimeLeftAtThePaceSoFar) {
  EXPECT_EQ(progress_line("simulate", 0, 5, 0.4), "simulate [..............................] 0/5  0 s");
  EXPECT_EQ(progress_line("simulate", 2, 5, 4.0), "simulate [############..................] 2/5  4 s, about 6 s left");
  EXPECT_EQ(progress_line("fit", 1, 4, 60.0), "fit [#######.......................] 1/4  60 s, about 3 min 00 s left");
  EXPECT_EQ(progress_line("plan", 3, 3, 125.0), "plan [##############################] 3/3  2 min 05 s");
}

}  // namespace
}  // namespace mnsim::app
