#include "app/plan_builder.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <optional>

#include "app/plan_engine.hpp"
#include "app/plan_systemic.hpp"
#include "plan/aftercare.hpp"

namespace mnsim::app {

namespace {

// The comparators a plan shows beside microneedling (data/comparators/procedures.csv).
constexpr const char* plan_comparators[] = {"dermabrasion", "fractional-co2", "ablative-co2"};

}  // namespace

plan::Plan build_plan(const ParameterSet& parameters, Session& session, const std::string& patient_file) {
  plan::Plan plan;
  plan.patient_file = patient_file;
  plan.patient = plan::read_patient(parameters);
  plan.verdict = plan::screen(plan.patient, plan::RuleSet::load(session.data_dir()));
  plan.limits = plan::read_risk_limits(parameters);
  PlanEngine engine(parameters, session);
  const auto table = plan::ProtocolTable::load(session.data_dir());
  const auto device = plan::device_limits(plan.patient);
  std::vector<plan::Candidate> candidates;
  for (const auto& area : plan.verdict.areas) {
    for (auto& c : plan::candidates_for(area, table, device)) candidates.push_back(std::move(c));
  }
  engine.prepare(candidates);
  plan.recommendations = plan::recommend(
      plan.verdict, table, device, [&](const plan::Candidate& c) { return engine.evaluate(c); }, plan.limits);

  // A numbing cream's compound in the blood over every treated area; too close to its toxic level
  // is a caution.
  plan.systemic = systemic_exposure(plan, engine, session);
  plan::caution_systemic_exposure(plan.systemic, plan.limits.max_plasma_fraction_of_toxic, plan.verdict);

  const int samples = static_cast<int>(parameters.integer("planner.samples"));
  // Every area's chosen protocol again, now over sampled persons: its ranges are real ranges, and
  // the limits its 95th percentiles break are known before the verdict is given. One that breaks a
  // limit gives way to the next runner-up, or further candidate, within the limits that keeps them
  // when sampled too (at most planner.sampled_fallbacks beyond the runner-ups).
  // The sampled response of each area's chosen protocol is kept: the predicted course reads it.
  std::vector<std::optional<response::ProcedureResponse>> sampled(plan.recommendations.size());
  for (std::size_t area = 0; area < plan.recommendations.size(); ++area) {
    auto& r = plan.recommendations[area];
    if (!r.chosen) continue;
    const auto sample = [&](plan::RankedCandidate& c) {
      auto response = engine.respond(c.candidate, samples, false);
      c.outcome = PlanEngine::outcome_of(response);
      c.violations = plan::violations_of(c.outcome, plan.limits);
      c.feasible = c.violations.empty();
      return response;
    };
    sampled[area] = sample(*r.chosen);
    const auto displaced_reason = [](const plan::RankedCandidate& c) {
      return fmt::format("within the limits at its point estimate, but not over sampled persons: {}",
                         fmt::join(c.violations, "; "));
    };
    for (auto it = r.runner_ups.begin(); !r.chosen->feasible && it != r.runner_ups.end(); ++it) {
      if (!it->feasible || r.least_risk) continue;  // a least-risk fallback has no feasible runner-up
      auto next = *it;
      auto response = sample(next);
      if (!next.feasible) continue;
      sampled[area] = std::move(response);
      auto displaced = std::move(*r.chosen);
      displaced.reason = displaced_reason(displaced);
      next.reason.clear();
      *it = std::move(displaced);
      r.chosen = std::move(next);
    }
    // Still over a limit: the further candidates in line, gentler or of less benefit, until one keeps
    // every limit over sampled persons too. The displaced recommendation heads the runner-ups.
    for (auto& next : r.fallbacks) {
      if (r.chosen->feasible || r.least_risk) break;
      auto response = sample(next);
      if (!next.feasible) continue;
      sampled[area] = std::move(response);
      auto displaced = std::move(*r.chosen);
      displaced.reason = displaced_reason(displaced);
      r.runner_ups.insert(r.runner_ups.begin(), std::move(displaced));
      next.reason.clear();
      r.chosen = std::move(next);
    }
    if (!r.chosen->violations.empty() && r.note.empty()) {
      r.note =
          fmt::format("with sampled persons the recommended protocol exceeds a risk limit at its 95th percentile: {}",
                      fmt::join(r.chosen->violations, "; "));
    }
  }
  plan::caution_unmet_limits(plan.recommendations, plan.verdict);
  if (const auto* course = plan::course_recommendation(plan.recommendations)) {
    const auto* chosen = &*course->chosen;
    // Sampled, the loop above already ran this protocol's persons (its ranges and bands); only an
    // unsampled plan needs the point course's recorded series for its bands.
    const auto& kept = sampled[static_cast<std::size_t>(course - plan.recommendations.data())];
    const auto response = samples > 0 && kept ? *kept : engine.respond(chosen->candidate, samples, true);
    plan.predicted = predicted_quantities(response);
    plan.course_windows_h = response.course.session_windows_h;
    plan.course = predicted_course(response, plan.patient);
    plan.aftercare = plan::derive_aftercare(plan.course, plan.verdict, plan::read_aftercare_settings(parameters));
    plan.bands = course_bands(response);
    for (const auto* name : plan_comparators) {
      const auto& spec = session.procedures().get(name);
      const auto other = engine.comparator(spec, chosen->candidate, samples);
      plan.procedures.push_back({.procedure = spec.name,
                                 .label = spec.label,
                                 .predicted = predicted_quantities(other),
                                 .windows_h = other.course.session_windows_h});
    }
  }
  return plan;
}

}  // namespace mnsim::app
