// Protocol selection with a synthetic evaluator whose optimum is known: benefit grows with
// depth, passes and sessions and saturates; pigmentation and downtime risk grow with depth.
#include "plan/recommendation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "plan/parameters.hpp"
#include "plan/plan.hpp"
#include "test_support.hpp"

namespace mnsim::plan {
namespace {

CandidateOutcome synthetic(const Candidate& c) {
  CandidateOutcome o;
  const double dose = c.needle_depth_mm * (1.0 + 0.1 * c.passes) * c.sessions;
  const double benefit = 40.0 * (1.0 - std::exp(-dose / 4.0));
  o.benefit = {benefit, 0.7 * benefit, 1.3 * benefit};
  const double pih = 0.02 * c.needle_depth_mm * c.needle_depth_mm * (1.0 + 0.05 * c.passes);
  o.pih_probability = {pih, 0.5 * pih, 2.0 * pih};
  o.scar_probability = {0.001, 0.0, 0.002};
  o.infection_probability = {0.001, 0.0, 0.002};
  o.bruising_probability = {0.01 * c.needle_depth_mm, 0.0, 0.02 * c.needle_depth_mm};
  o.downtime_d = {c.needle_depth_mm, 0.5 * c.needle_depth_mm, 2.0 * c.needle_depth_mm};
  return o;
}

AreaVerdict cheek(const std::string& goal = "atrophic_acne_scars") {
  return {.name = "cheek", .site = "cheek", .goal = goal, .area_cm2 = 50.0};
}

const ProtocolTable& table() {
  static const ProtocolTable t = ProtocolTable::load(mnsim::test::data_dir());
  return t;
}

TEST(ProtocolTable, EveryGoalHasARangeForAnySiteWithASource) {
  for (const char* goal : goal_kinds) {
    const auto& row = table().find(goal, "ear");
    EXPECT_EQ(row.site, "any") << goal;
    EXPECT_FALSE(row.source.empty()) << goal;
    EXPECT_LE(row.depth_max_mm, 3.0) << goal;
  }
  EXPECT_EQ(table().find("fine_lines", "forehead").site, "forehead");
}

TEST(Candidates, SpanTheGoalRangeWithinTheDeviceAndScreeningCaps) {
  const DeviceLimits pen{.adjustable_depth = true, .max_depth_mm = 1.5};
  const auto cs = candidates_for(cheek(), table(), pen);
  ASSERT_FALSE(cs.empty());
  const auto& range = table().find("atrophic_acne_scars", "cheek");
  for (const auto& c : cs) {
    EXPECT_GE(c.needle_depth_mm, range.depth_min_mm - 1e-12);
    EXPECT_LE(c.needle_depth_mm, 1.5 + 1e-12);
    EXPECT_GE(c.sessions, range.sessions_min);
    EXPECT_LE(c.sessions, range.sessions_max);
    if (c.sessions == 1) {
      EXPECT_EQ(c.interval_d, 0.0);
    } else {
      EXPECT_GE(c.interval_d, range.interval_min_d);
    }
  }
  auto capped = cheek();
  capped.max_depth_mm = 1.0;
  for (const auto& c : candidates_for(capped, table(), pen)) EXPECT_LE(c.needle_depth_mm, 1.0 + 1e-12);

  const DeviceLimits roller{.adjustable_depth = false, .max_depth_mm = 1.0, .fixed_depth_mm = 1.0};
  for (const auto& c : candidates_for(cheek(), table(), roller)) EXPECT_DOUBLE_EQ(c.needle_depth_mm, 1.0);

  auto excluded = cheek();
  excluded.excluded = true;
  EXPECT_TRUE(candidates_for(excluded, table(), pen).empty());
}

TEST(Selection, PicksTheLeastBurdensomeOfTheBestFeasibleCandidates) {
  const DeviceLimits pen{.adjustable_depth = true, .max_depth_mm = 2.5};
  const auto cs = candidates_for(cheek(), table(), pen);
  const RiskLimits limits;
  const auto s = select_protocol(cs, synthetic, limits);
  ASSERT_TRUE(s.best.has_value());
  EXPECT_EQ(s.evaluated, cs.size());
  EXPECT_TRUE(s.best->feasible);
  EXPECT_TRUE(s.best->reason.empty());

  // Brute force: nothing feasible beats it by more than the equivalence margin, and nothing
  // equivalent is less burdensome.
  double best_feasible = -1.0;
  for (const auto& c : cs) {
    const auto o = synthetic(c);
    if (o.pih_probability.p95 <= limits.max_pih_probability && o.downtime_d.p95 <= limits.max_downtime_d &&
        o.bruising_probability.p95 <= limits.max_bruising_probability) {
      best_feasible = std::max(best_feasible, o.benefit.median);
    }
  }
  EXPECT_GE(s.best->outcome.benefit.median, (1.0 - limits.benefit_equivalence) * best_feasible);
  for (const auto& c : cs) {
    const auto o = synthetic(c);
    const bool feasible = o.pih_probability.p95 <= limits.max_pih_probability &&
                          o.downtime_d.p95 <= limits.max_downtime_d &&
                          o.bruising_probability.p95 <= limits.max_bruising_probability;
    if (feasible && o.benefit.median >= (1.0 - limits.benefit_equivalence) * best_feasible) {
      EXPECT_LE(s.best->candidate.sessions, c.sessions);
    }
  }
}

TEST(Selection, TighterPigmentationLimitChoosesShallowerNeedles) {
  const DeviceLimits pen{.adjustable_depth = true, .max_depth_mm = 2.5};
  const auto cs = candidates_for(cheek(), table(), pen);
  // Without an equivalence margin the winner is the plain maximum of benefit.
  RiskLimits loose;
  loose.benefit_equivalence = 0.0;
  RiskLimits tight = loose;
  tight.max_pih_probability = 0.06;
  const auto a = select_protocol(cs, synthetic, loose);
  const auto b = select_protocol(cs, synthetic, tight);
  ASSERT_TRUE(a.best && b.best);
  EXPECT_LT(b.best->candidate.needle_depth_mm, a.best->candidate.needle_depth_mm);
  EXPECT_LE(b.best->outcome.pih_probability.p95, 0.06);
  // The deeper winner of the loose limits now loses for a stated reason.
  const auto lost =
      std::find_if(b.runner_ups.begin(), b.runner_ups.end(), [](const RankedCandidate& r) { return !r.feasible; });
  ASSERT_NE(lost, b.runner_ups.end());
  EXPECT_NE(lost->reason.find("PIH probability"), std::string::npos) << lost->reason;
  EXPECT_GT(lost->outcome.benefit.median, b.best->outcome.benefit.median);
}

TEST(Selection, RunnerUpsSayWhyTheyLost) {
  const DeviceLimits pen{.adjustable_depth = true, .max_depth_mm = 2.5};
  RiskLimits limits;
  limits.runner_ups = 4;
  const auto s = select_protocol(candidates_for(cheek(), table(), pen), synthetic, limits);
  std::size_t feasible = 0;
  for (const auto& r : s.runner_ups) {
    EXPECT_FALSE(r.reason.empty());
    if (r.feasible) {
      ++feasible;
      EXPECT_TRUE(r.reason.find("lower predicted benefit") != std::string::npos ||
                  r.reason.find("more burdensome") != std::string::npos)
          << r.reason;
    } else {
      EXPECT_FALSE(r.violations.empty());
    }
  }
  EXPECT_EQ(feasible, 4U);
}

// Behind the shown runner-ups the selection keeps further feasible candidates in the same order
// of preference, for the plan to try over sampled persons when the ones before them break a limit
// there (app/plan_builder.cpp); none when nothing is feasible.
TEST(Selection, KeepsFurtherFeasibleCandidatesInLineAfterTheRunnerUps) {
  const DeviceLimits pen{.adjustable_depth = true, .max_depth_mm = 2.5};
  const auto cs = candidates_for(cheek(), table(), pen);
  RiskLimits limits;
  limits.runner_ups = 2;
  limits.sampled_fallbacks = 5;
  const auto s = select_protocol(cs, synthetic, limits);
  ASSERT_TRUE(s.best.has_value());
  ASSERT_EQ(s.fallbacks.size(), 5U);
  // The same order as a longer list of runner-ups gives.
  RiskLimits longer = limits;
  longer.runner_ups = 7;
  const auto all = select_protocol(cs, synthetic, longer);
  std::vector<const RankedCandidate*> feasible_runner_ups;
  for (const auto& r : all.runner_ups) {
    if (r.feasible) feasible_runner_ups.push_back(&r);
  }
  ASSERT_EQ(feasible_runner_ups.size(), 7U);
  for (std::size_t i = 0; i < s.fallbacks.size(); ++i) {
    EXPECT_TRUE(s.fallbacks[i].feasible);
    EXPECT_TRUE(s.fallbacks[i].violations.empty());
    const auto& expected = feasible_runner_ups[i + 2]->candidate;
    EXPECT_EQ(s.fallbacks[i].candidate.needle_depth_mm, expected.needle_depth_mm) << i;
    EXPECT_EQ(s.fallbacks[i].candidate.passes, expected.passes) << i;
    EXPECT_EQ(s.fallbacks[i].candidate.sessions, expected.sessions) << i;
    EXPECT_EQ(s.fallbacks[i].candidate.interval_d, expected.interval_d) << i;
  }
  limits.sampled_fallbacks = 0;
  EXPECT_TRUE(select_protocol(cs, synthetic, limits).fallbacks.empty());
  limits.sampled_fallbacks = 5;
  limits.max_scar_probability = 0.0;  // nothing feasible
  EXPECT_TRUE(select_protocol(cs, synthetic, limits).fallbacks.empty());
}

TEST(Selection, NothingWithinTheLimitsGivesNoRecommendation) {
  const DeviceLimits pen{.adjustable_depth = true, .max_depth_mm = 2.5};
  RiskLimits limits;
  limits.max_scar_probability = 0.0;  // the synthetic scar p95 is 0.002
  const auto s = select_protocol(candidates_for(cheek(), table(), pen), synthetic, limits);
  EXPECT_FALSE(s.best.has_value());
  ASSERT_EQ(s.runner_ups.size(), 3U);
  EXPECT_NE(s.runner_ups[0].reason.find("scar probability"), std::string::npos);
}

TEST(Selection, IsDeterministic) {
  const DeviceLimits pen{.adjustable_depth = true, .max_depth_mm = 2.5};
  const auto cs = candidates_for(cheek(), table(), pen);
  const auto a = select_protocol(cs, synthetic, {});
  const auto b = select_protocol(cs, synthetic, {});
  ASSERT_TRUE(a.best && b.best);
  EXPECT_EQ(a.best->candidate.needle_depth_mm, b.best->candidate.needle_depth_mm);
  EXPECT_EQ(a.best->candidate.sessions, b.best->candidate.sessions);
  EXPECT_EQ(a.best->candidate.passes, b.best->candidate.passes);
  EXPECT_EQ(a.best->candidate.interval_d, b.best->candidate.interval_d);
}

TEST(Recommend, SkipsExcludedAreasWithANote) {
  Verdict v;
  v.areas = {cheek(), cheek()};
  v.areas[1].name = "other";
  v.areas[1].excluded = true;
  const auto rs = recommend(v, table(), {.adjustable_depth = true, .max_depth_mm = 2.0}, synthetic, {});
  ASSERT_EQ(rs.size(), 2U);
  EXPECT_TRUE(rs[0].chosen.has_value());
  EXPECT_FALSE(rs[1].chosen.has_value());
  EXPECT_FALSE(rs[1].note.empty());
}

}  // namespace
}  // namespace mnsim::plan
