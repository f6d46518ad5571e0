#pragma once
// What a command checks before it starts working, in one place, so that `mnsim validate` refuses
// exactly what a run would refuse before its first step, and in milliseconds: a run of a large
// area spends minutes on the punctures before it reaches its products.
#include <chrono>

#include "app/session.hpp"
#include "core/parameter_set.hpp"

namespace mnsim::app {

// Everything `simulate` (and each point of `sweep`) checks before work: the skin of the site, the
// device (catalog model, type, depth setting, geometry), the protocol, and each product (compound,
// dose, timing, film, target layer) with the transport settings. Throws InputError naming the key.
// What depends on the simulated punctures (the resolved domain's size and memory, the channels
// in a patch) is checked by the run itself, once it has them, before the transport starts.
void check_run_inputs(const ParameterSet& parameters, Session& session);

// What `plan` checks before work: the first session's start (planner.first_session, as of
// `now`), the patient's areas (each named once) and each product's compound. Returns the start.
std::chrono::sys_seconds check_plan_inputs(const ParameterSet& parameters, Session& session,
                                           std::chrono::sys_seconds now);

}  // namespace mnsim::app
