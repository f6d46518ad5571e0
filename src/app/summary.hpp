#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/parameter_set.hpp"

namespace mnsim::app {

inline constexpr const char* medical_note = "Model predictions for education and research, not medical advice.";

// Keys every summary.json starts with: mnsim_version, command, scenario_file, seed, note.
nlohmann::json summary_header(const std::string& command, const std::string& scenario_file,
                              const ParameterSet& parameters);

}  // namespace mnsim::app
