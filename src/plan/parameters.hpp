#pragma once
#include "core/registry.hpp"

namespace mnsim::plan {

// Medical history and skin state that screening reads ([patient] conditions).
void declare_parameters(Registry& registry);

}  // namespace mnsim::plan
