#pragma once
// The simulation pipeline: skin -> device -> mechanics (Injury) -> response. Commands, validation
// tests and benchmarks all run it through here (transport runs beside the response, from the
// same Injury: src/transport/exposure.hpp).
#include "app/session.hpp"
#include "core/parameter_set.hpp"
#include "device/puncture_map.hpp"
#include "mechanics/injury.hpp"
#include "response/engine.hpp"
#include "skin/skin_model.hpp"

namespace mnsim::app {

struct SessionInjury {
  skin::SkinModel skin;
  device::DeviceSpec device;
  device::Protocol protocol;
  device::PunctureMap map;
  mechanics::Injury injury;
};

SessionInjury simulate_injury(const ParameterSet& parameters, Session& session);

// The person's response to the scenario's microneedling protocol, with response.samples sampled
// persons drawn from run.seed.
response::ProcedureResponse microneedling_response(const ParameterSet& parameters, const SessionInjury& session);

// The same person's response to a comparator procedure on the same skin. The sampled persons are
// the same as microneedling's (same seed and streams), so differences come from the procedures.
response::ProcedureResponse comparator_response(const ParameterSet& parameters, const skin::SkinModel& skin,
                                                const response::ProcedureSpec& procedure);

}  // namespace mnsim::app
