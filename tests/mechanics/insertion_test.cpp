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
  bool home = true;  // protocol.press: pressed home to the hub, or driven through a displacement

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
  Insertion at(const device::DeviceSpec& d, double speed = 1.0) { return insert(d, cheek, {speed, {}, home}, params); }
  Insertion pressed(const device::DeviceSpec& d, double force_N, double hold_s = 0.0) {
    return insert(d, cheek, {1.0, force_N, home, hold_s}, params);
  }
  Insertion shot(const device::DeviceSpec& d, double speed_mm_per_s, double mass_g) {
    return insert(d, cheek, {speed_mm_per_s, {}, home, 0.0, mass_g}, params);
  }
  // Work one needle does to reach depth_um after puncture: the tent's stored energy, the cutting
  // force over the depth and the flank friction (trapezoid rule on the flank area, independent of
  // the closed form the model uses).
  double work_to_reach_J(const device::DeviceSpec& d, const Insertion& r, double depth_um) const {
    const int steps = 4000;
    double area_integral = 0.0;
    for (int i = 0; i < steps; ++i) {
      const double z0 = depth_um * i / steps, z1 = depth_um * (i + 1) / steps;
      area_integral += 0.5 * (lateral_area_um2(d, z0) + lateral_area_um2(d, z1)) * (z1 - z0);
    }
    const double tent_J = r.puncture_force_N * 1e-6 * r.tenting_um / 3.0;
    return tent_J + r.puncture_force_N * 1e-6 * depth_um +
           params.shaft_friction_coefficient * 1000.0 * r.skin_modulus_kPa * 1e-18 * area_integral;
  }
};

TEST_F(InsertionTest, TheFlankAreaIsTheConeThenTheShaft) {
  const auto d = needle();  // 5 um tip, 15 deg half angle, 250 um shaft: cone 448 um long
  const double t = std::tan(15.0 * std::numbers::pi / 180.0);
  const double cone = (125.0 - 5.0) / t;
  EXPECT_NEAR(d.tip_length_um(), cone, 1e-9);
  EXPECT_NEAR(
      lateral_area_um2(d, 100.0),
      2.0 * std::numbers::pi * (5.0 * 100.0 + 0.5 * 100.0 * 100.0 * t) / std::cos(15.0 * std::numbers::pi / 180.0),
      1e-6);
  EXPECT_NEAR(lateral_area_um2(d, cone + 200.0) - lateral_area_um2(d, cone), 2.0 * std::numbers::pi * 125.0 * 200.0,
              1e-6);
}

TEST_F(InsertionTest, PunctureForceIsTipPerimeterTimesToughness) {
  home = false;  // driven through a displacement: the fitted share of the travel past the tent
  const auto r = at(needle());
  EXPECT_NEAR(r.puncture_force_N, 2.0 * std::numbers::pi * 5e-6 * params.puncture_toughness_J_per_m2, 1e-15);
  // Tenting from F = beta E delta^2 at the quasi-static reference speed, times the array factor.
  const double e_pa = 1000.0 * r.skin_modulus_kPa;
  const double array = 1.0 + std::pow(params.bed_of_nails_length_mm / 1.5, 2.0);
  EXPECT_NEAR(r.tenting_um, 1e6 * std::sqrt(r.puncture_force_N / (params.indentation_beta * e_pa)) * array, 1e-9);
  EXPECT_NEAR(r.depth_um, params.efficiency_press * (1000.0 - r.tenting_um), 1e-9);
  EXPECT_EQ(r.limited_by, DepthLimit::length);
  EXPECT_NEAR(r.channel_depth_um, params.channel_depth_recoil * r.depth_um, 1e-9);
}

// protocol.press = "home": a pressed stamp stops at its hub, where depth plus the
// local tent its resistance pulls down is the needle length, the resistance being the puncture
// force plus the flank friction mu E A(d). No fitted share of the travel.
TEST_F(InsertionTest, AtTheHubDepthPlusTheLocalTentIsTheNeedleLength) {
  const auto r = at(needle());
  const double e_pa = 1000.0 * r.skin_modulus_kPa;
  const double array = 1.0 + std::pow(params.bed_of_nails_length_mm / 1.5, 2.0);
  const double resistance =
      r.puncture_force_N + params.shaft_friction_coefficient * e_pa * 1e-12 * lateral_area_um2(needle(), r.depth_um);
  const double tent = 1e6 * std::sqrt(resistance / (params.indentation_beta * e_pa)) * array;
  EXPECT_NEAR(r.depth_um + tent, 1000.0, 1e-6);
  EXPECT_EQ(r.limited_by, DepthLimit::length);
  // Deeper than the fitted share of a displacement-driven needle's travel, shallower than the needle.
  home = false;
  EXPECT_GT(r.depth_um, at(needle()).depth_um);
  EXPECT_LT(r.depth_um, 1000.0 - r.tenting_um);
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

// Close neighbours deepen the tenting (bed of nails), but each needle still needs its own puncture
// force: per-needle forces did not change between 30 and 600 um base spacing (Olatunji et al. 2013).
TEST_F(InsertionTest, CloserNeedlesTentMoreButEachNeedsItsOwnPunctureForce) {
  auto sparse = needle();
  auto dense = needle();
  sparse.pitch_mm = 2.5;
  dense.pitch_mm = 0.25;
  EXPECT_GT(at(dense).tenting_um, at(sparse).tenting_um);
  EXPECT_LT(at(dense).depth_um, at(sparse).depth_um);
  EXPECT_DOUBLE_EQ(at(dense).force_per_needle_N, at(sparse).force_per_needle_N);
  EXPECT_DOUBLE_EQ(at(dense).force_to_pierce_N, 25.0 * at(dense).puncture_force_N);
  auto single = needle();
  single.needles = 1;
  EXPECT_DOUBLE_EQ(at(single).force_per_needle_N, at(single).puncture_force_N);
}

// Under a given force a needle stops where its share of the load equals the puncture force plus
// the flank friction mu E A(d); the hub stops it at the pressed-home depth.
TEST_F(InsertionTest, UnderALoadTheNeedleStopsWhereFrictionTakesUpTheLoad) {
  const auto d = needle();
  const auto unloaded = at(d);
  const double per_needle = 1.5 * unloaded.puncture_force_N;
  const auto r = pressed(d, per_needle * d.needles);
  ASSERT_EQ(r.limited_by, DepthLimit::load);
  EXPECT_LT(r.depth_um, unloaded.depth_um);
  const double resistance = r.puncture_force_N + params.shaft_friction_coefficient * 1000.0 * r.skin_modulus_kPa *
                                                     1e-12 * lateral_area_um2(d, r.depth_um);
  EXPECT_NEAR(resistance, per_needle, 1e-9 * per_needle);
  EXPECT_DOUBLE_EQ(r.applied_force_per_needle_N, per_needle);
  // A thousand times the force: the hub stops the needles where pressing home does.
  const auto strong = pressed(d, 1000.0 * per_needle * d.needles);
  EXPECT_EQ(strong.limited_by, DepthLimit::length);
  EXPECT_DOUBLE_EQ(strong.depth_um, unloaded.depth_um);
}

// Held under its load, the skin relaxes as one-term quasi-linear viscoelasticity,
// E(t) = E (g + (1 - g) exp(-t / tau)): the flank friction falls and a load-limited needle creeps
// deeper, to where the relaxed resistance takes up its share, and never past its hub.
TEST_F(InsertionTest, AHeldLoadLetsTheNeedlesCreepDeeperUpToTheHub) {
  const auto d = needle();
  const double per_needle = 1.5 * at(d).puncture_force_N;
  const auto pushed = pressed(d, per_needle * d.needles);
  ASSERT_EQ(pushed.limited_by, DepthLimit::load);
  EXPECT_DOUBLE_EQ(pushed.held_modulus_kPa, pushed.skin_modulus_kPa);
  const double tau = params.relaxation_time_s;
  const auto held = pressed(d, per_needle * d.needles, tau);
  const double g = params.relaxed_modulus_ratio;
  EXPECT_NEAR(held.held_modulus_kPa, held.skin_modulus_kPa * (g + (1.0 - g) * std::exp(-1.0)), 1e-9);
  EXPECT_GT(held.depth_um, pushed.depth_um);
  const double resistance = held.puncture_force_N + params.shaft_friction_coefficient * 1000.0 * held.held_modulus_kPa *
                                                        1e-12 * lateral_area_um2(d, held.depth_um);
  if (held.limited_by == DepthLimit::load) {
    EXPECT_NEAR(resistance, per_needle, 1e-9 * per_needle);
  }
  // Fully relaxed after many time constants; never past the depth pressing home reaches.
  const auto relaxed = pressed(d, per_needle * d.needles, 1000.0 * tau);
  EXPECT_NEAR(relaxed.held_modulus_kPa, g * relaxed.skin_modulus_kPa, 1e-9 * relaxed.skin_modulus_kPa);
  EXPECT_GE(relaxed.depth_um, held.depth_um);
  EXPECT_LE(relaxed.depth_um, at(d).depth_um);
}

// Property: holding longer never gives a shallower depth, whatever the force, length and press.
TEST_F(InsertionTest, HoldingLongerNeverGivesAShallowerDepth) {
  for (const bool hub : {false, true}) {
    home = hub;
    for (const double length : {300.0, 600.0, 1500.0}) {
      auto d = needle();
      d.needle_length_um = length;
      for (double force = 0.5; force < 500.0; force *= 2.0) {
        double previous = -1.0;
        for (const double hold : {0.0, 0.05, 0.2, 1.0, 30.0, 600.0}) {
          const double depth = pressed(d, force, hold).depth_um;
          EXPECT_GE(depth, previous) << length << " um, " << force << " N, " << hold << " s";
          previous = depth;
        }
      }
    }
  }
}

// Shot home by an impact applicator of mass m at speed v, each of the n needles gets the energy
// m v^2 / (2 n): it fills the tent up to puncture, then pays the cutting force and the flank
// friction until it is spent, or until the hub stops the needle.
TEST_F(InsertionTest, AnImpactStopsWhereTheApplicatorsEnergyIsSpent) {
  const auto d = needle();
  const double speed = 2000.0;  // 2 m/s
  const auto home_depth = at(d, speed);
  const double hub_J = work_to_reach_J(d, home_depth, home_depth.depth_um);
  // A mass whose energy pays for half the work to the hub.
  const double mass_g = 1e3 * 2.0 * (0.5 * hub_J * d.needles) / (2.0 * 2.0);
  const auto r = shot(d, speed, mass_g);
  ASSERT_EQ(r.limited_by, DepthLimit::energy);
  EXPECT_NEAR(r.impact_energy_mJ, 1e3 * 0.5 * hub_J * d.needles, 1e-9);
  EXPECT_LT(r.depth_um, home_depth.depth_um);
  EXPECT_NEAR(work_to_reach_J(d, r, r.depth_um), 0.5 * hub_J, 1e-4 * hub_J);
  // Ten times the work to the hub: the hub stops the needles where pressing home does.
  const auto heavy = shot(d, speed, 20.0 * mass_g);
  EXPECT_EQ(heavy.limited_by, DepthLimit::length);
  EXPECT_DOUBLE_EQ(heavy.depth_um, home_depth.depth_um);
  // Too little energy to bring the tent to puncture: it stops where the energy is spent,
  // beta E (delta / a)^3 a / 3 = m v^2 / (2 n).
  const double tent_J = r.puncture_force_N * 1e-6 * home_depth.tenting_um / 3.0;
  const auto light = shot(d, speed, mass_g * 0.1 * tent_J / (0.5 * hub_J));
  EXPECT_EQ(light.limited_by, DepthLimit::no_puncture);
  EXPECT_DOUBLE_EQ(light.depth_um, 0.0);
  EXPECT_NEAR(light.tenting_um, home_depth.tenting_um * std::cbrt(0.1), 1e-6 * home_depth.tenting_um);
}

TEST_F(InsertionTest, TheFlankAreaIntegralIsTheIntegralOfTheFlankArea) {
  const auto d = needle();
  for (const double depth : {0.0, 50.0, d.tip_length_um(), 700.0, 1000.0}) {
    const int steps = 20000;
    double sum = 0.0;
    for (int i = 0; i < steps; ++i) {
      const double z0 = depth * i / steps, z1 = depth * (i + 1) / steps;
      sum += 0.5 * (lateral_area_um2(d, z0) + lateral_area_um2(d, z1)) * (z1 - z0);
    }
    EXPECT_NEAR(lateral_area_integral_um3(d, depth), sum, 1e-6 * sum + 1e-9) << depth << " um";
  }
}

// Property: a heavier or faster applicator never gives a shallower depth, for any length and pitch.
TEST_F(InsertionTest, MoreImpactEnergyNeverGivesAShallowerDepth) {
  for (const double length : {150.0, 300.0, 600.0, 1500.0}) {
    for (const double pitch : {0.2, 0.6, 2.0}) {
      auto d = needle();
      d.needle_length_um = length;
      d.pitch_mm = pitch;
      // Depths along a rising series of one input, the other held: never shallower.
      const auto never_shallower = [&](double from, double to, double factor, auto shoot, const char* unit) {
        double previous = 0.0;
        for (double x = from; x < to; x *= factor) {
          const double depth = shoot(x);
          EXPECT_GE(depth, previous) << length << " um, pitch " << pitch << " mm, " << x << " " << unit;
          previous = depth;
        }
      };
      for (const double speed : {500.0, 2000.0, 8000.0})
        never_shallower(
            0.01, 2000.0, 1.7, [&](double mass) { return shot(d, speed, mass).depth_um; }, "g");
      for (const double mass : {0.05, 1.0, 20.0})
        never_shallower(
            100.0, 20000.0, 1.5, [&](double speed) { return shot(d, speed, mass).depth_um; }, "mm/s");
    }
  }
}

TEST_F(InsertionTest, BelowThePunctureForceTheSkinOnlyTents) {
  const auto d = needle();
  const auto r = pressed(d, 0.5 * at(d).force_to_pierce_N);
  EXPECT_EQ(r.limited_by, DepthLimit::no_puncture);
  EXPECT_DOUBLE_EQ(r.depth_um, 0.0);
  EXPECT_DOUBLE_EQ(r.channel_radius_um, 0.0);
  EXPECT_GT(r.tenting_um, 0.0);
  EXPECT_LT(r.tenting_um, at(d).tenting_um);
}

// Property (issue: insertion under load): more force or a sharper tip never gives a shallower
// depth, for any needle length, spacing and load, pressed home or not.
TEST_F(InsertionTest, MoreForceOrASharperTipNeverGivesAShallowerDepth) {
  for (const bool hub : {false, true}) {
    home = hub;
    for (const double length : {150.0, 300.0, 600.0, 1500.0}) {
      for (const double pitch : {0.2, 0.6, 2.0}) {
        auto d = needle();
        d.needle_length_um = length;
        d.pitch_mm = pitch;
        double previous = 0.0;
        for (double force = 0.01; force < 1000.0; force *= 1.5) {
          const double depth = pressed(d, force).depth_um;
          EXPECT_GE(depth, previous) << length << " um, pitch " << pitch << " mm, " << force << " N";
          previous = depth;
        }
        for (const double force : {0.5, 5.0, 50.0}) {
          double blunter = -1.0;
          for (const double tip : {60.0, 30.0, 10.0, 5.0, 2.0, 0.5}) {
            d.tip_radius_um = tip;
            const double depth = pressed(d, force).depth_um;
            EXPECT_GE(depth, blunter) << length << " um, tip " << tip << " um, " << force << " N";
            blunter = depth;
          }
          d.tip_radius_um = 5.0;
        }
      }
    }
  }
}

// Property: packing more needles into the same face never lowers the force the array needs.
TEST_F(InsertionTest, ADenserArrayNeverNeedsLessForcePerArray) {
  const double face_mm = 10.0;
  double previous = 0.0;
  for (int per_side = 1; per_side <= 40; ++per_side) {
    auto d = needle();
    d.needles = per_side * per_side;
    d.pitch_mm = face_mm / per_side;
    const double force = at(d).force_to_pierce_N;
    EXPECT_GE(force, previous) << d.needles << " needles";
    previous = force;
  }
}

TEST_F(InsertionTest, ARollerSharesItsLoadAmongTheNeedlesInContact) {
  device::DeviceSpec roller = needle();
  roller.type = device::DeviceType::roller;
  roller.needles = 192;
  roller.rows = 8;
  roller.drum_diameter_mm = 20.0;
  roller.needle_length_um = 1500.0;
  // Half angle acos(1 - 1.5 / 10) = 31.8 deg; 24 needles per ring, 15 deg apart: 4 per row in contact.
  EXPECT_EQ(needles_under_load(roller), 32);
  roller.needle_length_um = 100.0;  // 8.1 deg: one needle per row
  EXPECT_EQ(needles_under_load(roller), 8);
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
