#pragma once
// Checks of command-line values that are not scenario keys (--max-points, --sample, --grid, ...).
// CLI11 converts "1e20" or a number beyond 64 bits by saturating it, and reports a bad one as
// "not in range 0.000000 to 1.79e308"; these run on the text before any conversion.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace mnsim::app {

// A whole number from `min` to `max`, written in decimal digits: refuses "abc", "4.0", "1e20" and
// anything outside the range with "expected a whole number from MIN to MAX, got TEXT".
CLI::Validator whole_number(std::int64_t min, std::int64_t max);

// Splits a comma-separated list (--with a,b,c); an empty item (",,", a comma at either end) is bad
// input naming the option, rather than dropped.
std::vector<std::string> comma_list(const std::vector<std::string>& values, const std::string& option);

}  // namespace mnsim::app
