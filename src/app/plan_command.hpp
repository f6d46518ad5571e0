#pragma once
#include <string>

#include "app/command.hpp"
#include "app/run_options.hpp"

namespace mnsim::app {

// mnsim plan PATIENT.toml: screening, recommended protocol per area (candidates simulated with the
// response engine), predicted course with ranges, comparators on the same person and the aftercare
// derived from the course; writes plan.json, aftercare.ics and report.html.
class PlanCommand : public Command {
 public:
  explicit PlanCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string file_;
  RunOptions options_;
  std::optional<std::string> samples_;  // as typed: planner.samples checks it
};

}  // namespace mnsim::app
