#pragma once
#include "core/registry.hpp"

namespace mnsim::transport {

// [[product]] and [experiment]: what is applied to the skin and under which conditions.
void declare_parameters(Registry& registry);

// Default of transport.max_step_s: a cap that a run lowers to a tenth of the experiment without a
// word, whether left unset or written back by a resolved scenario.
inline constexpr double default_max_step_s = 3600.0;

}  // namespace mnsim::transport
