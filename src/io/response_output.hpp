#pragma once
// Outputs of the response stage: the `response` block of summary.json (and one per comparator
// under `comparison`), the course time series as CSV, the comparison table (text and CSV) and
// the lines of the terminal summary.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "response/engine.hpp"
#include "response/wound_closure.hpp"

namespace mnsim::io {

// Scalars as numbers, or {median, p5, p95} when sampling was on; "collagen_change_pct.30" goes to
// ["collagen_change_pct"]["30"]. Adds procedure, sessions, interval_d, samples, fibrosis and
// fibrosis_probability.
nlohmann::json response_json(const response::ProcedureResponse& response);
// Every state variable and derived signal of the point-estimate course, one row per output time.
std::string course_series_csv(const response::ProcedureResponse& response);
// One row per procedure, one column per headline output (medians when sampled, with p5 and p95).
std::string comparison_csv(const std::vector<response::ProcedureResponse>& procedures);
std::string comparison_text(const std::vector<response::ProcedureResponse>& procedures);
// [{wound, half_width_um, resolved_h, reduced_h}] (run.fidelity = resolved).
nlohmann::json closure_check_json(const std::vector<response::ClosureCheck>& checks);
std::string response_text(const response::ProcedureResponse& response);

}  // namespace mnsim::io
