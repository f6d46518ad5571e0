#pragma once
// A scenario or parameter value: the handful of types a scenario key can hold.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace mnsim {

using StringList = std::vector<std::string>;
using NumberList = std::vector<double>;
using Value = std::variant<double, std::int64_t, bool, std::string, StringList, NumberList>;

// Human-readable rendering, TOML-like: 1.5, 3, true, "cheek", ["a", "b"], [0.5, 2].
std::string to_display(const Value& value);

}  // namespace mnsim
