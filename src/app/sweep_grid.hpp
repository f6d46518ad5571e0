#pragma once
// The points of a parameter sweep: each `--vary KEY=VALUES` option is one axis, and the sweep
// runs every combination of their values. Values stay text, so each point is applied as the
// user would type `--set KEY=VALUE`, with the registry's own checks.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mnsim::app {

struct SweepAxis {
  std::string key;                  // scenario key or parameter (dotted path)
  std::vector<std::string> values;  // as they will be assigned
  bool numeric = false;             // every value reads as a number (the axis of a figure)
  bool log = false;                 // given as a log range (drawn on a log axis)
};

// Reads "KEY=V1,V2,..." (a list), "KEY=FROM:TO:N" (N evenly spaced values, both ends included)
// or "KEY=FROM:TO:N:log" (N values evenly spaced in the logarithm; FROM and TO > 0). Throws
// InputError naming the option when it is malformed.
SweepAxis parse_sweep_axis(const std::string& option);

// Every combination of the axes' values, the last axis varying fastest; point i holds one value
// per axis. Throws InputError when the axes repeat a key or give more than `max_points` points.
std::vector<std::vector<std::string>> sweep_points(const std::vector<SweepAxis>& axes, std::size_t max_points);

// The summary.json entry a dotted key names: "transport.products[0].enhancement_ratio" is
// /transport/products/0/enhancement_ratio, "response.collagen_change_pct.180.median" is
// /response/collagen_change_pct/180/median. Throws InputError on a malformed key.
nlohmann::json::json_pointer summary_pointer(const std::string& key);

}  // namespace mnsim::app
