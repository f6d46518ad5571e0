#include "app/treatment_endpoint.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/error.hpp"

namespace mnsim::app {

namespace {

using device::max_passes;

int checked_passes(const ParameterSet& parameters, double passes, const std::string& what) {
  const auto& origin = parameters.entry("protocol.endpoint").origin;
  if (!std::isfinite(passes) || passes > max_passes)
    throw InputError(origin, "protocol.endpoint", fmt::format("{} would take more than {} passes", what, max_passes),
                     "use longer needles or more pressure, or set protocol.passes instead");
  return std::max(1, static_cast<int>(std::lround(passes)));
}

}  // namespace

int passes_for_endpoint(const ParameterSet& parameters, const device::DeviceSpec& device,
                        const device::Protocol& protocol, const skin::SkinModel& skin,
                        const mechanics::Insertion& nominal, const mechanics::InjuryParameters& injury_parameters,
                        std::uint64_t seed) {
  const auto& endpoint = parameters.text("protocol.endpoint");
  if (endpoint == "passes") return protocol.passes;
  auto one_pass = protocol;
  one_pass.passes = 1;
  const auto map = device::generate_puncture_map(device, one_pass, seed);
  if (endpoint == "treatment_time") {
    const double seconds = parameters.real("protocol.treatment_time_s_per_cm2") * protocol.area_cm2;
    return checked_passes(parameters, seconds / map.duration_s,
                          fmt::format("{:g} s per cm2 at this glide speed", seconds / protocol.area_cm2));
  }
  // pinpoint_bleeding
  const auto injury = mechanics::compute_injury(map, device, skin, nominal, injury_parameters, protocol.area_cm2, seed);
  const double points_per_pass = injury.summary.bleeding_fraction * injury.summary.punctures_per_cm2;
  const double threshold = parameters.real("hazards.visible_bleeding_points_per_cm2");
  if (points_per_pass <= 0.0)
    throw InputError(parameters.entry("protocol.endpoint").origin, "protocol.endpoint",
                     fmt::format("pinpoint bleeding is never reached: the needles reach {:.0f} um, above the "
                                 "capillary loops at {:.0f} um",
                                 injury.summary.depth_um.p90, skin.vascular().capillary_loop_apex_depth_um),
                     "use longer needles, or set protocol.passes instead");
  return checked_passes(parameters, std::ceil(threshold / points_per_pass), "pinpoint bleeding");
}

}  // namespace mnsim::app
