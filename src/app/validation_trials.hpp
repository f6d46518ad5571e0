#pragma once
// Published clinical studies run as virtual trials (data/validation/README.md): an arm's
// Fitzpatrick and sex mix as weighted strata, each stratum one model run, and each endpoint
// (event count, ordering, ratio, value) compared at the study's n.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/validation_rows.hpp"
#include "app/validation_runner.hpp"

namespace mnsim::app {

// One stratum of a trial arm: a Fitzpatrick type and a sex, with its weight in the arm's mix.
struct Stratum {
  RunSpec run;
  double weight = 0.0;
};

// The arm's strata: its scenario and overrides, the type and sex (and age) of the stratum, point
// estimates unless the arm sets response.samples, then `extra_set` (--set).
std::vector<Stratum> arm_strata(const TrialArm& arm, const std::vector<std::string>& extra_set);

// Every endpoint of `trial` against the runs of its strata (`runs`: the summary of each run).
std::vector<ValidationResult> compare_trial(const Trial& trial, const std::map<RunSpec, const nlohmann::json*>& runs,
                                            const ValidationOptions& options);

}  // namespace mnsim::app
