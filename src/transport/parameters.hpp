#pragma once
#include "core/registry.hpp"

namespace mnsim::transport {

// [[product]] and [experiment]: what is applied to the skin and under which conditions.
void declare_parameters(Registry& registry);

}  // namespace mnsim::transport
