#include "app/plan_systemic.hpp"

#include <algorithm>
#include <string>

#include "transport/compound.hpp"
#include "transport/exposure.hpp"
#include "transport/plasma.hpp"

namespace mnsim::app {

namespace {

bool any_reaches_blood(const ParameterSet& parameters, const transport::CompoundLibrary& library) {
  for (std::size_t i = 0; i < parameters.array_size("product"); ++i)
    if (transport::compound_for_product(parameters, i, library).disposition) return true;
  return false;
}

}  // namespace

std::vector<plan::SystemicExposure> systemic_exposure(const plan::Plan& plan, PlanEngine& engine, Session& session) {
  std::vector<transport::ProductExposure> reaching_blood;
  double treated_cm2 = 0.0, weight_kg = 0.0;
  for (const auto& r : plan.recommendations) {
    if (!r.chosen) continue;
    const auto area = std::find_if(plan.verdict.areas.begin(), plan.verdict.areas.end(),
                                   [&](const plan::AreaVerdict& a) { return a.name == r.area; });
    if (area == plan.verdict.areas.end()) continue;
    ParameterSet p = engine.parameters_of(r.chosen->candidate);
    if (!any_reaches_blood(p, session.compounds())) return {};
    // A plan is for a living person, run by the reduced model with the file's transport.samples:
    // sample k of every area and product draws the same transport inputs (each product's stream of
    // the run seed), and the sum over them is sampled as a whole (transport/plasma.hpp).
    const SourceLocation origin{};
    p.set("protocol.area_cm2", Value{area->area_cm2}, origin);
    p.set("experiment.mode", Value{std::string("in_vivo")}, origin);
    p.set("run.fidelity", Value{std::string("reduced")}, origin);
    const auto& injury = engine.injury_of(r.chosen->candidate);
    for (auto& e : transport::compute_exposure(p, session.compounds(), injury.skin, injury.map, injury.injury, {})) {
      if (!e.plasma) continue;
      weight_kg = e.plasma->weight_kg;
      reaching_blood.push_back(std::move(e));
    }
    treated_cm2 += area->area_cm2;
  }
  std::vector<plan::SystemicExposure> out;
  for (const auto& c : transport::plasma_by_compound(reaching_blood)) {
    plan::SystemicExposure s{.compound = c.compound,
                             .products = {},
                             .area_cm2 = treated_cm2,
                             .weight_kg = weight_kg,
                             .peak_ng_per_ml = c.peak_ng_per_ml,
                             .peak_h = c.peak_h,
                             .peak_low_ng_per_ml = c.peak_low_ng_per_ml,
                             .peak_high_ng_per_ml = c.peak_high_ng_per_ml,
                             .intact_peak_ng_per_ml = c.intact_peak_ng_per_ml,
                             .intact_peak_low_ng_per_ml = c.intact_peak_low_ng_per_ml,
                             .intact_peak_high_ng_per_ml = c.intact_peak_high_ng_per_ml,
                             .time_h = c.time_h,
                             .ng_per_ml = c.ng_per_ml,
                             .intact_ng_per_ml = c.intact_ng_per_ml,
                             .samples = c.samples,
                             .sampled_peak_ng_per_ml = {c.sampled_peak.p50, c.sampled_peak.p5, c.sampled_peak.p95},
                             .sampled_intact_peak_ng_per_ml = {c.sampled_intact_peak.p50, c.sampled_intact_peak.p5,
                                                               c.sampled_intact_peak.p95},
                             .toxic_ng_per_ml = c.toxic_ng_per_ml,
                             .toxic_effect = {},
                             .source = {}};
    for (const auto& e : reaching_blood) {
      if (e.compound != c.compound) continue;
      if (std::find(s.products.begin(), s.products.end(), e.name) == s.products.end()) s.products.push_back(e.name);
      s.toxic_effect = e.plasma->toxic_effect;
      s.source = e.plasma->source;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace mnsim::app
