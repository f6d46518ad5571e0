#pragma once
// Cells of the catalog listings (mnsim devices, mnsim compounds): a value that may be unknown.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mnsim::app {

// In a text table: the value, or a dash when unknown.
inline std::string shown(const std::optional<double>& value) { return value ? fmt::format("{:g}", *value) : "-"; }

// In JSON: the value, or null when unknown.
inline nlohmann::json as_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace mnsim::app
