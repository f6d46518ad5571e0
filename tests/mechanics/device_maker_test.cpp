// A device maker's questions, as a tutorial (docs/device_maker.md runs the same numbers through
// `mnsim sweep`): how much force a 100-needle patch needs, which tips and pitches go in fully at
// a thumb's force, and how clinicians' endpoints turn into passes.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "app/pipeline.hpp"
#include "core/error.hpp"
#include "io/scenario_reader.hpp"
#include "test_support.hpp"

namespace mnsim {
namespace {

class DeviceMaker : public ::testing::Test {
 protected:
  app::Session session{test::data_dir()};

  app::SessionInjury run(const std::string& example, const std::vector<std::string>& overrides) {
    auto p = io::read_scenario_file(test::source_dir() / "examples" / example, session.registry());
    for (const auto& o : overrides) io::apply_override(p, session.registry(), o);
    p.complete(session.registry(), example);
    return app::simulate_injury(p, session);
  }
};

// Force: every needle needs its own puncture force 2 pi R J, so a 100-needle patch of 10 um
// tips needs 100 x 0.0714 N = 7.1 N, and below that no needle goes in.
TEST_F(DeviceMaker, AHundredNeedlePatchNeedsAHundredPunctureForces) {
  const auto patch = run("device_maker_patch.toml", {});
  const auto& n = patch.injury.nominal;
  EXPECT_EQ(n.needles_under_load, 100);
  EXPECT_NEAR(n.force_to_pierce_N, 100.0 * 2.0 * std::numbers::pi * 10e-6 * 1136.0, 1e-9);
  const auto weak = run("device_maker_patch.toml", {"protocol.application_force_N=5"});
  EXPECT_EQ(weak.injury.nominal.limited_by, mechanics::DepthLimit::no_puncture);
  EXPECT_DOUBLE_EQ(weak.injury.summary.depth_um.mean, 0.0);
}

// At 20 N (the middle of the 10-50 N used to mimic a thumb), tips of 2-20 um go in as far as
// the needle lets them at every pitch from 0.4 to 2 mm; 40 um tips need 28.6 N and do not pierce.
// Sharper tips and wider pitches go deeper.
TEST_F(DeviceMaker, AtAThumbsForceSharpTipsGoInFullyAndBluntOnesDoNot) {
  for (const char* pitch : {"0.4", "0.6", "1.0", "2.0"}) {
    double blunter = 0.0;
    for (const char* tip : {"20", "10", "5", "2"}) {
      const auto r = run("device_maker_patch.toml",
                         {std::string("device.tip_radius_um=") + tip, std::string("device.pitch_mm=") + pitch});
      EXPECT_EQ(r.injury.nominal.limited_by, mechanics::DepthLimit::length) << tip << " um, " << pitch << " mm";
      EXPECT_GT(r.injury.nominal.depth_um, blunter) << tip << " um, " << pitch << " mm";
      blunter = r.injury.nominal.depth_um;
    }
    const auto blunt =
        run("device_maker_patch.toml", {"device.tip_radius_um=40", std::string("device.pitch_mm=") + pitch});
    EXPECT_EQ(blunt.injury.nominal.limited_by, mechanics::DepthLimit::no_puncture);
  }
}

// Depth against thumb force for the 10 um patch: nothing below 7.1 N, then the load sets the
// depth, then the needle length.
TEST_F(DeviceMaker, DepthRisesWithForceUntilTheNeedleLengthStopsIt) {
  double previous = -1.0;
  bool loaded = false;
  for (const char* force : {"5", "8", "10", "12", "15", "20", "50"}) {
    const auto r = run("device_maker_patch.toml", {std::string("protocol.application_force_N=") + force});
    EXPECT_GE(r.injury.nominal.depth_um, previous) << force << " N";
    loaded = loaded || r.injury.nominal.limited_by == mechanics::DepthLimit::load;
    previous = r.injury.nominal.depth_um;
  }
  EXPECT_TRUE(loaded);
  EXPECT_EQ(run("device_maker_patch.toml", {"protocol.application_force_N=50"}).injury.nominal.limited_by,
            mechanics::DepthLimit::length);
}

// Held under 8 N the skin relaxes and the load-limited needles creep deeper; at 10 N a 0.2 s hold
// takes them to the hub that pressing home reaches.
TEST_F(DeviceMaker, AHeldPatchCreepsDeeperUntilItsHub) {
  double previous = -1.0;
  for (const char* hold : {"0", "0.1", "0.5", "30"}) {
    const auto r =
        run("device_maker_patch.toml", {"protocol.application_force_N=8", std::string("protocol.hold_s=") + hold});
    EXPECT_EQ(r.injury.nominal.limited_by, mechanics::DepthLimit::load) << hold << " s";
    EXPECT_GT(r.injury.nominal.depth_um, previous) << hold << " s";
    previous = r.injury.nominal.depth_um;
  }
  const auto home = run("device_maker_patch.toml", {});
  const auto held = run("device_maker_patch.toml", {"protocol.application_force_N=10", "protocol.hold_s=0.2"});
  EXPECT_EQ(held.injury.nominal.limited_by, mechanics::DepthLimit::length);
  EXPECT_DOUBLE_EQ(held.injury.nominal.depth_um, home.injury.nominal.depth_um);
}

// Shot at 3 m/s by a spring applicator, the 100-needle patch goes as deep as the moving mass's
// kinetic energy pays for: 0.45 mJ (0.1 g) only just punctures (21 um), 4.5 mJ (1 g) reaches 411 um,
// and from 2 g on the needles stop at their hub, where pressing home takes them (414 um).
TEST_F(DeviceMaker, AnApplicatorNeedsEnoughMassToShootThePatchHome) {
  const auto home = run("impact_applicator.toml", {"protocol.applicator_mass_g=1000"});
  EXPECT_EQ(home.injury.nominal.limited_by, mechanics::DepthLimit::length);
  double previous = -1.0;
  for (const char* mass : {"0.05", "0.1", "0.3", "1"}) {
    const auto r = run("impact_applicator.toml", {std::string("protocol.applicator_mass_g=") + mass});
    EXPECT_GT(r.injury.nominal.depth_um, previous) << mass << " g";
    EXPECT_LT(r.injury.nominal.depth_um, home.injury.nominal.depth_um) << mass << " g";
    EXPECT_NEAR(r.injury.nominal.impact_energy_mJ, 0.5 * std::stod(mass) * 9.0, 1e-9) << mass << " g";
    previous = r.injury.nominal.depth_um;
  }
  EXPECT_EQ(run("impact_applicator.toml", {"protocol.applicator_mass_g=0.05"}).injury.nominal.limited_by,
            mechanics::DepthLimit::no_puncture);
  const auto two = run("impact_applicator.toml", {"protocol.applicator_mass_g=2"});
  EXPECT_EQ(two.injury.nominal.limited_by, mechanics::DepthLimit::length);
  EXPECT_DOUBLE_EQ(two.injury.nominal.depth_um, home.injury.nominal.depth_um);
}

// A roller passed until pinpoint bleeding: the passes laid make at least 10 bleeding punctures
// per cm2, one pass fewer would not. Needles that stay above the capillary loops cannot get
// there: a clear error, not a silent 20 passes.
TEST_F(DeviceMaker, ARollerIsPassedUntilPinpointBleeding) {
  const auto r = run("home_roller.toml", {"protocol.endpoint=pinpoint_bleeding", "device.needle_length_mm=1.0"});
  const auto& s = r.injury.summary;
  ASSERT_GE(s.passes, 1);
  const double points = s.bleeding_fraction * s.punctures_per_cm2;
  EXPECT_GE(points, 10.0 * 0.8) << s.passes << " passes";  // per-pass scatter of the Poisson strikes
  EXPECT_LT(points * (s.passes - 1) / s.passes, 10.0 * 1.2) << s.passes << " passes";
  EXPECT_THROW(run("home_roller.toml", {"protocol.endpoint=pinpoint_bleeding", "device.needle_length_mm=0.25"}),
               InputError);
}

// A pen held for a time per cm2: passes = time on the area / time of one pass.
TEST_F(DeviceMaker, APensTreatmentTimeBecomesPasses) {
  const auto one = run("default.toml", {"protocol.passes=1"});
  const double per_pass_s_per_cm2 = one.injury.summary.duration_s / one.protocol.area_cm2;
  const auto timed =
      run("default.toml", {"protocol.endpoint=treatment_time",
                           "protocol.treatment_time_s_per_cm2=" + std::to_string(3.0 * per_pass_s_per_cm2)});
  EXPECT_EQ(timed.injury.summary.passes, 3);
  EXPECT_EQ(timed.protocol.passes, 3);
}

}  // namespace
}  // namespace mnsim
