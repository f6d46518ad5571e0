#include "plan/plan.hpp"

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
      auto selection = select_protocol(candidates_for(area, table, device), evaluate, limits);
      r.chosen = std::move(selection.best);
      r.runner_ups = std::move(selection.runner_ups);
      r.evaluated = selection.evaluated;
      if (!r.chosen) r.note = "no candidate protocol stays within the risk limits";
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mnsim::plan
