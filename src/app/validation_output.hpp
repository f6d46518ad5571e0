#pragma once
// What `mnsim validation` writes: validation.csv, the summary's `validation` block, the table
// printed on a terminal, validation.md (docs/validation.md is a copy) and each module's figure data.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/validation_runner.hpp"

namespace mnsim::app {

std::string validation_csv(const ValidationReport& report);

// summary.json's `validation`: modules.<module>.{rows, passed, score, gm_fold_error} over the
// validation rows (calibration rows counted apart), and rows[] with every row's comparison.
nlohmann::json validation_json(const ValidationReport& report);

std::string validation_text(const ValidationReport& report);

// The validation appendix: score table, rules, and per module its figure, its rows and their
// sources. `figures` are the PNG names drawn (relative to `figure_dir`); `command` is what made it.
std::string validation_markdown(const ValidationReport& report, const std::vector<std::string>& figures,
                                const std::string& figure_dir, const std::string& command);

// A module's figure: the rows with a number and a positive published value, as CSV (empty when
// there is none), and the axes that hold every point and bar (log where they span decades).
struct ValidationPoints {
  std::string csv;
  bool log_axes = false;
  double low = 0.0, high = 1.0;
};
ValidationPoints validation_points(const ValidationReport& report, const std::string& module);

}  // namespace mnsim::app
