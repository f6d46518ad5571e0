#include "app/pipeline.hpp"

#include "app/treatment_endpoint.hpp"
#include "response/parameters.hpp"
#include "skin/parameters.hpp"

namespace mnsim::app {

SessionInjury simulate_injury(const ParameterSet& parameters, Session& session) {
  const auto seed = static_cast<std::uint64_t>(parameters.integer("run.seed"));
  auto skin = session.atlas().typical(skin::query_from(parameters));
  auto device = device::resolve_device(parameters, session.catalog());
  auto protocol = device::protocol_from(parameters);
  device::check_protocol_for(parameters, device);
  const auto injury_parameters = mechanics::injury_parameters_from(parameters);
  const mechanics::InsertionLoad load{
      mechanics::needle_speed_mm_per_s(device, protocol.glide_speed_mm_per_s, protocol.application_speed_mm_per_s),
      protocol.application_force_N, protocol.pressed_home, protocol.hold_s, protocol.applicator_mass_g};
  const auto nominal = mechanics::insert(device, skin, load, injury_parameters.insertion);
  protocol.passes = passes_for_endpoint(parameters, device, protocol, skin, nominal, injury_parameters, seed);
  auto map = device::generate_puncture_map(device, protocol, seed);
  auto injury = mechanics::compute_injury(map, device, skin, nominal, injury_parameters, protocol.area_cm2, seed);
  return {std::move(skin), std::move(device), protocol, std::move(map), std::move(injury)};
}

namespace {
std::uint64_t seed_of(const ParameterSet& parameters) {
  return static_cast<std::uint64_t>(parameters.integer("run.seed"));
}
}  // namespace

response::ProcedureResponse microneedling_response(const ParameterSet& parameters, const SessionInjury& session) {
  return response::respond(response::microneedling_treatment(session.injury, session.skin, parameters), parameters,
                           response::samples_from(parameters), seed_of(parameters));
}

response::ProcedureResponse comparator_response(const ParameterSet& parameters, const skin::SkinModel& skin,
                                                const response::ProcedureSpec& procedure) {
  return response::respond(response::comparator_treatment(procedure, skin, parameters), parameters,
                           response::samples_from(parameters), seed_of(parameters));
}

}  // namespace mnsim::app
