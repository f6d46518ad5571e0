#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "app/session.hpp"
#include "core/parameter_set.hpp"
#include "io/run_directory.hpp"

namespace mnsim::app {

inline constexpr const char* medical_note = "Model predictions for education and research, not medical advice.";

// Keys every summary.json starts with: mnsim_version, command, scenario_file, seed, note, and the
// provenance object (app/provenance.hpp).
nlohmann::json summary_header(const std::string& command, const std::string& scenario_file,
                              const ParameterSet& parameters, Session& session);

// The end of a command that writes a run: summary.json into the run directory, the directory moved
// into place, and with --json the summary printed on stdout. Returns `json`: whether it printed
// (the command then prints no text).
bool publish_run(io::RunDirectory& run_dir, const nlohmann::json& summary, bool json);

}  // namespace mnsim::app
