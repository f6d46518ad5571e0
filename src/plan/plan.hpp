#pragma once
// A complete treatment plan: screening verdict, recommended protocol per area with its
// runner-ups, the predicted response, and the aftercare derived from it. The writers in io/
// (plan.json, aftercare.ics, report.html) take this struct.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/aftercare.hpp"
#include "plan/patient.hpp"
#include "plan/recommendation.hpp"
#include "plan/screening.hpp"
#include "plan/systemic.hpp"

namespace mnsim::plan {

struct AreaRecommendation {
  std::string area;
  std::string site;
  std::string goal;
  // None when the area is excluded or has no candidate; when no candidate met every risk limit, the
  // one that exceeds them least, with the note saying so.
  std::optional<RankedCandidate> chosen;
  std::vector<RankedCandidate> runner_ups;
  // Candidates within the limits at their point estimate after the runner-ups, tried over sampled
  // persons when the ones before them break a limit there (not shown).
  std::vector<RankedCandidate> fallbacks;
  std::size_t evaluated = 0;
  // True when no candidate kept every limit and `chosen` is the one that exceeds them least.
  bool least_risk = false;
  std::string note;
};

// A predicted time course with its uncertainty band, for the report's plots.
struct Band {
  std::string name;  // "erythema", ...
  std::string unit;  // unit of the values ("a.u.", "%")
  std::vector<double> t_h;
  std::vector<double> median;
  std::vector<double> p5;
  std::vector<double> p95;
};

// Another procedure on the same person (dermabrasion, lasers), for comparison.
struct ProcedureForecast {
  std::string procedure;  // catalog name: "dermabrasion", ...
  std::string label;
  std::map<std::string, Quantiles> predicted;  // same keys as Plan::predicted
  std::vector<double> windows_h;               // its simulated windows, as Plan::course_windows_h
};

// The windows a predicted key's value is measured in, in the key's unit: the session windows for
// a duration in hours (`*_h`), the same in days for `downtime_d`, none for anything else. A value
// equal to one of them ran into it (io/quantity_text.hpp cut_off_at) and is a lower bound.
inline std::vector<double> duration_windows(std::string_view key, const std::vector<double>& windows_h) {
  if (key.ends_with("_h")) return windows_h;
  if (key != "downtime_d") return {};
  std::vector<double> days;
  days.reserve(windows_h.size());
  for (const double h : windows_h) days.push_back(h / 24.0);
  return days;
}

struct Plan {
  std::string patient_file;  // as given on the command line
  PatientFile patient;
  Verdict verdict;
  RiskLimits limits;
  std::vector<AreaRecommendation> recommendations;
  std::map<std::string, Quantiles> predicted;  // response keys of the recommended course
  // Hours simulated after each session of that course: to the next session, the last to the end of
  // the simulated time. Its durations are measured within these windows, so one that equals its
  // window (duration_windows) is only a lower bound.
  std::vector<double> course_windows_h;
  PredictedCourse course;
  std::vector<AftercareItem> aftercare;
  std::vector<Band> bands;
  std::vector<ProcedureForecast> procedures;
  // Products whose compound reaches the blood (numbing creams), over every treated area.
  std::vector<SystemicExposure> systemic;
};

// Candidates for every area that screening leaves treatable, evaluated and selected.
std::vector<AreaRecommendation> recommend(const Verdict& verdict, const ProtocolTable& table,
                                          const DeviceLimits& device, const Evaluator& evaluate,
                                          const RiskLimits& limits);

// The area whose chosen protocol the predicted course and the aftercare follow: the deepest (its
// course is the longest, so the instructions are safe for every treated area), the first of
// equally deep ones; null when no area has a protocol.
const AreaRecommendation* course_recommendation(const std::vector<AreaRecommendation>& recommendations);

// A plan whose protocol for an area breaks a risk limit at its 95th percentile, or that has no
// protocol for a treatable area, is never a go: one caution per such area.
void caution_unmet_limits(const std::vector<AreaRecommendation>& recommendations, Verdict& verdict);

// The disclaimer every output carries once.
inline constexpr const char* disclaimer =
    "Model prediction for education and research, not medical advice. Decisions about treatment belong to a "
    "qualified professional who has examined the patient.";

}  // namespace mnsim::plan
