#include "app/plan_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "core/parallel_failure.hpp"
#include "response/parameters.hpp"

namespace mnsim::app {

namespace {

plan::Quantiles quantiles_of(const response::ProcedureResponse& r, const std::string& name) {
  const auto i = response::output_interval(r, name);
  return {i.median, i.p5, i.p95};
}

plan::Quantiles scaled(plan::Quantiles q, double factor) { return {q.median * factor, q.p5 * factor, q.p95 * factor}; }

}  // namespace

PlanEngine::PlanEngine(const ParameterSet& patient, Session& session)
    : patient_(patient), session_(session), seed_(static_cast<std::uint64_t>(patient.integer("run.seed"))) {}

const ParameterSet& PlanEngine::parameters_of(const plan::Candidate& c) {
  const auto key = std::make_tuple(c.site, c.needle_depth_mm, c.passes, c.sessions, c.interval_d);
  auto it = parameters_.find(key);
  if (it != parameters_.end()) return it->second;
  ParameterSet p = patient_;
  const SourceLocation origin{};
  p.set("site.name", Value{c.site}, origin);
  // Named, so that the planner's depth wins over a catalog model's fixed length.
  p.set("device.needle_length_mm", Value{c.needle_depth_mm}, SourceLocation{"planner", 0, 0});
  p.set("protocol.passes", Value{std::int64_t{c.passes}}, origin);
  // The planner chooses the passes itself: an endpoint in the patient file does not override them.
  p.set("protocol.endpoint", Value{std::string("passes")}, origin);
  p.set("protocol.sessions", Value{std::int64_t{c.sessions}}, origin);
  p.set("protocol.interval_d", Value{c.interval_d}, origin);
  p.set("protocol.area_cm2", Value{plan_patch_cm2}, origin);
  return parameters_.emplace(key, std::move(p)).first->second;
}

const SessionInjury& PlanEngine::injury_of(const plan::Candidate& c) {
  const auto key = std::make_tuple(c.site, c.needle_depth_mm, c.passes);
  auto it = injuries_.find(key);
  if (it != injuries_.end()) return it->second;
  return injuries_.emplace(key, simulate_injury(parameters_of(c), session_)).first->second;
}

response::ProcedureResponse PlanEngine::respond(const plan::Candidate& c, int samples, bool record_series) {
  const auto& p = parameters_of(c);
  const auto& injury = injury_of(c);
  return response::respond(response::microneedling_treatment(injury.injury, injury.skin, p), p, samples, seed_,
                           record_series, samples > 0 ? band_times_h() : std::vector<double>{});
}

plan::CandidateOutcome PlanEngine::outcome_of(const response::ProcedureResponse& r) {
  plan::CandidateOutcome o;
  o.benefit_key = "collagen_change_pct_d180";
  o.benefit = quantiles_of(r, "collagen_change_pct.180");
  o.scar_probability = quantiles_of(r, "scar_probability");
  o.pih_probability = quantiles_of(r, "pih_probability");
  o.infection_probability = quantiles_of(r, "infection_probability");
  o.bruising_probability = quantiles_of(r, "bruising_probability");
  o.downtime_d = quantiles_of(r, "downtime_d");
  return o;
}

void PlanEngine::prepare(const std::vector<plan::Candidate>& candidates) {
  // Lazily built shared data is built here, before the threads read it.
  (void)session_.atlas();
  (void)session_.catalog();
  std::vector<const plan::Candidate*> unique;
  std::vector<const plan::Candidate*> needs_injury;
  std::set<std::tuple<std::string, double, int>> injury_keys;
  for (const auto& c : candidates) {
    (void)parameters_of(c);
    const auto key = std::make_tuple(c.site, c.needle_depth_mm, c.passes, c.sessions, c.interval_d);
    if (outcomes_.count(key) == 0 && std::none_of(unique.begin(), unique.end(), [&](const plan::Candidate* u) {
          return std::make_tuple(u->site, u->needle_depth_mm, u->passes, u->sessions, u->interval_d) == key;
        }))
      unique.push_back(&c);
    const auto injury_key = std::make_tuple(c.site, c.needle_depth_mm, c.passes);
    if (injuries_.count(injury_key) == 0 && injury_keys.insert(injury_key).second) needs_injury.push_back(&c);
  }
  std::vector<std::optional<SessionInjury>> injuries(needs_injury.size());
  ParallelFailure injury_failure;
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t i = 0; i < needs_injury.size(); ++i) {
    injury_failure.run(i, [&] {
      injuries[i] =
          simulate_injury(parameters_.at(std::make_tuple(needs_injury[i]->site, needs_injury[i]->needle_depth_mm,
                                                         needs_injury[i]->passes, needs_injury[i]->sessions,
                                                         needs_injury[i]->interval_d)),
                          session_);
    });
  }
  injury_failure.rethrow_if_failed();
  for (std::size_t i = 0; i < needs_injury.size(); ++i) {
    const auto* c = needs_injury[i];
    injuries_.emplace(std::make_tuple(c->site, c->needle_depth_mm, c->passes), std::move(*injuries[i]));
  }
  std::vector<plan::CandidateOutcome> outcomes(unique.size());
  ParallelFailure outcome_failure;
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t i = 0; i < unique.size(); ++i) {
    outcome_failure.run(i, [&] {
      const auto& c = *unique[i];
      const auto& p = parameters_.at(std::make_tuple(c.site, c.needle_depth_mm, c.passes, c.sessions, c.interval_d));
      const auto& injury = injuries_.at(std::make_tuple(c.site, c.needle_depth_mm, c.passes));
      outcomes[i] = outcome_of(
          response::respond(response::microneedling_treatment(injury.injury, injury.skin, p), p, 0, seed_, false));
    });
  }
  outcome_failure.rethrow_if_failed();
  for (std::size_t i = 0; i < unique.size(); ++i) {
    const auto& c = *unique[i];
    outcomes_.emplace(std::make_tuple(c.site, c.needle_depth_mm, c.passes, c.sessions, c.interval_d), outcomes[i]);
  }
}

plan::CandidateOutcome PlanEngine::evaluate(const plan::Candidate& c) {
  const auto it = outcomes_.find(std::make_tuple(c.site, c.needle_depth_mm, c.passes, c.sessions, c.interval_d));
  return it != outcomes_.end() ? it->second : outcome_of(respond(c, 0, false));
}

response::ProcedureResponse PlanEngine::comparator(const response::ProcedureSpec& procedure, const plan::Candidate& c,
                                                   int samples) {
  const auto& p = parameters_of(c);
  return response::respond(response::comparator_treatment(procedure, injury_of(c).skin, p), p, samples, seed_, false);
}

std::map<std::string, plan::Quantiles> predicted_quantities(const response::ProcedureResponse& r) {
  std::map<std::string, plan::Quantiles> out;
  for (const auto* key : {"barrier_recovery_h", "channel_closure_half_life_h", "erythema_duration_h",
                          "oedema_duration_h", "reepithelialisation_h", "downtime_d", "scar_probability",
                          "pih_probability", "infection_probability", "bleeding_probability", "bruising_probability"}) {
    out[key] = quantiles_of(r, key);
  }
  for (const int day : response::report_days) {
    out[fmt::format("collagen_change_pct_d{}", day)] = quantiles_of(r, fmt::format("collagen_change_pct.{}", day));
    out[fmt::format("epidermal_thickness_change_pct_d{}", day)] =
        quantiles_of(r, fmt::format("epidermal_thickness_change_pct.{}", day));
  }
  return out;
}

plan::PredictedCourse predicted_course(const response::ProcedureResponse& r, const plan::PatientFile& patient) {
  plan::PredictedCourse c;
  c.barrier_recovery_h = quantiles_of(r, "barrier_recovery_h");
  c.erythema_duration_h = quantiles_of(r, "erythema_duration_h");
  c.oedema_duration_h = quantiles_of(r, "oedema_duration_h");
  c.reepithelialisation_h = quantiles_of(r, "reepithelialisation_h");
  c.downtime_d = quantiles_of(r, "downtime_d");
  // Channels count as closed when the pathway is below 10 % of its conductance: log2(10) half-lives.
  c.channel_closure_h = scaled(quantiles_of(r, "channel_closure_half_life_h"), std::log2(10.0));
  // The PIH hazard is driven by inflammation of the basal layer: it stays elevated while redness is
  // visible (the aftercare adds the photoprotection minimum on top).
  c.pih_elevated_until_h = quantiles_of(r, "erythema_duration_h");
  // Microbes enter until the wounds are covered again.
  c.infection_window_h = quantiles_of(r, "reepithelialisation_h");
  c.fitzpatrick = patient.fitzpatrick;
  c.products = patient.products;
  return c;
}

std::vector<double> band_times_h() {
  // Finest while the acute redness rises and fades (its vascular part halves in 1.5 h), hourly over
  // the first four days, 3-hourly to two weeks: what the report's figures resolve.
  std::vector<double> t{0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0};
  for (double h = 4.0; h <= 96.0; h += 1.0) t.push_back(h);
  for (double h = 99.0; h <= 14.0 * 24.0; h += 3.0) t.push_back(h);
  return t;
}

namespace {

constexpr double band_days = 14.0;

plan::Band redness_band() { return {.name = "redness", .unit = "1 = just visible"}; }
plan::Band tewl_band() { return {.name = "TEWL excess", .unit = "x intact skin"}; }

plan::Band band_of(const response::SignalBand& sampled) {
  auto band = sampled.signal == "erythema"      ? redness_band()
              : sampled.signal == "tewl_excess" ? tewl_band()
                                                : plan::Band{.name = sampled.signal};
  band.t_h = sampled.t_h;
  band.median = sampled.median;
  band.p5 = sampled.p5;
  band.p95 = sampled.p95;
  return band;
}

// The point-estimate course as recorded (unsampled plans): one course, no range.
std::vector<plan::Band> point_bands(const response::TissueCourse& course) {
  auto redness = redness_band();
  auto tewl = tewl_band();
  redness.name += " (point estimate)";
  tewl.name += " (point estimate)";
  const double t0 = course.time_h.empty() ? 0.0 : course.time_h.front();
  for (std::size_t i = 0; i < course.time_h.size(); ++i) {
    const double t = course.time_h[i] - t0;
    if (t > band_days * 24.0) break;
    for (auto* band : {&redness, &tewl}) band->t_h.push_back(t);
    redness.median.push_back(course.erythema[i]);
    tewl.median.push_back(course.tewl_excess[i]);
  }
  for (auto* band : {&redness, &tewl}) {
    band->p5 = band->median;
    band->p95 = band->median;
  }
  return {redness, tewl};
}

}  // namespace

std::vector<plan::Band> course_bands(const response::ProcedureResponse& r) {
  if (r.bands.empty()) return point_bands(r.course);
  std::vector<plan::Band> out;
  for (const auto& sampled : r.bands) out.push_back(band_of(sampled));
  return out;
}

}  // namespace mnsim::app
