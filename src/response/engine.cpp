#include "response/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "core/parallel_failure.hpp"
#include "core/statistics.hpp"
#include "response/hazard_parameters.hpp"
#include "response/parameters.hpp"

namespace mnsim::response {

namespace {

// The comparator's wounds as the course model sees them. Broad wounds (abrasion, peels, full
// ablation) remove the epidermis over the whole field; fractional columns open a share of it
// (ablative) or coagulate it under an intact stratum corneum (non-ablative).
WoundLoad comparator_load(const ProcedureSpec& spec, const WoundGeometry& wound, const skin::SkinModel& skin) {
  WoundLoad load;
  load.procedure = spec.name;
  load.wounds_per_cm2 = wound.wounds_per_cm2;
  load.wounded_area_fraction = std::clamp(wound.coverage_fraction, 0.0, 1.0);
  load.wound_width_um_mean = wound.wound_width_um;
  load.wound_width_um_p90 = wound.wound_width_um;
  const bool broad = spec.kind != ProcedureKind::fractional;
  // Random columns of width w touch a neighbour when another centre lies within w: 1 - exp(-n pi w^2).
  const double w_cm = wound.wound_width_um * 1e-4;
  load.confluent_fraction = broad ? 1.0 : -std::expm1(-wound.wounds_per_cm2 * std::numbers::pi * w_cm * w_cm);
  load.max_confluent_width_um = broad ? wound.wound_width_um : 2.0 * wound.wound_width_um;
  load.epidermal_removal_fraction = spec.barrier_open ? load.wounded_area_fraction : 0.0;
  load.depth_um_mean = wound.depth_um;
  load.depth_um_p90 = wound.depth_um;
  load.dermal_involvement_fraction = wound.depth_um > skin.epidermis_um() ? 1.0 : 0.0;
  // Injured volume per cm2: covered share x depth (um -> mm) x 100 mm2.
  load.injured_volume_mm3_per_cm2 = load.wounded_area_fraction * wound.depth_um * 1e-3 * 100.0;
  load.vascularised_volume_mm3_per_cm2 = load.wounded_area_fraction *
                                         std::max(0.0, wound.depth_um - skin.vascular().capillary_loop_apex_depth_um) *
                                         1e-3 * 100.0;
  load.thermal = wound.coagulation_margin_um > 0.0;
  load.coagulation_margin_um = wound.coagulation_margin_um;
  load.bleeding_fraction = broad
                               ? (wound.bleeding_points_per_cm2 > 0.0 ? 1.0 : 0.0)
                               : std::min(1.0, wound.bleeding_points_per_cm2 / std::max(wound.wounds_per_cm2, 1e-300));
  load.epidermis_um = skin.epidermis_um();
  load.dermis_um = skin.dermis_um();
  return load;
}

std::vector<SessionInput> sessions_of(const Treatment& t, const Aftercare& aftercare) {
  std::vector<SessionInput> out(static_cast<std::size_t>(t.sessions));
  for (int i = 0; i < t.sessions; ++i) {
    auto& s = out[static_cast<std::size_t>(i)];
    s.start_d = i * t.interval_d;
    s.load = t.load;
    s.aftercare = aftercare;
  }
  return out;
}

// The course quantities the hazards read, from the simulated course of the first (or the
// longest) session.
// - Open to microbes: a bed without epidermis until it is re-epithelialised; a collapsible
//   channel until it has sealed (channel pathway below 10 %, log2(10) half-lives), long before
//   its lining is re-epithelialised. The TEWL index recovers later still, as the new stratum
//   corneum matures, without an open portal.
// - The inflammation integral keeps the hazard model's definition (injured basal-layer share x
//   days of visible redness, hazard_inputs.hpp) with the course's redness; coagulated tissue counts
//   hazards.pih_thermal_factor times (heat injures the melanocytes themselves).
CourseQuantities course_quantities(const CourseMetrics& m, const Treatment& t, const HazardParameters& hp) {
  const auto& load = t.load;
  const auto& wound = t.wound;
  CourseQuantities q;
  q.reepithelialisation_h = m.reepithelialisation_h;
  if (wound.epidermis_open && load.wounded_area_fraction > 0.0) {
    const double removed = std::clamp(load.epidermal_removal_fraction / load.wounded_area_fraction, 0.0, 1.0);
    const double sealed_h = std::log2(10.0) * m.channel_closure_half_life_h;
    q.barrier_open_h =
        removed * m.reepithelialisation_h + (1.0 - removed) * std::min(sealed_h, m.reepithelialisation_h);
  }
  q.erythema_duration_h = m.erythema_duration_h;
  q.inflammation_integral = std::min(1.0, wound.coverage_fraction) * wound.damage_share * m.erythema_duration_h / 24.0 *
                            (load.thermal ? hp.pih_thermal_factor : 1.0);
  q.fibrosis_score = m.fibrosis_score;
  return q;
}

// A hazard of one session repeated over independent sessions: at least one event.
Hazard over_sessions(Hazard h, int sessions) {
  h.probability = -std::expm1(sessions * std::log1p(-std::min(h.probability, 1.0 - 1e-15)));
  return h;
}

Hazards protocol_hazards(const CourseMetrics& m, const Treatment& t, const ParameterSet& parameters,
                         const HazardParameters& hp) {
  const auto q = course_quantities(m, t, hp);
  const auto factors = hazard_factors_from(parameters, q.barrier_open_h);
  auto h = assess_hazards(t.wound, q, factors, hp);
  // The fibrosis switch already carries the repetition into the scar hazard through the course;
  // the per-session events repeat independently.
  for (Hazard* each : {&h.scar, &h.pih, &h.infection, &h.bleeding, &h.bruising})
    *each = over_sessions(*each, t.sessions);
  return h;
}

// The course's scalar outputs (uncertainty.hpp), then the hazards.
Scalars scalars_of(const CourseMetrics& m, const Hazards& h) {
  Scalars out = scalar_metrics(m);
  out.insert(out.end(), {{"scar_probability", h.scar.probability},
                         {"pih_probability", h.pih.probability},
                         {"pih_duration_h", h.pih.duration_h},
                         {"infection_probability", h.infection.probability},
                         {"bleeding_probability", h.bleeding.probability},
                         {"bleeding_duration_h", h.bleeding.duration_h},
                         {"bruising_probability", h.bruising.probability},
                         {"bruising_duration_h", h.bruising.duration_h}});
  return out;
}

}  // namespace

Treatment microneedling_treatment(const mechanics::Injury& injury, const skin::SkinModel& skin,
                                  const ParameterSet& parameters) {
  Treatment t;
  t.procedure = "microneedling";
  t.label = "Microneedling";
  t.load = wound_load_from(injury, skin);
  t.wound = microneedling_wound(injury, skin, hazard_parameters_from(parameters).puncture_damage_share);
  t.load.destroyed_share = t.wound.damage_share;
  t.sessions = static_cast<int>(parameters.integer("protocol.sessions"));
  t.interval_d = parameters.real("protocol.interval_d");
  return t;
}

Treatment comparator_treatment(const ProcedureSpec& procedure, const skin::SkinModel& skin,
                               const ParameterSet& parameters) {
  Treatment t;
  t.procedure = procedure.name;
  t.label = procedure.label;
  t.wound = comparator_wound(procedure, skin, parameters.real("protocol.area_cm2"));
  t.load = comparator_load(procedure, t.wound, skin);
  const auto sessions = parameters.integer("comparators.sessions");
  t.sessions = static_cast<int>(sessions == 0 ? parameters.integer("protocol.sessions") : sessions);
  t.interval_d = parameters.real("protocol.interval_d");
  return t;
}

ProcedureResponse respond(const Treatment& treatment, const ParameterSet& parameters, int samples, std::uint64_t seed,
                          bool record_series, const std::vector<double>& band_times_h) {
  check(treatment.load);
  const auto course_parameters = course_parameters_from(parameters);
  const auto hazard_parameters = hazard_parameters_from(parameters);
  const PatientFactors person{.age_y = parameters.real("patient.age_y"),
                              .fitzpatrick = static_cast<int>(parameters.integer("patient.fitzpatrick")),
                              .species = parameters.text("patient.species")};
  const auto sessions = sessions_of(treatment, aftercare_from(parameters));
  // Days the scenario asks for besides the standard ones (whole days; the registry bounds them).
  std::vector<int> extra_days;
  for (const double day : parameters.numbers("output.response_days"))
    extra_days.push_back(static_cast<int>(std::lround(day)));

  ProcedureResponse r;
  r.treatment = treatment;
  // A course nobody reads as a series is a screening estimate (engine.hpp).
  TissueIntegrator integrator(record_series ? point_tolerances : sampled_tolerances);
  r.course = simulate_course(sessions, person, course_parameters,
                             {.record_series = record_series, .extra_report_days = extra_days}, integrator);
  r.hazards = protocol_hazards(r.course.metrics, treatment, parameters, hazard_parameters);
  r.point = scalars_of(r.course.metrics, r.hazards);
  r.samples = std::max(samples, 0);
  if (r.samples == 0) return r;

  std::vector<CourseMetrics> metrics;
  {
    // Each person's series at the band times is read here and dropped with its course.
    auto courses = sample_courses(sessions, person, course_parameters, r.samples, seed, band_times_h, extra_days);
    r.bands = signal_bands(courses, band_times_h);
    metrics.reserve(courses.size());
    for (auto& course : courses) metrics.push_back(std::move(course.metrics));
  }
  std::vector<Scalars> sampled(metrics.size());
  // Each person's hazards read the scenario by key: a share of the planner's time worth spreading.
  ParallelFailure failure;
#pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    failure.run(i, [&] {
      sampled[i] = scalars_of(metrics[i], protocol_hazards(metrics[i], treatment, parameters, hazard_parameters));
    });
  }
  failure.rethrow_if_failed();
  int tipped = 0;
  for (const auto& m : metrics) tipped += m.fibrosis ? 1 : 0;
  r.fibrosis_probability = static_cast<double>(tipped) / r.samples;
  std::vector<double> values(sampled.size());
  for (std::size_t k = 0; k < r.point.size(); ++k) {
    for (std::size_t i = 0; i < sampled.size(); ++i) values[i] = sampled[i][k].second;
    const auto q = quantiles(values, {0.5, 0.05, 0.95});
    r.intervals.emplace_back(r.point[k].first, Interval{q[0], q[1], q[2]});
  }
  return r;
}

Interval output_interval(const ProcedureResponse& response, const std::string& name) {
  for (const auto& [key, interval] : response.intervals) {
    if (key == name) return interval;
  }
  for (const auto& [key, value] : response.point) {
    if (key == name) return {value, value, value};
  }
  throw std::out_of_range(fmt::format("no response output named '{}'", name));
}

}  // namespace mnsim::response
