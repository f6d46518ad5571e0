#include "io/plan_json.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "io/quantity_text.hpp"

namespace mnsim::io {

namespace {

using nlohmann::json;

json quantiles(const plan::Quantiles& q) { return {{"median", q.median}, {"p5", q.p5}, {"p95", q.p95}}; }

// A predicted quantity with, for a duration, the quantiles that ran into the end of their
// simulated window (the next session, or the end of the simulated time) listed under
// "lower_bound": those are only lower bounds. Absent when none did.
json predicted_quantity(const std::string& key, const plan::Quantiles& q, const std::vector<double>& windows_h) {
  json j = quantiles(q);
  const auto windows = plan::duration_windows(key, windows_h);
  json lower = json::array();
  const std::pair<const char*, double> ends[] = {{"median", q.median}, {"p5", q.p5}, {"p95", q.p95}};
  for (const auto& [name, value] : ends) {
    if (cut_off_at(value, windows)) lower.push_back(name);
  }
  if (!lower.empty()) j["lower_bound"] = std::move(lower);
  return j;
}

json predicted_block(const std::map<std::string, plan::Quantiles>& predicted, const std::vector<double>& windows_h) {
  json j = json::object();
  for (const auto& [key, q] : predicted) j[key] = predicted_quantity(key, q, windows_h);
  return j;
}

json protocol(const plan::Candidate& c) {
  return {{"area", c.area},
          {"site", c.site},
          {"goal", c.goal},
          {"needle_depth_mm", c.needle_depth_mm},
          {"passes", c.passes},
          {"sessions", c.sessions},
          {"interval_d", c.interval_d}};
}

json ranked(const plan::RankedCandidate& r, int rank) {
  json j = protocol(r.candidate);
  j["rank"] = rank;
  j["recommended"] = rank == 0;
  j["feasible"] = r.feasible;
  j["benefit_key"] = r.outcome.benefit_key;
  j["benefit"] = quantiles(r.outcome.benefit);
  j["scar_probability"] = quantiles(r.outcome.scar_probability);
  j["pih_probability"] = quantiles(r.outcome.pih_probability);
  j["infection_probability"] = quantiles(r.outcome.infection_probability);
  j["bruising_probability"] = quantiles(r.outcome.bruising_probability);
  j["downtime_d"] = quantiles(r.outcome.downtime_d);
  j["violations"] = r.violations;
  j["reason"] = r.reason;
  return j;
}

}  // namespace

nlohmann::json plan_to_json(const plan::Plan& plan) {
  json j;
  j["disclaimer"] = plan::disclaimer;
  j["patient_file"] = plan.patient_file;
  j["verdict"] = std::string(plan::to_string(plan.verdict.decision));

  j["rules"] = json::array();
  for (const auto& t : plan.verdict.triggered) {
    json actions = json::array();
    for (const auto& a : t.actions)
      actions.push_back(a.value ? json{{"name", a.name}, {"value", *a.value}} : json{{"name", a.name}});
    j["rules"].push_back({{"id", t.id},
                          {"level", std::string(plan::to_string(t.level))},
                          {"scope", std::string(plan::to_string(t.scope))},
                          {"subject", t.subject},
                          {"reason", t.reason},
                          {"source", t.source},
                          {"actions", actions}});
  }

  j["areas"] = json::array();
  for (const auto& a : plan.verdict.areas) {
    j["areas"].push_back({{"name", a.name},
                          {"site", a.site},
                          {"goal", a.goal},
                          {"area_cm2", a.area_cm2},
                          {"excluded", a.excluded},
                          {"exclude_zones", a.exclude_zones},
                          {"max_depth_mm", a.max_depth_mm ? json(*a.max_depth_mm) : json(nullptr)},
                          {"rules", a.rule_ids}});
  }

  j["recommended"] = json::array();
  j["comparison"] = json::array();
  j["notes"] = json::array();
  for (const auto& r : plan.recommendations) {
    if (!r.note.empty()) j["notes"].push_back({{"area", r.area}, {"note", r.note}});
    if (r.chosen) {
      j["recommended"].push_back(protocol(r.chosen->candidate));
      j["comparison"].push_back(ranked(*r.chosen, 0));
    }
    int rank = 1;
    for (const auto& u : r.runner_ups) j["comparison"].push_back(ranked(u, rank++));
  }

  // Whose course `predicted`, the bands and the aftercare are: the deepest chosen protocol's area.
  const auto* course = plan::course_recommendation(plan.recommendations);
  j["course_area"] = course ? json(course->area) : json(nullptr);
  j["predicted"] = predicted_block(plan.predicted, plan.course_windows_h);
  j["course_windows_h"] = plan.course_windows_h;

  j["procedures"] = json::array();
  for (const auto& p : plan.procedures) {
    j["procedures"].push_back({{"procedure", p.procedure},
                               {"label", p.label},
                               {"predicted", predicted_block(p.predicted, p.windows_h)},
                               {"windows_h", p.windows_h}});
  }

  j["aftercare"] = json::array();
  for (const auto& a : plan.aftercare) {
    j["aftercare"].push_back({{"id", a.id},
                              {"kind", a.kind},
                              {"instruction", a.instruction},
                              {"start_h", a.start_h},
                              {"end_h", a.end_h},
                              {"reason", a.reason},
                              {"source", a.source}});
  }

  j["systemic"] = json::array();
  for (const auto& e : plan.systemic) {
    json one = {
        {"compound", e.compound},
        {"products", e.products},
        {"area_cm2", e.area_cm2},
        {"weight_kg", e.weight_kg},
        {"peak_ng_per_ml", e.peak_ng_per_ml},
        {"peak_h", e.peak_h},
        {"peak_range_ng_per_ml", {{"low", e.peak_low_ng_per_ml}, {"high", e.peak_high_ng_per_ml}}},
        {"intact_peak_ng_per_ml", e.intact_peak_ng_per_ml},
        {"intact_peak_range_ng_per_ml", {{"low", e.intact_peak_low_ng_per_ml}, {"high", e.intact_peak_high_ng_per_ml}}},
        {"source", e.source}};
    if (e.toxic_ng_per_ml) {
      one["toxic_ng_per_ml"] = *e.toxic_ng_per_ml;
      one["toxic_effect"] = e.toxic_effect;
      one["peak_high_fraction_of_toxic"] = e.peak_high_ng_per_ml / *e.toxic_ng_per_ml;
      one["checked_peak"] = e.checked_peak_name();
      one["checked_fraction_of_toxic"] = *e.checked_fraction_of_toxic();
      one["within_limit"] = *e.checked_fraction_of_toxic() <= plan.limits.max_plasma_fraction_of_toxic;
      if (const auto area = e.area_within_limit_cm2(plan.limits.max_plasma_fraction_of_toxic))
        one["area_within_limit_cm2"] = *area;
    }
    if (e.samples > 0)
      one["uncertainty"] = {{"samples", e.samples},
                            {"peak_ng_per_ml", quantiles(e.sampled_peak_ng_per_ml)},
                            {"intact_peak_ng_per_ml", quantiles(e.sampled_intact_peak_ng_per_ml)}};
    j["systemic"].push_back(std::move(one));
  }

  const auto& l = plan.limits;
  j["risk_limits"] = {{"max_scar_probability_p95", l.max_scar_probability},
                      {"max_pih_probability_p95", l.max_pih_probability},
                      {"max_infection_probability_p95", l.max_infection_probability},
                      {"max_bruising_probability_p95", l.max_bruising_probability},
                      {"max_downtime_d_p95", l.max_downtime_d},
                      {"max_plasma_fraction_of_toxic_high", l.max_plasma_fraction_of_toxic},
                      {"benefit_equivalence", l.benefit_equivalence}};
  return j;
}

std::string plan_json_text(const plan::Plan& plan) { return plan_to_json(plan).dump(2) + "\n"; }

}  // namespace mnsim::io
