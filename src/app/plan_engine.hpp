#pragma once
// The response engine behind `mnsim plan`: evaluates candidate protocols for the recommendation,
// predicts the chosen protocol's course with its uncertainty, and the comparators on the same
// person. The Injury of each (site, depth, passes) is simulated once, on a representative patch
// (the per-cm2 quantities the response reads do not depend on the patch size).
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "app/pipeline.hpp"
#include "app/session.hpp"
#include "core/parameter_set.hpp"
#include "plan/plan.hpp"
#include "response/engine.hpp"

namespace mnsim::app {

inline constexpr double plan_patch_cm2 = 1.0;

class PlanEngine {
 public:
  PlanEngine(const ParameterSet& patient, Session& session);

  // Simulates the injuries and point-estimate outcomes of all candidates at once, spread over
  // the OpenMP threads (each result depends on its candidate only, never on the thread count).
  void prepare(const std::vector<plan::Candidate>& candidates);
  // Point estimate of one candidate for the sweep (from prepare, else computed now): median, p5
  // and p95 are the same number until the chosen candidate is sampled.
  plan::CandidateOutcome evaluate(const plan::Candidate& candidate);
  // The candidate's full response with `samples` sampled persons; sampled, with the bands of
  // redness and TEWL at band_times_h() (every sampled run asks for the same times, so a protocol
  // sampled twice gives the same outputs).
  response::ProcedureResponse respond(const plan::Candidate& candidate, int samples, bool record_series);
  // A candidate outcome from a sampled response (the risk limits apply to its p95).
  static plan::CandidateOutcome outcome_of(const response::ProcedureResponse& response);
  // Comparator procedures on the same person and site, sampled like the recommendation.
  response::ProcedureResponse comparator(const response::ProcedureSpec& procedure, const plan::Candidate& candidate,
                                         int samples);

  [[nodiscard]] const ParameterSet& parameters_of(const plan::Candidate& candidate);
  // The candidate's Injury on the representative patch (simulated once per site, depth, passes).
  const SessionInjury& injury_of(const plan::Candidate& candidate);

 private:
  const ParameterSet& patient_;
  Session& session_;
  std::uint64_t seed_;
  std::map<std::tuple<std::string, double, int, int, double>, ParameterSet> parameters_;
  std::map<std::tuple<std::string, double, int>, SessionInjury> injuries_;
  std::map<std::tuple<std::string, double, int, int, double>, plan::CandidateOutcome> outcomes_;
};

// The response keys a plan predicts, as quantiles (the point value three times when unsampled).
std::map<std::string, plan::Quantiles> predicted_quantities(const response::ProcedureResponse& response);
// The course quantities the aftercare is derived from.
plan::PredictedCourse predicted_course(const response::ProcedureResponse& response, const plan::PatientFile& patient);
// The times of the report's bands, hours after the first session: its first two weeks.
std::vector<double> band_times_h();
// Redness and the TEWL excess over the first two weeks, for the report: median and 5-95 % over the
// sampled persons at band_times_h(); without samples, the point-estimate course as it was
// recorded, with p5 = p95 = median.
std::vector<plan::Band> course_bands(const response::ProcedureResponse& response);

}  // namespace mnsim::app
