// The planner's reading of a predicted blood level: a caution when the high end of the peak's
// range passes the policy's fraction of the toxic level, never without a known toxic level, and a
// go verdict becomes a caution while a stricter verdict stays.
#include "plan/systemic.hpp"

#include <gtest/gtest.h>

namespace {

using namespace mnsim::plan;

SystemicExposure lidocaine(double peak_high_ng_per_ml) {
  return {.compound = "lidocaine",
          .products = {"numbing cream", "cream after"},
          .area_cm2 = 160.0,
          .weight_kg = 60.0,
          .peak_ng_per_ml = 0.5 * peak_high_ng_per_ml,
          .peak_h = 1.5,
          .peak_low_ng_per_ml = 0.3 * peak_high_ng_per_ml,
          .peak_high_ng_per_ml = peak_high_ng_per_ml,
          .intact_peak_ng_per_ml = 40.0,
          .intact_peak_low_ng_per_ml = 25.0,
          .intact_peak_high_ng_per_ml = 60.0,
          .toxic_ng_per_ml = 5000.0,
          .toxic_effect = "central nervous system toxicity",
          .source = "a cited disposition"};
}

TEST(SystemicCaution, FiresOnlyAboveThePolicysFractionOfTheToxicLevel) {
  Verdict within;
  caution_systemic_exposure({lidocaine(2999.0)}, 0.6, within);
  EXPECT_TRUE(within.triggered.empty());
  EXPECT_EQ(within.decision, Decision::go);

  Verdict over;
  caution_systemic_exposure({lidocaine(3001.0)}, 0.6, over);
  ASSERT_EQ(over.triggered.size(), 1U);
  const auto& t = over.triggered[0];
  EXPECT_EQ(t.id, "systemic_exposure");
  EXPECT_EQ(t.level, Level::caution);
  EXPECT_EQ(t.scope, Scope::product);
  EXPECT_EQ(t.subject, "numbing cream, cream after");
  EXPECT_EQ(t.source, "a cited disposition");
  ASSERT_EQ(t.actions.size(), 1U);
  EXPECT_EQ(t.actions[0].name, "informed_discussion");
  EXPECT_NE(t.reason.find("60 %"), std::string::npos) << t.reason;  // 3001 of 5000
  EXPECT_EQ(over.decision, Decision::caution);
  EXPECT_NEAR(*lidocaine(3001.0).checked_fraction_of_toxic(), 0.6002, 1e-12);
  // The area that puts the high end on the limit, named in the reason.
  EXPECT_NEAR(*lidocaine(3001.0).area_within_limit_cm2(0.6), 160.0 * 0.6 / 0.6002, 1e-9);
  EXPECT_NE(t.reason.find("up to 160 cm2"), std::string::npos) << t.reason;
}

// Sampled, the limit reads the 95th percentile of the peak instead of the disposition's high end.
TEST(SystemicCaution, ReadsTheSampled95thPercentileWhenThereIsOne) {
  auto sampled = lidocaine(2000.0);  // high end over the disposition: 40 % of the toxic level
  EXPECT_EQ(sampled.checked_peak_name(), "disposition_high");
  sampled.samples = 40;
  sampled.sampled_peak_ng_per_ml = {.median = 900.0, .p5 = 400.0, .p95 = 3500.0};
  EXPECT_EQ(sampled.checked_peak_name(), "p95");
  EXPECT_DOUBLE_EQ(sampled.checked_peak_ng_per_ml(), 3500.0);
  EXPECT_NEAR(*sampled.checked_fraction_of_toxic(), 0.7, 1e-12);
  EXPECT_NEAR(*sampled.area_within_limit_cm2(0.6), 160.0 * 0.6 / 0.7, 1e-9);
  Verdict v;
  caution_systemic_exposure({sampled}, 0.6, v);
  ASSERT_EQ(v.triggered.size(), 1U);
  EXPECT_NE(v.triggered[0].reason.find("95th percentile over 40 sampled inputs"), std::string::npos)
      << v.triggered[0].reason;
}

TEST(SystemicCaution, KeepsAStricterVerdictAndNeedsAToxicLevel) {
  Verdict stop;
  stop.decision = Decision::do_not_treat;
  caution_systemic_exposure({lidocaine(9000.0)}, 0.6, stop);
  EXPECT_EQ(stop.decision, Decision::do_not_treat);
  EXPECT_EQ(stop.triggered.size(), 1U);

  auto unknown = lidocaine(9000.0);
  unknown.toxic_ng_per_ml.reset();
  EXPECT_FALSE(unknown.checked_fraction_of_toxic());
  EXPECT_FALSE(unknown.area_within_limit_cm2(0.6));
  Verdict go;
  caution_systemic_exposure({unknown}, 0.6, go);
  EXPECT_TRUE(go.triggered.empty());
  EXPECT_EQ(go.decision, Decision::go);
}

}  // namespace
