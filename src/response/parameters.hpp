#pragma once
#include "core/registry.hpp"

namespace mnsim::response {

// [timeline]: what the person does in the days and weeks after each session.
void declare_parameters(Registry& registry);

}  // namespace mnsim::response
