#pragma once
// Recommended settings: candidate protocols per area (needle depth, passes, sessions,
// interval) from the literature ranges of data/plan/depth_by_goal.csv, each evaluated by a
// caller-supplied evaluator (the tissue-response engine in `mnsim plan`, a synthetic one in
// tests), and the one with the best predicted benefit under the risk limits. The objective is
// documented in docs/planner.md.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/parameter_set.hpp"
#include "plan/screening.hpp"

namespace mnsim::plan {

struct Quantiles {
  double median = 0.0;
  double p5 = 0.0;
  double p95 = 0.0;
};

// The literature range of one goal at one site ("any" = every site without its own row).
struct ProtocolRange {
  std::string goal;
  std::string site;
  double depth_min_mm = 0.0;
  double depth_max_mm = 0.0;
  int passes_min = 1;
  int passes_max = 1;
  int sessions_min = 1;
  int sessions_max = 1;
  double interval_min_d = 0.0;
  double interval_max_d = 0.0;
  std::string source;
  std::string tag;
};

class ProtocolTable {
 public:
  static ProtocolTable load(const std::filesystem::path& data_dir);  // data/plan/depth_by_goal.csv
  static ProtocolTable from_file(const std::filesystem::path& file);

  // The row of (goal, site), else (goal, "any"); DataError when the goal has neither.
  [[nodiscard]] const ProtocolRange& find(std::string_view goal, std::string_view site) const;
  [[nodiscard]] const std::vector<ProtocolRange>& rows() const { return rows_; }

 private:
  std::vector<ProtocolRange> rows_;
};

struct Candidate {
  std::string area;
  std::string site;
  std::string goal;
  double needle_depth_mm = 0.0;
  int passes = 1;
  int sessions = 1;
  double interval_d = 0.0;
};

// What the device allows: a pen's depth is a setting up to its maximum; a roller, stamp or
// patch has one needle length.
struct DeviceLimits {
  bool adjustable_depth = true;
  double max_depth_mm = 3.0;
  double fixed_depth_mm = 0.0;  // used when !adjustable_depth
};
DeviceLimits device_limits(const PatientFile& patient);

// The candidate grid of one area: depths every `depth_step_mm` across the goal's range (capped
// by the screening's max_depth_mm and by the device), passes, sessions and intervals at the
// ends and the middle of their ranges. Empty for an excluded area.
std::vector<Candidate> candidates_for(const AreaVerdict& area, const ProtocolTable& table, const DeviceLimits& device,
                                      double depth_step_mm = 0.25);

// Predicted outcome of one candidate, each as {median, p5, p95} over the model's uncertainty.
struct CandidateOutcome {
  std::string benefit_key = "collagen_change_pct_d180";  // what `benefit` measures
  Quantiles benefit;
  Quantiles scar_probability;
  Quantiles pih_probability;
  Quantiles infection_probability;
  Quantiles bruising_probability;
  Quantiles downtime_d;
};
using Evaluator = std::function<CandidateOutcome(const Candidate&)>;

// An outcome's quantities by key, in the order the plan's texts and pages list them: the benefit,
// PIH, scar, infection and bruising probabilities, the downtime.
std::vector<std::pair<std::string, const Quantiles*>> outcome_quantities(const CandidateOutcome& outcome);

// Why candidates_for gives an area no candidate (a fixed needle deeper than a cap, ...), in words.
std::string no_candidate_reason(const AreaVerdict& area, const ProtocolTable& table, const DeviceLimits& device);

struct RiskLimits {
  double max_scar_probability = 0.02;  // limits apply to the 95th percentiles
  double max_pih_probability = 0.10;
  double max_infection_probability = 0.01;
  double max_bruising_probability = 0.10;
  double max_downtime_d = 7.0;
  // Of the toxic level, for the high end of a product's predicted plasma peak (plan/systemic.hpp).
  double max_plasma_fraction_of_toxic = 0.6;
  double benefit_equivalence = 0.05;  // relative: medians this close to the best are equivalent
  int runner_ups = 3;
  // Further candidates within the limits at their point estimate kept in line, to be run over
  // sampled persons when the recommendation and its runner-ups break a limit there.
  int sampled_fallbacks = 10;
};
RiskLimits read_risk_limits(const ParameterSet& parameters);
// The limits an outcome's 95th percentiles break, in words ("PIH probability p95 0.14 > limit 0.1").
std::vector<std::string> violations_of(const CandidateOutcome& outcome, const RiskLimits& limits);

struct RankedCandidate {
  Candidate candidate;
  CandidateOutcome outcome;
  bool feasible = false;
  std::vector<std::string> violations;  // "PIH probability p95 0.14 > limit 0.10", ...
  std::string reason;                   // why it lost to the recommendation (empty for it)
};

struct Selection {
  std::optional<RankedCandidate> best;      // none when no candidate meets every limit
  std::vector<RankedCandidate> runner_ups;  // feasible ones next in line, then better ones that broke a limit
  // Feasible ones after the runner-ups, in the same order (at most RiskLimits::sampled_fallbacks).
  std::vector<RankedCandidate> fallbacks;
  // When none meets every limit: the candidate that exceeds them least (the largest ratio of a
  // 95th percentile to its limit is smallest; then the least burdensome).
  std::optional<RankedCandidate> least_risk;
  std::size_t evaluated = 0;
};

// Evaluates every candidate once and selects: among candidates within every risk limit, those
// whose median benefit lies within benefit_equivalence of the largest are equivalent, and the
// least burdensome of them wins (fewest sessions, then shallowest depth, then fewest passes,
// then longest interval). Deterministic for a deterministic evaluator.
Selection select_protocol(const std::vector<Candidate>& candidates, const Evaluator& evaluate,
                          const RiskLimits& limits);

}  // namespace mnsim::plan
