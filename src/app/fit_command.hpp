#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "app/command.hpp"
#include "app/run_options.hpp"

namespace mnsim::app {

// mnsim fit SCENARIO --data FILE.csv --fit KEY[=START]...: the values of the chosen parameters that
// bring one product's transport series closest to the user's measurements, with approximate 95 %
// intervals, and the scenario with those values (scenario.fitted.toml).
class FitCommand : public Command {
 public:
  explicit FitCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string file_;
  std::string data_;
  std::vector<std::string> fit_;
  std::size_t product_ = 0;
  int max_runs_ = 300;
  RunOptions options_;
};

}  // namespace mnsim::app
