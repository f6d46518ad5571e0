// Devices: the catalog loads, scenarios pick and override models, impossible devices are refused.
#include "device/device_spec.hpp"

#include <gtest/gtest.h>

#include "app/session.hpp"
#include "io/scenario_reader.hpp"
#include "test_support.hpp"

namespace mnsim::device {
namespace {

class DeviceSpecTest : public ::testing::Test {
 protected:
  app::Session session{test::data_dir()};

  DeviceSpec resolve(const std::vector<std::string>& overrides) {
    ParameterSet p;
    for (const auto& o : overrides) io::apply_override(p, session.registry(), o);
    p.complete(session.registry(), "test");
    return resolve_device(p, session.catalog());
  }

  InputError refusal(const std::vector<std::string>& overrides) {
    try {
      (void)resolve(overrides);
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "device accepted";
    return InputError({}, "", "");
  }
};

TEST_F(DeviceSpecTest, EveryCatalogRowResolvesToACompleteDevice) {
  for (const auto& entry : session.catalog().entries()) {
    const auto d = resolve({"device.model=" + entry.name, "device.needle_length_mm=0.5"});
    EXPECT_GE(d.needles, 1) << entry.name;
    EXPECT_GT(d.needle_diameter_um, 0.0) << entry.name;
    EXPECT_GT(d.tip_radius_um, 0.0) << entry.name;
    EXPECT_FALSE(d.sources.empty()) << entry.name;
  }
}

TEST_F(DeviceSpecTest, GenericModelsFollowTheDeviceType) {
  EXPECT_EQ(resolve({"device.type=roller"}).model, "generic_roller");
  const auto pen = resolve({});
  EXPECT_EQ(pen.model, "generic_pen");
  EXPECT_DOUBLE_EQ(pen.needle_length_um, 1000.0);
  EXPECT_GT(pen.frequency_hz, 0.0);
}

TEST_F(DeviceSpecTest, ScenarioKeysOverrideTheCatalogAndGaugesSetTheDiameter) {
  const auto d = resolve({"device.model=roller_192_mf8", "device.needles=96", "device.rows=4", "device.gauge=30"});
  EXPECT_EQ(d.needles, 96);
  EXPECT_EQ(d.rows, 4);
  EXPECT_NEAR(d.needle_diameter_um, 311.0, 15.0);  // 30 G is about 0.31 mm
}

TEST_F(DeviceSpecTest, RollerGeometryFollowsTheDrum) {
  // 192 needles in 8 rings of 24 on a 20 mm drum: circumferential pitch pi * 20 / 24 = 2.6 mm,
  // row pitch 20 / 8 = 2.5 mm (Schwarz & Laaff 2011, shared research mechanics.md 2.4).
  const auto d = resolve({"device.model=roller_192_mf8"});
  EXPECT_NEAR(d.pitch_mm, 2.5, 1e-12);
}

TEST_F(DeviceSpecTest, TipGeometryGivesTheNeedleRadiusAlongItsLength) {
  const auto d = resolve({"device.model=generic_roller"});
  EXPECT_DOUBLE_EQ(d.radius_at_um(0.0), d.tip_radius_um);
  EXPECT_DOUBLE_EQ(d.radius_at_um(1e6), 0.5 * d.needle_diameter_um);
  EXPECT_NEAR(d.radius_at_um(d.tip_length_um()), 0.5 * d.needle_diameter_um, 1e-9);
}

TEST_F(DeviceSpecTest, ImpossibleDevicesAreRefusedWithTheKeyAndARemedy) {
  // Zero needles, a negative or overlong needle: the registry ranges refuse them.
  ParameterSet p;
  EXPECT_THROW(io::apply_override(p, session.registry(), "device.needles=0"), InputError);
  EXPECT_THROW(io::apply_override(p, session.registry(), "device.needle_length_mm=-1"), InputError);
  EXPECT_THROW(io::apply_override(p, session.registry(), "device.needle_length_mm=5"), InputError);
  // Needles closer than their own diameter.
  auto e = refusal({"device.type=stamp", "device.pitch_mm=0.1", "device.needle_diameter_um=250"});
  EXPECT_EQ(e.key(), "device.pitch_mm");
  EXPECT_NE(e.message().find("overlap"), std::string::npos) << e.what();
  // Rows that do not divide the needles, a pen set deeper than it can go, an unknown model.
  EXPECT_EQ(refusal({"device.type=roller", "device.needles=100", "device.rows=8"}).key(), "device.rows");
  EXPECT_EQ(refusal({"device.model=pen_16_needle", "device.needle_length_mm=2.9", "device.max_depth_mm=2.5"}).key(),
            "device.needle_length_mm");
  e = refusal({"device.model=dermapen9000"});
  EXPECT_EQ(e.key(), "device.model");
  EXPECT_NE(e.hint().find("generic_pen"), std::string::npos);
  // A tip wider than the needle.
  EXPECT_EQ(refusal({"device.tip_radius_um=150", "device.needle_diameter_um=200"}).key(), "device.tip_radius_um");
}

// Issue #27: a roller's spacing follows from its drum (pitch_mm is not one of its inputs), so
// needles closer than their diameter are blamed on the drum key the scenario set, and checked
// whether or not pitch_mm is set.
TEST_F(DeviceSpecTest, RollerSpacingErrorsNameTheDrumKeyThatWasSet) {
  const auto rows = refusal({"device.model=roller_192", "device.rows=96"});
  EXPECT_EQ(rows.key(), "device.rows") << rows.what();
  EXPECT_NE(rows.message().find("would overlap"), std::string::npos) << rows.what();
  const auto narrow = refusal({"device.model=roller_192", "device.drum_width_mm=2"});
  EXPECT_EQ(narrow.key(), "device.drum_width_mm") << narrow.what();
  const auto thick = refusal({"device.type=pen", "device.needle_diameter_um=1000"});
  EXPECT_EQ(thick.key(), "device.needle_diameter_um") << thick.what();
  const auto pitch = refusal({"device.type=stamp", "device.pitch_mm=0.1"});
  EXPECT_EQ(pitch.key(), "device.pitch_mm") << pitch.what();
}

}  // namespace
}  // namespace mnsim::device
