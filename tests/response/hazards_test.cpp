// Unit and property tests of the adverse-event hazards (response/hazards.hpp) and of the fallback
// course estimate.
#include "response/hazards.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "response/hazard_support.hpp"

namespace mnsim {
namespace {

using response::WoundGeometry;

class Hazards : public ::testing::Test {
 protected:
  test::HazardWorld world;
  ParameterSet defaults = world.parameters("", {});
  response::HazardParameters hp = response::hazard_parameters_from(defaults);

  static WoundGeometry column(double width_um, double depth_um) {
    WoundGeometry w;
    w.procedure = "column";
    w.wound_width_um = width_um;
    w.depth_um = depth_um;
    w.coverage_fraction = 0.05;
    w.epidermis_open = true;
    w.skin_thickness_um = 1900.0;
    return w;
  }
};

TEST_F(Hazards, WidthGateClosesNarrowWoundsWithoutScarAndOpensForWideOnes) {
  EXPECT_LT(response::geometric_scar_probability(column(100, 1900), hp), 1e-6);
  EXPECT_GT(response::geometric_scar_probability(column(2000, 1900), hp), 0.9);
  double previous = 0.0;
  for (double w = 50; w <= 5000; w *= 1.1) {
    const double p = response::geometric_scar_probability(column(w, 1900), hp);
    EXPECT_GE(p, previous) << w << " um";
    previous = p;
  }
}

TEST_F(Hazards, DepthGateRisesWithTheShareOfSkinDepth) {
  double previous = 0.0;
  for (double d = 10; d <= 1900; d += 10) {
    const double p = response::geometric_scar_probability(column(20000, d), hp);
    EXPECT_GE(p, previous) << d << " um";
    previous = p;
  }
  EXPECT_LT(response::geometric_scar_probability(column(20000, 200), hp), 1e-4);
  EXPECT_GT(response::geometric_scar_probability(column(20000, 1000), hp), 0.99);
}

TEST_F(Hazards, SunscreenNeverRaisesPigmentation) {
  const auto wound = column(300, 800);
  response::CourseQuantities course;
  for (const double integral : {0.01, 0.3, 5.0, 150.0}) {
    course.inflammation_integral = integral;
    for (int type = 1; type <= 6; ++type) {
      for (const double hours : {0.0, 1.0, 4.0, 12.0}) {
        response::HazardFactors bare;
        bare.fitzpatrick = type;
        bare.sun_exposure_h_per_day = hours;
        bare.sunscreen = false;
        const double without = response::assess_hazards(wound, course, bare, hp).pih.probability;
        double previous_spf = without;
        for (const double spf : {1.0, 15.0, 30.0, 50.0, 100.0}) {
          auto protected_patient = bare;
          protected_patient.sunscreen = true;
          protected_patient.sunscreen_spf = spf;
          const double with = response::assess_hazards(wound, course, protected_patient, hp).pih.probability;
          EXPECT_LE(with, without) << "type " << type << ", " << hours << " h/d, SPF " << spf;
          EXPECT_LE(with, previous_spf) << "higher SPF, type " << type;
          previous_spf = with;
          protected_patient.sunscreen_tinted = true;
          EXPECT_LE(response::assess_hazards(wound, course, protected_patient, hp).pih.probability, with);
        }
      }
    }
  }
}

TEST_F(Hazards, DarkerSkinTypesHaveMorePigmentation) {
  response::CourseQuantities course;
  course.inflammation_integral = 0.5;
  double previous = 0.0;
  for (int type = 1; type <= 6; ++type) {
    response::HazardFactors f;
    f.fitzpatrick = type;
    const double p = response::assess_hazards(column(300, 800), course, f, hp).pih.probability;
    EXPECT_GT(p, previous) << "type " << type;
    previous = p;
  }
}

// Lightening agents act on the pigmentation hazard by the ratios the trials found: hydroquinone
// before a CO2 resurfacing and tranexamic acid after a Q-switched laser changed the incidence of
// PIH in none of them, so by default they change nothing. A ratio of one's own (hazards.*) scales
// the hazard rate, not the probability: 1 - exp(-r h).
TEST_F(Hazards, LighteningAgentsActByTheirTrialsHazardRatio) {
  const auto wound = column(300, 800);
  response::CourseQuantities course;
  course.inflammation_integral = 2.0;
  response::HazardFactors plain;
  plain.fitzpatrick = 5;
  const double none = response::assess_hazards(wound, course, plain, hp).pih.probability;
  for (const auto agent :
       {response::LighteningAgent::hydroquinone_before, response::LighteningAgent::tranexamic_acid_after}) {
    auto treated = plain;
    treated.lightening_agent = agent;
    EXPECT_DOUBLE_EQ(response::assess_hazards(wound, course, treated, hp).pih.probability, none);
  }
  auto believed = hp;
  believed.pih_ratio_hydroquinone_before = 0.5;
  auto pretreated = plain;
  pretreated.lightening_agent = response::LighteningAgent::hydroquinone_before;
  const double halved = response::assess_hazards(wound, course, pretreated, believed).pih.probability;
  EXPECT_NEAR(halved, -std::expm1(0.5 * std::log1p(-none)), 1e-12);
  // The other agent's ratio does not touch it.
  believed.pih_ratio_tranexamic_acid_after = 0.1;
  EXPECT_DOUBLE_EQ(response::assess_hazards(wound, course, pretreated, believed).pih.probability, halved);
}

TEST_F(Hazards, ContaminationRaisesInfectionAndAClosedBarrierHasNone) {
  const auto wound = column(300, 800);
  response::CourseQuantities course;
  course.barrier_open_h = 24.0;
  const response::HazardFactors clean;
  const double base = response::assess_hazards(wound, course, clean, hp).infection.probability;
  EXPECT_GT(base, 0.0);
  auto raised = [&](auto set) {
    auto f = clean;
    set(f);
    return response::assess_hazards(wound, course, f, hp).infection.probability;
  };
  EXPECT_GT(raised([](auto& f) { f.active_acne = true; }), base);
  EXPECT_GT(raised([](auto& f) { f.open_wound = true; }), base);
  EXPECT_GT(raised([](auto& f) { f.sterile_technique = false; }), base);
  EXPECT_GT(raised([](auto& f) { f.non_intradermal_product = true; }), base);
  EXPECT_GT(raised([](auto& f) { f.poor_wound_care = true; }), base);
  EXPECT_GT(raised([](auto& f) { f.immunosuppressed = true; }), base);
  course.barrier_open_h = 0.0;
  EXPECT_EQ(response::assess_hazards(wound, course, clean, hp).infection.probability, 0.0);
}

TEST_F(Hazards, PatientFactorsRaiseScarBleedingAndBruising) {
  auto wound = column(800, 1900);
  wound.bleeding_points_per_cm2 = 5.0;
  wound.plexus_fraction = 0.5;
  const response::CourseQuantities course;
  const response::HazardFactors plain;
  const auto base = response::assess_hazards(wound, course, plain, hp);
  auto keloid = plain;
  keloid.keloid_history = true;
  EXPECT_GT(response::assess_hazards(wound, course, keloid, hp).scar.probability, base.scar.probability);
  auto isotretinoin = plain;
  isotretinoin.isotretinoin_recent = true;
  EXPECT_GT(response::assess_hazards(wound, course, isotretinoin, hp).scar.probability, base.scar.probability);
  auto anticoagulated = plain;
  anticoagulated.anticoagulated = true;
  const auto a = response::assess_hazards(wound, course, anticoagulated, hp);
  EXPECT_GT(a.bleeding.probability, base.bleeding.probability);
  EXPECT_GT(a.bleeding.duration_h, base.bleeding.duration_h);
  EXPECT_GT(a.bruising.probability, base.bruising.probability);
  response::CourseQuantities fibrotic;
  fibrotic.fibrosis_score = 0.5;
  EXPECT_GT(response::assess_hazards(wound, fibrotic, plain, hp).scar.probability, base.scar.probability);
}

TEST_F(Hazards, PatientFactorsAreReadFromTheScenario) {
  const auto p = world.parameters(
      "",
      {"patient.fitzpatrick=5", "patient.conditions=[\"keloid_history\", \"active_acne\", \"antiplatelet\"]",
       "protocol.sterile_technique=false", "timeline.sunscreen_tinted=true", "timeline.wound_care=poor",
       "timeline.lightening_agent=hydroquinone_before", "product[0].name=serum", "product[0].compound=caffeine",
       "product[0].applied_h=0", "product[1].name=late", "product[1].compound=caffeine", "product[1].applied_h=48"});
  auto f = response::hazard_factors_from(p, 24.0);
  EXPECT_EQ(f.fitzpatrick, 5);
  EXPECT_TRUE(f.keloid_history);
  EXPECT_TRUE(f.active_acne);
  EXPECT_TRUE(f.anticoagulated);
  EXPECT_FALSE(f.open_wound);
  EXPECT_FALSE(f.sterile_technique);
  EXPECT_TRUE(f.sunscreen_tinted);
  EXPECT_TRUE(f.poor_wound_care);
  EXPECT_EQ(f.lightening_agent, response::LighteningAgent::hydroquinone_before);
  EXPECT_TRUE(f.non_intradermal_product);
  // Only the product applied after the barrier closed: not on open skin.
  EXPECT_FALSE(response::hazard_factors_from(p, 0.0).non_intradermal_product);
}

// Property of the whole chain: deeper or denser needling never lowers an injury-driven hazard.
TEST_F(Hazards, DeeperOrDenserNeedlingNeverLowersTheHazards) {
  auto run = [&](double length_mm, int passes) {
    return world.microneedling(
        world.parameters("default.toml", {"protocol.area_cm2=1", "device.needle_length_mm=" + std::to_string(length_mm),
                                          "protocol.passes=" + std::to_string(passes)}));
  };
  auto check = [](const response::Hazards& low, const response::Hazards& high, const std::string& what) {
    EXPECT_GE(high.scar.probability, low.scar.probability - test::integration_slack(low.scar.probability)) << what;
    EXPECT_GE(high.pih.probability, low.pih.probability - test::integration_slack(low.pih.probability)) << what;
    EXPECT_GE(high.infection.probability,
              low.infection.probability - test::integration_slack(low.infection.probability))
        << what;
    EXPECT_GE(high.bleeding.probability, low.bleeding.probability - test::integration_slack(low.bleeding.probability))
        << what;
    EXPECT_GE(high.bruising.probability, low.bruising.probability - test::integration_slack(low.bruising.probability))
        << what;
  };
  for (const int passes : {1, 3}) {
    auto previous = run(0.25, passes);
    for (const double length : {0.5, 1.0, 1.5, 2.0, 2.5}) {
      const auto next = run(length, passes);
      check(previous, next, "deeper: " + std::to_string(length) + " mm, " + std::to_string(passes) + " passes");
      previous = next;
    }
  }
  for (const double length : {0.5, 1.5}) {
    auto previous = run(length, 1);
    for (const int passes : {2, 4, 6}) {
      const auto next = run(length, passes);
      check(previous, next, "denser: " + std::to_string(passes) + " passes at " + std::to_string(length) + " mm");
      previous = next;
    }
  }
}

}  // namespace
}  // namespace mnsim
