#pragma once
// The published numbers mnsim is compared with (data/validation/README.md): comparison rows
// (data/validation/comparisons/<module>.csv) and virtual trials (data/validation/trials/*.toml),
// each with its role. Reading only; validation_runner predicts and scores them.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace mnsim::app {

// The modules a row belongs to, in the order the report lists them.
inline const std::vector<std::string> validation_modules{"skin",     "mechanics",   "transport",
                                                         "response", "comparators", "plan"};

enum class Role { calibration, validation };
const char* role_name(Role role);

// A tolerance band fixed from the measurement before predicting; an unset bound is open.
struct Band {
  std::optional<double> low, high;
  std::string rule;  // sd2, range, ci, fold2, fold3, upper_bound, lower_bound, binomial95, category, ordering
  [[nodiscard]] bool contains(double value) const { return (!low || value >= *low) && (!high || value <= *high); }
};

// What every row and trial endpoint shares: where it comes from and what it is for.
struct Provenance {
  std::string id, module;
  Role role = Role::validation;
  std::vector<std::string> calibrates;  // registry paths or data files fitted to it (calibration rows)
  std::string source, tag, assumptions;
  std::string file;  // where it is declared, with the line for CSV rows
  int line = 0;
};

// One run of the model: a scenario with row-level overrides, run as `simulate` (its summary.json;
// `compare` lists comparator procedures run on the same person, as summary.json's
// comparison.<procedure>) or, for a patient file, as `plan` (its plan.json).
struct RunSpec {
  std::string scenario;
  std::vector<std::string> set;
  std::vector<std::string> compare;
  std::string command = "simulate";
  bool operator<(const RunSpec& other) const {
    return std::tie(scenario, set, compare, command) <
           std::tie(other.scenario, other.set, other.compare, other.command);
  }
};

struct ComparisonRow {
  Provenance about;
  std::string case_name;
  RunSpec run;
  std::string quantity;  // summary.json dotted path
  std::string time, spread, unit;
  std::string measured_text;       // as published: a number or a word (category rows)
  std::optional<double> measured;  // the number, when it is one
  Band band;
};

struct TrialArm {
  std::string name;
  RunSpec run;
  int n = 0;
  std::map<int, double> fitzpatrick;  // type -> count or share (normalised when sampling)
  double female_share = 0.5;
  std::optional<double> age_y;
};

enum class EndpointKind { events, ordering, ratio, value };

struct TrialEndpoint {
  EndpointKind kind = EndpointKind::events;
  std::string case_name, quantity, time, unit, spread;
  std::string arm;              // events and value endpoints
  int events = 0;               // events endpoints: observed count at the arm's n
  std::string greater, lesser;  // ordering endpoints; ratio endpoints: numerator and denominator
  // Ordering endpoints between procedures: each arm's own quantity (a comparator's
  // comparison.<procedure>.<key> against microneedling's response.<key>); default `quantity`.
  std::string greater_quantity, lesser_quantity;
  std::optional<double> measured;
  Band band;  // value and ratio endpoints
};

struct Trial {
  Provenance about;
  std::vector<TrialArm> arms;
  std::vector<TrialEndpoint> endpoints;
  [[nodiscard]] const TrialArm& arm(const std::string& name) const;
};

// A Done-when check of a fidelity issue, computed from the report's rows
// (data/validation/criteria.csv; app/validation_criteria.hpp).
enum class CriterionMetric { pass_share, within_fold_share, measured_in_range_share, rmse_log10 };

struct Criterion {
  std::string id, issue, statement;
  CriterionMetric metric = CriterionMetric::pass_share;
  // Rows counted: of an `include` module (`module:<name>`; any if none), matching another
  // `include` selector (an id prefix or `quantity:<part of the path>`; any if none), and no
  // `exclude` selector.
  std::vector<std::string> include, exclude;
  double fold = 0.0;    // within_fold_share: the factor
  double target = 0.0;  // shares: at least this; rmse_log10: at most this
  int min_rows = 0;     // fewer counted rows than this and the check does not hold
  std::string source;
};

const char* metric_name(CriterionMetric metric);

// Reads criteria.csv (app/validation_criteria.cpp); a malformed record is a DataError naming the
// file, line and column.
std::vector<Criterion> read_criteria(const std::filesystem::path& file);

struct ValidationData {
  std::vector<ComparisonRow> rows;
  std::vector<Trial> trials;
  // Why a validation row misses (data/validation/miss_reasons.csv: id, reason), written after the
  // run: an explanation for the reader, never an input to a band.
  std::map<std::string, std::string> miss_reasons;
  std::vector<Criterion> criteria;  // criteria.csv
};

// Reads every comparisons/*.csv, trials/*.toml, miss_reasons.csv and criteria.csv under `validation_dir`. Malformed
// records are InputErrors naming the file, line and column; ids must be unique over rows and trials.
ValidationData read_validation_data(const std::filesystem::path& validation_dir);

// The Wilson score 95 % interval of k events in n (z = 1.96): the band of a rate published as k of n.
Band wilson_band(int events, int n);

}  // namespace mnsim::app
