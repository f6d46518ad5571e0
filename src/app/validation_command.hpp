#pragma once
#include <optional>
#include <string>

#include "app/command.hpp"
#include "app/run_options.hpp"

namespace mnsim::app {

// mnsim validation [--module M] [--role R]: every published number of data/validation/ run through
// the model (comparison rows and virtual trials), the table, the score of each module, figures, and
// validation.md (docs/validation.md is its copy).
class ValidationCommand : public Command {
 public:
  explicit ValidationCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::optional<std::string> module_;
  std::string role_ = "all";
  RunOptions options_;
};

}  // namespace mnsim::app
