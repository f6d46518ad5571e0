#include "app/validate_command.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/preflight.hpp"
#include "core/clock.hpp"

namespace mnsim::app {

ValidateCommand::ValidateCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand(
      "validate",
      "Check a scenario or patient file without running it: keys, types, ranges, and everything a run checks before "
      "it starts (device, site, products, timing)");
  subcommand_->add_option("scenario", file_, "Scenario file (TOML)")->required();
  add_override_option(*subcommand_, options_.overrides);
  subcommand_->add_flag("--json", options_.json, "Print the result as JSON");
}

int ValidateCommand::run(Session& session) {
  const auto& registry = session.registry();
  const auto parameters = load_parameters(registry, file_, {}, options_);
  // What a run of it would refuse before starting: `simulate` (and each point of `sweep`) of a
  // scenario, and `plan` of a patient file, which is a scenario with areas (both: either may run it).
  check_run_inputs(parameters, session);
  (void)check_plan_inputs(parameters, session, mnsim::now());
  std::size_t from_file = 0;
  std::size_t defaults = 0;
  for (const auto& [path, entry] : parameters.entries()) {
    if (entry.origin.file.empty()) {
      ++defaults;
    } else {
      ++from_file;
    }
  }
  if (options_.json) {
    fmt::print(
        "{}\n",
        nlohmann::json{{"valid", true}, {"file", file_}, {"keys_set", from_file}, {"defaults_used", defaults}}.dump(2));
  } else {
    fmt::print("{}: valid ({} keys set, {} defaults)\n", file_, from_file, defaults);
  }
  return 0;
}

}  // namespace mnsim::app
