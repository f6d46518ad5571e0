#pragma once
#include "app/command.hpp"
#include "app/run_options.hpp"

namespace mnsim::app {

// mnsim validate FILE: checks a scenario without running it.
class ValidateCommand : public Command {
 public:
  explicit ValidateCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string file_;
  RunOptions options_;
};

}  // namespace mnsim::app
