#pragma once
// Reading scenario files (TOML) into a checked ParameterSet, and --set overrides.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/parameter_set.hpp"
#include "core/registry.hpp"

namespace mnsim::io {

// Scenario files are small hand-written texts; anything larger is a mistake (wrong file).
inline constexpr std::uintmax_t max_scenario_bytes = 1024 * 1024;

// Reads and checks a scenario file. Throws InputError (file, line, column, key, what was
// expected and a suggestion) for a missing, empty, binary, oversized or invalid file.
// Unset keys stay unset: call ParameterSet::complete after applying overrides.
ParameterSet read_scenario_file(const std::filesystem::path& file, const Registry& registry);

// The same from text already in memory; `file` is the name errors show.
ParameterSet read_scenario_text(std::string_view text, const std::string& file, const Registry& registry);

// Applies one "--set dotted.path=value" override with the same checks as the file. The value is
// read as a TOML value; a bare word is taken as a string (--set site.name=forehead). `origin`
// names the option in error messages (command shortcuts such as --age pass their own).
void apply_override(ParameterSet& parameters, const Registry& registry, std::string_view assignment,
                    const std::string& origin = "--set");

}  // namespace mnsim::io
