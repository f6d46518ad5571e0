#pragma once
#include "core/registry.hpp"

namespace mnsim {

// [run]: how a simulation runs (seed, fidelity); nothing biological.
void declare_run_parameters(Registry& registry);

}  // namespace mnsim
