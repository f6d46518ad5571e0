#pragma once
// Options shared by every command that simulates: -o, --set, --seed, --json, --force.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "core/parameter_set.hpp"
#include "core/registry.hpp"

namespace mnsim::app {

struct RunOptions {
  std::string out_dir;
  std::vector<std::string> overrides;
  // --seed and --samples as typed: the registry checks them (run.seed, response.samples), so a
  // float, a word or a number beyond 64 bits is refused with the key's own integer range instead
  // of being converted (and saturated) first.
  std::optional<std::string> seed;
  bool json = false;
  bool force = false;
  std::optional<std::string> samples;  // --samples: sampled persons behind the uncertainty intervals
};

void add_run_options(CLI::App& command, RunOptions& options);
// --samples N (commands that predict a response).
void add_samples_option(CLI::App& command, RunOptions& options);
void add_override_option(CLI::App& command, std::vector<std::string>& overrides);

// Scenario file (optional), then extra assignments (command shortcuts, each with the option that
// gave it), then --set, then --seed and --samples; completes defaults. Throws InputError on any bad value.
ParameterSet load_parameters(const Registry& registry, const std::string& scenario_file,
                             const std::vector<std::pair<std::string, std::string>>& shortcuts,
                             const RunOptions& options);

// scenario.resolved.toml: every value the run used. A named device model brings its own type, so
// a type left at its default is recorded as the model's (the default would contradict the model
// when the file is read back).
std::string resolved_scenario(const ParameterSet& parameters, Session& session);

}  // namespace mnsim::app
