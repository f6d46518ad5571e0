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
// A procedure's sessions in words: "4 sessions 30 d apart", "1 session".
std::string protocol_text(const response::Treatment& treatment);
// One row per procedure, one column per headline output (medians when sampled, with p5 and p95),
// then interval_d (empty for a single session).
std::string comparison_csv(const std::vector<response::ProcedureResponse>& procedures);
// The same as a terminal table: each procedure with its sessions, then a note saying what each row
// represents. Probabilities above 99 % read ">99", ranges whose ends agree one value, durations cut
// off by the next session or the end of the simulated time "> X" (io/quantity_text.hpp).
std::string comparison_text(const std::vector<response::ProcedureResponse>& procedures);
// [{wound, half_width_um, resolved_h, reduced_h}] (run.fidelity = resolved).
nlohmann::json closure_check_json(const std::vector<response::ClosureCheck>& checks);
std::string response_text(const response::ProcedureResponse& response);

}  // namespace mnsim::io
