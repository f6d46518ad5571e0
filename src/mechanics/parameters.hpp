#pragma once
#include "core/registry.hpp"

namespace mnsim::mechanics {

// [mechanics]: the insertion model's parameters, each with what it was fitted to.
void declare_parameters(Registry& registry);

}  // namespace mnsim::mechanics
