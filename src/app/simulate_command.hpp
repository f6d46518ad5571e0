#pragma once
#include "app/command.hpp"
#include "app/run_options.hpp"

namespace mnsim::app {

// mnsim simulate SCENARIO: runs the pipeline on a scenario and writes a run directory.
class SimulateCommand : public Command {
 public:
  explicit SimulateCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string file_;
  RunOptions options_;
};

}  // namespace mnsim::app
