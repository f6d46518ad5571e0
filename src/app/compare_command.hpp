#pragma once
#include <string>
#include <vector>

#include "app/command.hpp"
#include "app/run_options.hpp"

namespace mnsim::app {

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
