#pragma once
// The response engine: one procedure on one person over a whole protocol, from the wounds of one
// session to the tissue course (course.hpp), the adverse-event hazards (hazards.hpp) and, when
// sampling is on, their uncertainty. `mnsim simulate`, `mnsim compare` and `mnsim plan` all run
// it, so microneedling and every comparator are judged by the same model on the same person.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/parameter_set.hpp"
#include "mechanics/injury.hpp"
#include "response/comparators.hpp"
#include "response/course.hpp"
#include "response/hazards.hpp"
#include "response/uncertainty.hpp"
#include "response/wound_load.hpp"
#include "skin/skin_model.hpp"

namespace mnsim::response {

// What a protocol does to the skin: the wounds of one session, as the course model (load) and
// the hazard model (wound) see them, repeated `sessions` times every `interval_d` days.
struct Treatment {
  std::string procedure;  // "microneedling", or a comparator name ("dermabrasion", ...)
  std::string label;      // for tables and reports
  WoundLoad load;
  WoundGeometry wound;
  int sessions = 1;
  double interval_d = 28.0;
};

// Microneedling as the scenario describes it (protocol.sessions, protocol.interval_d).
Treatment microneedling_treatment(const mechanics::Injury& injury, const skin::SkinModel& skin,
                                  const ParameterSet& parameters);
// A comparator on the same skin and treated area (protocol.area_cm2), comparators.sessions times
// protocol.interval_d apart: once by default, as the comparators' sources describe them.
Treatment comparator_treatment(const ProcedureSpec& procedure, const skin::SkinModel& skin,
                               const ParameterSet& parameters);

// The scalar outputs of one course and its hazards, by the names summary.json uses: the course's
// (uncertainty.hpp scalar_metrics: barrier_recovery_h, ..., downtime_d, the diagnostics
// inflammation_integral, barrier_open_h, peak_erythema, fibrosis_score, collagen_change_pct.<day>,
// epidermal_thickness_change_pct.<day>), then scar_probability, pih_probability, pih_duration_h,
// infection_probability, bleeding_probability, bleeding_duration_h, bruising_probability,
// bruising_duration_h.
using Scalars = std::vector<std::pair<std::string, double>>;

struct ProcedureResponse {
  Treatment treatment;
  TissueCourse course;  // point estimate (base parameters), with its time series
  Hazards hazards;      // over the whole protocol, from the point-estimate course
  Scalars point;        // scalar outputs of the point estimate
  int samples = 0;      // sampled persons behind `intervals` (0: point estimate only)
  std::vector<std::pair<std::string, Interval>> intervals;  // same names and order as `point`
  double fibrosis_probability = 0.0;                        // share of sampled courses that tipped
  // Erythema and the TEWL excess over the sampled persons at the requested times (empty without
  // samples or times). The point course's windows (course.session_windows_h) are every sampled
  // person's too: they depend on the session times only.
  std::vector<SignalBand> bands;
};

// Runs the course and the hazards (and `samples` sampled persons from `seed`; the result does not
// depend on the thread count). Parameters: the completed scenario (patient, timeline, response.*
// and hazards.* keys). `record_series` false skips the time series and integrates the point
// course at the sampled persons' tolerances (the planner's candidates, whose point values only
// rank them, and its comparators, shown by their intervals). `band_times_h` (hours after the first
// session) asks the sampled persons for erythema and the TEWL excess there (`bands`); the same
// times give the same sampled outputs, so runs that must agree should ask for the same ones.
ProcedureResponse respond(const Treatment& treatment, const ParameterSet& parameters, int samples, std::uint64_t seed,
                          bool record_series = true, const std::vector<double>& band_times_h = {});

// The interval (or, without sampling, the point value three times) of one named output; throws
// std::out_of_range for an unknown name.
Interval output_interval(const ProcedureResponse& response, const std::string& name);

}  // namespace mnsim::response
