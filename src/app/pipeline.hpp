#pragma once
// The simulation pipeline as far as it exists: skin -> device -> mechanics (Injury). Commands,
// validation tests and benchmarks all run it through here.
#include "app/session.hpp"
#include "core/parameter_set.hpp"
#include "device/puncture_map.hpp"
#include "mechanics/injury.hpp"
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

}  // namespace mnsim::app
