#include "plan/plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

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
      if (!r.chosen && selection.least_risk) {
        // A practitioner still needs the gentlest option: it is shown as such, with what it exceeds.
        r.chosen = std::move(selection.least_risk);
        r.note = fmt::format(
            "no candidate protocol stays within every risk limit; the one that exceeds them least is shown, to be "
            "discussed before treating: {}",
            fmt::join(r.chosen->violations, "; "));
      } else if (!r.chosen) {
        r.note = "no candidate protocol stays within the risk limits";
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mnsim::plan
