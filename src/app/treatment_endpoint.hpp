#pragma once
// Treatment endpoints as clinicians set them (a time spent per area with a pen, passing a roller
// until pinpoint bleeding), converted into the number of passes the puncture map lays down.
#include <cstdint>

#include "core/parameter_set.hpp"
#include "device/device_spec.hpp"
#include "device/puncture_map.hpp"
#include "mechanics/injury.hpp"
#include "skin/skin_model.hpp"

namespace mnsim::app {

// Passes for protocol.endpoint: protocol.passes itself for "passes"; for "treatment_time" the
// time spent on the area over the time one pass takes; for "pinpoint_bleeding" the passes until
// the bleeding points per cm2 reach hazards.visible_bleeding_points_per_cm2, one pass's bleeding
// points computed on the skin and the others adding alike (each puncture strikes loops alone).
// Throws InputError, naming protocol.endpoint, when the endpoint needs more passes than
// protocol.passes allows or cannot be reached at all (needles that stay above the loops).
int passes_for_endpoint(const ParameterSet& parameters, const device::DeviceSpec& device,
                        const device::Protocol& protocol, const skin::SkinModel& skin,
                        const mechanics::Insertion& nominal, const mechanics::InjuryParameters& injury_parameters,
                        std::uint64_t seed);

}  // namespace mnsim::app
