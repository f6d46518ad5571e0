#include "plan/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace mnsim::plan {

std::vector<AreaRecommendation> recommend(const Verdict& verdict, const ProtocolTable& table,
                                          const DeviceLimits& device, const Evaluator& evaluate,
                                          const RiskLimits& limits) {
  std::vector<AreaRecommendation> out;
  for (const auto& area : verdict.areas) {
    AreaRecommendation r{.area = area.name, .site = area.site, .goal = area.goal};
    if (area.excluded) {
      r.note = "not treated: a contraindication applies to this area";
    } else {
      const auto candidates = candidates_for(area, table, device);
      if (candidates.empty()) {
        r.note = no_candidate_reason(area, table, device);
        out.push_back(std::move(r));
        continue;
      }
      auto selection = select_protocol(candidates, evaluate, limits);
      r.chosen = std::move(selection.best);
      r.runner_ups = std::move(selection.runner_ups);
      r.fallbacks = std::move(selection.fallbacks);
      r.evaluated = selection.evaluated;
      if (!r.chosen && selection.least_risk) {
        // A practitioner still needs the gentlest option: it is shown as such, with what it exceeds.
        r.chosen = std::move(selection.least_risk);
        r.least_risk = true;
        // The limits it breaks are listed with the verdict's cautions, at their sampled values.
        r.note =
            "no candidate protocol stays within every risk limit; the one that exceeds them least is shown, to be "
            "discussed before treating";
      } else if (!r.chosen) {
        r.note = "no candidate protocol stays within the risk limits";
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

const AreaRecommendation* course_recommendation(const std::vector<AreaRecommendation>& recommendations) {
  const AreaRecommendation* deepest = nullptr;
  for (const auto& r : recommendations) {
    if (r.chosen &&
        (deepest == nullptr || r.chosen->candidate.needle_depth_mm > deepest->chosen->candidate.needle_depth_mm))
      deepest = &r;
  }
  return deepest;
}

void caution_unmet_limits(const std::vector<AreaRecommendation>& recommendations, Verdict& verdict) {
  for (const auto& r : recommendations) {
    const bool excluded = std::any_of(verdict.areas.begin(), verdict.areas.end(),
                                      [&](const AreaVerdict& a) { return a.name == r.area && a.excluded; });
    if (excluded || (r.chosen && r.chosen->violations.empty())) continue;
    verdict.triggered.push_back(
        {.id = r.chosen ? "risk_limit_exceeded" : "no_protocol_within_limits",
         .level = Level::caution,
         .scope = Scope::area,
         .subject = r.area,
         .reason = r.chosen ? fmt::format("the protocol shown for this area breaks a risk limit at its 95th percentile "
                                          "over sampled persons: {}. Discuss it, or treat more gently",
                                          fmt::join(r.chosen->violations, "; "))
                            : fmt::format("no protocol can be recommended for this area: {}", r.note),
         .source = "the plan's risk limits (planner.max_*), read at the 95th percentile of the predicted outcome",
         .actions = {{.name = "informed_discussion", .value = std::nullopt}}});
    if (verdict.decision == Decision::go) verdict.decision = Decision::caution;
  }
}

}  // namespace mnsim::plan
