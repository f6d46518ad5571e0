// plan.json carries the keys the issue names: verdict, rules, recommended (per area), predicted
// quantiles, aftercare and the comparison with the runner-ups.
#include "io/plan_json.hpp"

#include <gtest/gtest.h>

#include "io/plan_fixture.hpp"

namespace mnsim::io {
namespace {

TEST(PlanJson, HoldsVerdictRulesRecommendationPredictionAftercareAndComparison) {
  const auto plan = test::example_plan("anticoagulated");
  const auto j = nlohmann::json::parse(plan_json_text(plan));
  EXPECT_EQ(j.at("verdict"), "caution");
  ASSERT_EQ(j.at("rules").size(), 2U);
  for (const auto& r : j.at("rules")) {
    for (const char* key : {"id", "level", "reason", "source"}) EXPECT_FALSE(r.at(key).get<std::string>().empty());
  }
  ASSERT_EQ(j.at("recommended").size(), 1U);
  const auto& rec = j.at("recommended")[0];
  EXPECT_EQ(rec.at("area"), "neck");
  for (const char* key : {"needle_depth_mm", "passes", "sessions", "interval_d"}) EXPECT_TRUE(rec.at(key).is_number());
  for (const auto& [key, q] : j.at("predicted").items()) {
    EXPECT_LE(q.at("p5").get<double>(), q.at("median").get<double>()) << key;
    EXPECT_LE(q.at("median").get<double>(), q.at("p95").get<double>()) << key;
  }
  ASSERT_EQ(j.at("aftercare").size(), plan.aftercare.size());
  for (const auto& a : j.at("aftercare")) {
    EXPECT_TRUE(a.at("instruction").is_string());
    EXPECT_LE(a.at("start_h").get<double>(), a.at("end_h").get<double>());
    EXPECT_TRUE(a.at("reason").is_string());
  }
  ASSERT_GE(j.at("comparison").size(), 2U);
  EXPECT_EQ(j.at("comparison")[0].at("rank"), 0);
  EXPECT_TRUE(j.at("comparison")[0].at("recommended").get<bool>());
  EXPECT_FALSE(j.at("comparison")[1].at("reason").get<std::string>().empty());
  EXPECT_NE(j.at("disclaimer").get<std::string>().find("not medical advice"), std::string::npos);
}

TEST(PlanJson, DoNotTreatHasNoRecommendationAndSaysWhy) {
  const auto j = plan_to_json(test::example_plan("open_wound"));
  EXPECT_EQ(j.at("verdict"), "do_not_treat");
  EXPECT_TRUE(j.at("recommended").empty());
  EXPECT_TRUE(j.at("areas")[0].at("excluded").get<bool>());
  EXPECT_EQ(j.at("notes").size(), 1U);
}

}  // namespace
}  // namespace mnsim::io
