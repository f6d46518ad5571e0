#pragma once
#include <nlohmann/json.hpp>

#include "app/command.hpp"

namespace mnsim::app {

// mnsim params: every scenario key and parameter with unit, range, default and source.
// `--format markdown` prints docs/scenario.md (a test keeps the two identical).
// [{path, expected, unit, default, description, source}] of every registry key (`--format json`).
nlohmann::json parameters_json(const Registry& registry);

class ParamsCommand : public Command {
 public:
  explicit ParamsCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string format_ = "text";
};

}  // namespace mnsim::app
