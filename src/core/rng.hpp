#pragma once
// Random streams that do not depend on the thread count: every independent draw (one virtual
// person, one puncture row) gets its own generator, derived from the run seed and a stream index.
#include <cstdint>
#include <random>

namespace mnsim {

using Rng = std::mt19937_64;

// SplitMix64 finaliser: spreads nearby (seed, stream) pairs over the whole state space.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

inline Rng make_stream(std::uint64_t seed, std::uint64_t stream) {
  return Rng(splitmix64(splitmix64(seed) ^ splitmix64(stream + 0x632BE59BD9B4E019ULL)));
}

}  // namespace mnsim
