#include "app/run_options.hpp"

#include <fmt/format.h>

#include "device/device_spec.hpp"
#include "io/scenario_reader.hpp"
#include "io/scenario_writer.hpp"

namespace mnsim::app {

void add_override_option(CLI::App& command, std::vector<std::string>& overrides) {
  command.add_option("--set", overrides, "Override any scenario key or parameter: dotted.path=value (repeatable)")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
}

void add_run_options(CLI::App& command, RunOptions& options) {
  command.add_option("-o,--output", options.out_dir, "Run directory to write (default: runs/<scenario>-<date>-<time>)")
      ->type_name("DIR");
  add_override_option(command, options.overrides);
  command.add_option("--seed", options.seed, "Seed of every random draw (recorded in the run; sets run.seed)")
      ->type_name("N");
  command.add_flag("--json", options.json, "Print the summary JSON on stdout instead of text");
  command.add_flag("--force", options.force, "Replace the run directory if it exists");
}

void add_samples_option(CLI::App& command, RunOptions& options) {
  command
      .add_option("--samples", options.samples,
                  "Sampled persons behind the uncertainty intervals (0: point estimates only; sets response.samples)")
      ->type_name("N");
}

ParameterSet load_parameters(const Registry& registry, const std::string& scenario_file,
                             const std::vector<std::pair<std::string, std::string>>& shortcuts,
                             const RunOptions& options) {
  ParameterSet parameters = scenario_file.empty() ? ParameterSet{} : io::read_scenario_file(scenario_file, registry);
  for (const auto& [assignment, origin] : shortcuts) io::apply_override(parameters, registry, assignment, origin);
  for (const auto& assignment : options.overrides) io::apply_override(parameters, registry, assignment);
  if (options.seed) io::apply_override(parameters, registry, fmt::format("run.seed={}", *options.seed), "--seed");
  if (options.samples) {
    io::apply_override(parameters, registry, fmt::format("response.samples={}", *options.samples), "--samples");
  }
  parameters.complete(registry, scenario_file.empty() ? "command line" : scenario_file);
  return parameters;
}

std::string resolved_scenario(const ParameterSet& parameters, Session& session) {
  ParameterSet used = parameters;
  const bool type_defaulted = used.has("device.type") && used.entry("device.type").origin.file.empty();
  if (used.has("device.model") && type_defaulted) {
    if (const auto* entry = session.catalog().find(used.text("device.model")))
      used.set("device.type", std::string(device::device_type_name(entry->type)), {});
  }
  return io::resolved_scenario_toml(used, session.registry());
}

}  // namespace mnsim::app
