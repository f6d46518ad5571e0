#pragma once
#include <string>

#include "core/parameter_set.hpp"
#include "core/registry.hpp"

namespace mnsim::io {

// The resolved scenario as TOML: every value the run used, defaults included, in registry order.
// Reading it back gives the same ParameterSet.
std::string resolved_scenario_toml(const ParameterSet& parameters, const Registry& registry);

}  // namespace mnsim::io
