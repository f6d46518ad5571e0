#include "core/rng.hpp"

#include <gtest/gtest.h>

namespace mnsim {
namespace {

TEST(RandomStreams, SameSeedAndStreamGiveTheSameSequence) {
  auto a = make_stream(42, 7);
  auto b = make_stream(42, 7);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a(), b());
}

TEST(RandomStreams, NeighbouringStreamsAndSeedsDiffer) {
  EXPECT_NE(make_stream(42, 0)(), make_stream(42, 1)());
  EXPECT_NE(make_stream(42, 0)(), make_stream(43, 0)());
  // Stream i of seed s must not be stream i+1 of seed s-1 (no simple shift between them).
  EXPECT_NE(make_stream(1, 2)(), make_stream(2, 1)());
}

}  // namespace
}  // namespace mnsim
