#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/command.hpp"
#include "app/run_options.hpp"
#include "response/engine.hpp"

namespace mnsim::app {

// The procedures `compare` sets beside microneedling when --with is not given.
inline constexpr const char* default_comparators = "dermabrasion,nafl-1550,fractional-co2,ablative-co2";

// compare's blocks of summary.json: `response` (microneedling, the first procedure) and
// `comparison` (each other procedure by name). Microneedling runs the scenario's sessions, each
// comparator one: every block says which, in numbers (sessions, interval_d) and in words
// (protocol), so no row is read as one session.
void add_comparison_blocks(nlohmann::json& summary, const std::vector<response::ProcedureResponse>& procedures);

// mnsim compare SCENARIO --with dermabrasion,fractional-co2,...: the scenario's microneedling
// protocol and each named comparator procedure on the same person, side by side (printed table,
// comparison.csv, the response block of each in summary.json).
class CompareCommand : public Command {
 public:
  explicit CompareCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string file_;
  std::vector<std::string> with_;  // each --with as typed; split by cli_values' comma_list
  RunOptions options_;
};

}  // namespace mnsim::app
