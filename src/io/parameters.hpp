#pragma once
#include "core/registry.hpp"

namespace mnsim::io {

// [output]: where and what a run writes.
void declare_parameters(Registry& registry);

}  // namespace mnsim::io
