#pragma once
// Runs every comparison row and virtual trial through the model and scores each module
// (data/validation/README.md). Each distinct scenario runs once; runs share nothing, so they run
// in parallel and the report does not depend on the thread count.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "app/validation_rows.hpp"

namespace mnsim::app {

struct Predicted {
  double median = 0.0, p5 = 0.0, p95 = 0.0;
  std::string text;  // category rows: the model's word
};

// One line of the report: a comparison row or a trial endpoint.
struct ValidationResult {
  Provenance about;   // a trial endpoint's id is `<trial id>.<endpoint number>`
  std::string trial;  // the trial's id, empty for comparison rows
  std::string kind;   // comparison, events, ordering, value
  std::string case_name, quantity, time, unit, spread, measured_text;
  std::optional<double> measured;
  Band band;
  Predicted predicted;
  bool pass = false;
  std::optional<double> fold_error;
  std::string miss_reason;  // data/validation/miss_reasons.csv, for the reader
  // Events endpoints: the study's n and count, and the virtual trial's 5/50/95 % counts.
  int n = 0, events = 0;
  double events_p5 = 0.0, events_median = 0.0, events_p95 = 0.0;
};

struct ModuleScore {
  std::string module;
  int rows = 0, passed = 0;                          // validation rows only
  int calibration_rows = 0, calibration_passed = 0;  // listed, never scored
  std::optional<double> gm_fold_error;               // geometric mean over validation rows with a fold error
  [[nodiscard]] double score() const { return rows > 0 ? static_cast<double>(passed) / rows : 0.0; }
};

struct CriterionResult {
  Criterion criterion;
  int rows = 0;                 // rows counted
  std::optional<double> value;  // none when no row counts
  bool holds = false;
};

struct ValidationReport {
  std::vector<ValidationResult> results;  // module order, then file order
  std::vector<ModuleScore> modules;       // every module, in validation_modules order
  std::vector<CriterionResult> criteria;  // data/validation/criteria.csv, in file order
  int runs = 0;                           // model runs behind the report
};

struct ValidationOptions {
  std::optional<std::string> module;  // only this module
  std::optional<Role> role;           // only this role
  // --seed: run.seed of every run (else each scenario's own) and the virtual trials' draws (else 1).
  std::optional<std::uint64_t> seed;
  int samples = 40;                   // response.samples of validation rows that do not set it
                                      // (calibration rows: 0, the point estimate the fits used)
  std::vector<std::string> set;       // --set overrides applied to every run after the row's own
  int trial_replicates = 2000;        // virtual trials per events endpoint
  std::function<void()> on_run_done;  // progress (called from one thread at a time)
};

// How many runs `data` needs under `options` (for a progress bar).
std::size_t validation_run_count(const ValidationData& data, const ValidationOptions& options);

ValidationReport run_validation(const ValidationData& data, Session& session, const ValidationOptions& options);

}  // namespace mnsim::app
