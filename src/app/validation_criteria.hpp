#pragma once
// The Done-when checks of the fidelity issues, computed by the report from its own rows
// (data/validation/criteria.csv): the share of rows that pass, that fall within a fold of the
// published value, or whose published value lies inside the model's 5-95 % range, or the
// root-mean-square log10 error. Only validation rows count: a calibration row shows only that a
// fit worked.
#include <optional>
#include <string>
#include <vector>

#include "app/validation_runner.hpp"

namespace mnsim::app {

// The rows a criterion counts: validation rows of its `module:` selectors (all modules if none)
// that match one of its other selectors (an id prefix, or `quantity:` and a part of the quantity's
// path; all rows if none) and no `!` selector. The fold and log-error metrics count rows with a published central value
// (not a bound, not a word) and a positive prediction; the range metric counts rows with a published number.
std::vector<CriterionResult> evaluate_criteria(const std::vector<Criterion>& criteria,
                                               const std::vector<ValidationResult>& results);

}  // namespace mnsim::app
