#pragma once
#include "core/registry.hpp"

namespace mnsim::device {

// [device] and [protocol]: the instrument and how it is used.
void declare_parameters(Registry& registry);

}  // namespace mnsim::device
