#pragma once
// What made an output: the mnsim version and git commit, the version of the output's own layout
// (schemas/), the seed, and a SHA-256 of every data table in the data directory, so that a result
// can be traced to the exact code and data and reproduced.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace mnsim::app {

// Version of the layout of summary.json and plan.json (schemas/*.schema.json). Raised when a key
// is removed or changes meaning; adding a key keeps it.
inline constexpr const char* output_schema_version = "1.0";

// {"relative/path.csv": "sha256 hex", ...} for every .csv and .toml file under data_dir, in path
// order.
nlohmann::json data_checksums(const std::filesystem::path& data_dir);

// The "provenance" object of summary.json and plan.json. Results never depend on the thread
// count (a project rule, checked by tests), so results_independent_of_threads is always true.
nlohmann::json provenance_json(const std::filesystem::path& data_dir, const nlohmann::json& checksums,
                               std::int64_t seed);

}  // namespace mnsim::app
