#include "app/preflight.hpp"

#include "device/device_spec.hpp"
#include "device/puncture_map.hpp"
#include "io/ics_writer.hpp"
#include "plan/patient.hpp"
#include "skin/parameters.hpp"
#include "transport/compound.hpp"
#include "transport/exposure.hpp"

namespace mnsim::app {

void check_run_inputs(const ParameterSet& parameters, Session& session) {
  const auto skin = session.atlas().typical(skin::query_from(parameters));
  const auto device = device::resolve_device(parameters, session.catalog());
  (void)device::protocol_from(parameters);
  device::check_protocol_for(parameters, device);
  transport::check_exposure_inputs(parameters, session.compounds(), skin,
                                   parameters.text("run.fidelity") == "resolved");
}

std::chrono::sys_seconds check_plan_inputs(const ParameterSet& parameters, Session& session,
                                           std::chrono::sys_seconds now) {
  const auto first_session =
      io::parse_session_start(parameters.text("planner.first_session"), now,
                              parameters.entry("planner.first_session").origin, "planner.first_session");
  (void)plan::read_patient(parameters);
  for (std::size_t i = 0; i < parameters.array_size("product"); ++i)
    (void)transport::compound_for_product(parameters, i, session.compounds());
  return first_session;
}

}  // namespace mnsim::app
