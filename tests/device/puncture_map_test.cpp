// Puncture maps: densities follow the device kinematics, maps are reproducible from the seed and
// do not depend on the number of threads.
#include "device/puncture_map.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <numbers>

#include "app/session.hpp"
#include "io/scenario_reader.hpp"
#include "test_support.hpp"

namespace mnsim::device {
namespace {

class PunctureMapTest : public ::testing::Test {
 protected:
  app::Session session{test::data_dir()};

  std::pair<DeviceSpec, Protocol> setup(const std::vector<std::string>& overrides) {
    ParameterSet p;
    for (const auto& o : overrides) io::apply_override(p, session.registry(), o);
    p.complete(session.registry(), "test");
    return {resolve_device(p, session.catalog()), protocol_from(p)};
  }
};

TEST_F(PunctureMapTest, PenDensityIsNeedlesTimesFrequencyOverSpeedTimesSwathWidth) {
  const auto [d, p] =
      setup({"device.type=pen", "protocol.passes=1", "protocol.area_cm2=100", "protocol.hand_jitter_mm=0"});
  const auto map = generate_puncture_map(d, p, 3);
  const double swath_mm = std::ceil(std::sqrt(static_cast<double>(d.needles))) * d.pitch_mm;
  const double expected_per_cm2 = 100.0 * d.needles * d.frequency_hz / (p.glide_speed_mm_per_s * swath_mm);
  EXPECT_NEAR(static_cast<double>(map.size()) / p.area_cm2, expected_per_cm2, 0.03 * expected_per_cm2);
  // A pass takes the area over the swath width at the glide speed.
  EXPECT_NEAR(map.duration_s, 100.0 * p.area_cm2 / (swath_mm * p.glide_speed_mm_per_s), 0.05 * map.duration_s);
}

TEST_F(PunctureMapTest, RollerPassLaysItsNeedlesOverTheDrumCircumferenceTimesWidth) {
  // 192 needles over pi * 2 cm * 2 cm = 12.6 cm2: about 15 holes per cm2 per pass
  // (shared research mechanics.md 2.4, from the Schwarz & Laaff 2011 device description).
  const auto [d, p] =
      setup({"device.model=roller_192_mf8", "protocol.passes=1", "protocol.area_cm2=400", "protocol.hand_jitter_mm=0"});
  const auto map = generate_puncture_map(d, p, 3);
  const double expected = d.needles / (std::numbers::pi * 2.0 * 2.0);
  EXPECT_NEAR(static_cast<double>(map.size()) / p.area_cm2, expected, 0.05 * expected);
}

TEST_F(PunctureMapTest, EveryPunctureLiesInTheTreatedSquareAndPassesAreOrdered) {
  const auto [d, p] = setup({"device.type=pen", "protocol.passes=3", "protocol.area_cm2=4"});
  const auto map = generate_puncture_map(d, p, 5);
  ASSERT_GT(map.size(), 0U);
  for (std::size_t i = 0; i < map.size(); ++i) {
    EXPECT_GE(map.x_mm[i], 0.0);
    EXPECT_LE(map.x_mm[i], map.side_mm);
    EXPECT_GE(map.y_mm[i], 0.0);
    EXPECT_LE(map.y_mm[i], map.side_mm);
    if (i > 0) {
      EXPECT_GE(map.pass[i], map.pass[i - 1]);
    }
  }
  EXPECT_EQ(map.pass.back(), 2);
}

TEST_F(PunctureMapTest, SameSeedSameMapWhateverTheThreadCount) {
  const auto [d, p] = setup({"device.type=pen", "protocol.passes=2", "protocol.area_cm2=20"});
  omp_set_num_threads(1);
  const auto one = generate_puncture_map(d, p, 42);
  omp_set_num_threads(4);
  const auto four = generate_puncture_map(d, p, 42);
  const auto again = generate_puncture_map(d, p, 42);
  const auto other = generate_puncture_map(d, p, 43);
  ASSERT_EQ(one.size(), four.size());
  EXPECT_EQ(one.x_mm, four.x_mm);
  EXPECT_EQ(one.y_mm, four.y_mm);
  EXPECT_EQ(one.t_s, four.t_s);
  EXPECT_EQ(four.x_mm, again.x_mm);
  EXPECT_NE(one.x_mm, other.x_mm);
}

TEST_F(PunctureMapTest, DraggedRollersTearWoundsAndPenWoundsStretchWithGlideSpeed) {
  auto [roller, p] = setup({"device.model=roller_192_mf8", "protocol.area_cm2=4"});
  EXPECT_FLOAT_EQ(generate_puncture_map(roller, p, 1).elongation_um.front(), 0.0F);
  p.slip_fraction = 0.5;
  EXPECT_GT(generate_puncture_map(roller, p, 1).elongation_um.front(), 100.0F);
  auto [pen, q] = setup({"device.type=pen", "protocol.area_cm2=4"});
  const float fast = generate_puncture_map(pen, q, 1).elongation_um.front();
  q.glide_speed_mm_per_s /= 4.0;
  // The pen moves on while its needles are in the skin: slower glide, shorter tear per stroke.
  EXPECT_LT(generate_puncture_map(pen, q, 1).elongation_um.front(), fast);
}

TEST(HeadLayout, NeedlesSitOnTheirPitchAroundTheCentre) {
  DeviceSpec d;
  d.needles = 12;
  d.pitch_mm = 1.0;
  const auto head = head_layout(d);
  ASSERT_EQ(head.size(), 12U);
  for (std::size_t i = 0; i < head.size(); ++i) {
    for (std::size_t j = i + 1; j < head.size(); ++j) {
      EXPECT_GE(std::hypot(head[i].along - head[j].along, head[i].across - head[j].across), 1.0 - 1e-12);
    }
  }
}

}  // namespace
}  // namespace mnsim::device
