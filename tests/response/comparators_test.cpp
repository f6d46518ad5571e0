// Comparator procedures (response/comparators.hpp): catalog and the wounds they leave.
#include "response/comparators.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "response/hazard_support.hpp"

namespace mnsim {
namespace {

class Comparators : public ::testing::Test {
 protected:
  test::HazardWorld world;
  ParameterSet p = world.parameters("", {});
  skin::SkinModel skin = world.session.atlas().typical(skin::query_from(p));
};

TEST_F(Comparators, CatalogHasEveryProcedureOfTheIssue) {
  for (const auto* name : {"dermabrasion", "peel-superficial", "peel-medium", "peel-deep", "nafl-1550",
                           "fractional-co2", "ablative-co2", "ablative-erbium", "scratch"}) {
    EXPECT_EQ(world.catalog.get(name).name, name);
    EXPECT_FALSE(world.catalog.get(name).source.empty()) << name;
  }
}

TEST_F(Comparators, UnknownNamesAreInputErrorsWithASuggestion) {
  try {
    (void)world.catalog.get("dermabrasio");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(e.hint().find("dermabrasion"), std::string::npos);
  }
}

TEST_F(Comparators, NonAblativeZonesKeepTheBarrierAndDoNotBleed) {
  const auto& nafl = world.catalog.get("nafl-1550");
  const auto w = response::comparator_wound(nafl, skin, 10.0);
  EXPECT_FALSE(w.epidermis_open);
  EXPECT_EQ(w.bleeding_points_per_cm2, 0.0);
  const double zone_cm2 = std::numbers::pi * 0.25 * nafl.diameter_um * nafl.diameter_um * 1e-8;
  EXPECT_NEAR(w.coverage_fraction, 1.0 - std::exp(-nafl.density_per_cm2 * zone_cm2), 1e-12);
  EXPECT_DOUBLE_EQ(w.wound_width_um, nafl.diameter_um);
}

TEST_F(Comparators, DermabrasionBleedsAndCoagulatingProceduresDoNot) {
  EXPECT_GT(world.comparator(p, world.catalog.get("dermabrasion")).bleeding.probability, 0.99);
  for (const auto* name : {"peel-medium", "ablative-co2", "fractional-co2"}) {
    EXPECT_EQ(world.comparator(p, world.catalog.get(name)).bleeding.probability, 0.0) << name;
  }
  const auto broad = response::comparator_wound(world.catalog.get("ablative-co2"), skin, 25.0);
  EXPECT_DOUBLE_EQ(broad.coverage_fraction, 1.0);
  EXPECT_DOUBLE_EQ(broad.wound_width_um, 5e4);  // a 5 cm square
}

TEST_F(Comparators, DeeperOrDenserComparatorsNeverLowerTheHazards) {
  for (const auto& name : world.catalog.names()) {
    auto procedure = world.catalog.get(name);
    auto previous = world.comparator(p, procedure);
    for (int step = 0; step < 6; ++step) {
      procedure.depth_um *= 1.3;
      procedure.density_per_cm2 *= 1.3;
      const auto next = world.comparator(p, procedure);
      EXPECT_GE(next.scar.probability, previous.scar.probability - test::integration_slack(previous.scar.probability))
          << name;
      EXPECT_GE(next.pih.probability, previous.pih.probability - test::integration_slack(previous.pih.probability))
          << name;
      EXPECT_GE(next.infection.probability,
                previous.infection.probability - test::integration_slack(previous.infection.probability))
          << name;
      EXPECT_GE(next.bleeding.probability,
                previous.bleeding.probability - test::integration_slack(previous.bleeding.probability))
          << name;
      EXPECT_GE(next.bruising.probability,
                previous.bruising.probability - test::integration_slack(previous.bruising.probability))
          << name;
      previous = next;
    }
  }
}

}  // namespace
}  // namespace mnsim
