// Insertion mechanics respond in the physically right direction to needle length, tip sharpness,
// speed, spacing and skin stiffness, and reproduce their closed forms exactly.
#include "mechanics/insertion.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "skin/atlas.hpp"
#include "test_support.hpp"

namespace mnsim::mechanics {
namespace {

class InsertionTest : public ::testing::Test {
 protected:
  skin::Atlas atlas = skin::Atlas::load(test::data_dir());
  skin::SkinModel cheek = atlas.typical(skin::SkinQuery{});
  InsertionParameters params;

  static device::DeviceSpec needle() {
    device::DeviceSpec d;
    d.type = device::DeviceType::stamp;
    d.needles = 25;
    d.pitch_mm = 1.5;
    d.needle_length_um = 1000.0;
    d.needle_diameter_um = 250.0;
    d.tip_radius_um = 5.0;
    d.tip_half_angle_deg = 15.0;
    return d;
  }
  Insertion at(const device::DeviceSpec& d, double speed = 1.0) { return insert(d, cheek, speed, params); }
};

TEST_F(InsertionTest, PunctureForceIsTipPerimeterTimesToughness) {
  const auto r = at(needle());
  EXPECT_NEAR(r.puncture_force_N, 2.0 * std::numbers::pi * 5e-6 * params.puncture_toughness_J_per_m2, 1e-15);
  // Tenting from F = beta E delta^2 at the quasi-static reference speed, times the array factor.
  const double e_pa = 1000.0 * r.skin_modulus_kPa;
  const double array = 1.0 + std::pow(params.bed_of_nails_length_mm / 1.5, 2.0);
  EXPECT_NEAR(r.tenting_um, 1e6 * std::sqrt(r.puncture_force_N / (params.indentation_beta * e_pa)) * array, 1e-9);
  EXPECT_NEAR(r.depth_um, params.efficiency_press * (1000.0 - r.tenting_um), 1e-9);
  EXPECT_NEAR(r.channel_depth_um, params.channel_depth_recoil * r.depth_um, 1e-9);
}

TEST_F(InsertionTest, LongerNeedlesGoDeeper) {
  auto d = needle();
  double previous = -1.0;
  for (const double length : {200.0, 500.0, 1000.0, 2000.0, 3000.0}) {
    d.needle_length_um = length;
    const double depth = at(d).depth_um;
    EXPECT_GT(depth, previous) << length;
    EXPECT_LE(depth, length);
    previous = depth;
  }
}

TEST_F(InsertionTest, ANeedleShorterThanTheTentingDoesNotEnter) {
  auto d = needle();
  d.needle_length_um = 0.5 * at(d).tenting_um;
  EXPECT_DOUBLE_EQ(at(d).depth_um, 0.0);
  EXPECT_DOUBLE_EQ(at(d).channel_radius_um, 0.0);
}

TEST_F(InsertionTest, SharperTipsNeedLessForceTentLessAndGoDeeper) {
  auto sharp = needle();
  auto blunt = needle();
  sharp.tip_radius_um = 1.0;
  blunt.tip_radius_um = 40.0;
  EXPECT_LT(at(sharp).puncture_force_N, at(blunt).puncture_force_N);
  EXPECT_LT(at(sharp).tenting_um, at(blunt).tenting_um);
  EXPECT_GT(at(sharp).depth_um, at(blunt).depth_um);
}

TEST_F(InsertionTest, FasterInsertionStiffensSkinAndGoesDeeper) {
  const auto d = needle();
  const auto slow = at(d, 1.0);
  const auto pen = at(d, 500.0);
  const auto impact = at(d, 5000.0);
  EXPECT_LT(slow.skin_modulus_kPa, pen.skin_modulus_kPa);
  EXPECT_GT(slow.tenting_um, pen.tenting_um);
  EXPECT_LT(slow.depth_um, pen.depth_um);
  EXPECT_LT(pen.depth_um, impact.depth_um);
}

TEST_F(InsertionTest, CloserNeedlesShareTheLoadAsABedOfNails) {
  auto sparse = needle();
  auto dense = needle();
  sparse.pitch_mm = 2.5;
  dense.pitch_mm = 0.25;
  EXPECT_GT(at(dense).tenting_um, at(sparse).tenting_um);
  EXPECT_LT(at(dense).depth_um, at(sparse).depth_um);
  EXPECT_GT(at(dense).force_per_needle_N, at(sparse).force_per_needle_N);
  auto single = needle();
  single.needles = 1;
  EXPECT_DOUBLE_EQ(at(single).force_per_needle_N, at(single).puncture_force_N);
}

TEST_F(InsertionTest, StifferSkinTentsLessAndLetsTheNeedleDeeper) {
  const auto d = needle();
  params.skin_stiffness_scale = 0.5;
  const auto soft = at(d);
  params.skin_stiffness_scale = 2.0;
  const auto stiff = at(d);
  EXPECT_GT(soft.tenting_um, stiff.tenting_um);
  EXPECT_LT(soft.depth_um, stiff.depth_um);
}

TEST_F(InsertionTest, PenStrokeSpeedIsPiTimesFrequencyTimesStroke) {
  device::DeviceSpec pen;
  pen.type = device::DeviceType::pen;
  pen.frequency_hz = 117.0;
  pen.stroke_mm = 2.5;
  // 0.92 m/s for a 2.5 mm stroke at 117 Hz (shared research mechanics.md 2.3).
  EXPECT_NEAR(needle_speed_mm_per_s(pen, 20.0, 1.0), 919.0, 1.0);
  pen.type = device::DeviceType::roller;
  EXPECT_DOUBLE_EQ(needle_speed_mm_per_s(pen, 20.0, 1.0), 20.0);
}

}  // namespace
}  // namespace mnsim::mechanics
