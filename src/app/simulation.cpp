#include "app/simulation.hpp"

#include "app/summary.hpp"
#include "io/injury_output.hpp"
#include "io/response_output.hpp"
#include "io/skin_output.hpp"
#include "io/transport_output.hpp"
#include "response/parameters.hpp"
#include "response/wound_closure.hpp"
#include "transport/plasma.hpp"

namespace mnsim::app {

transport::ExposureOptions exposure_options_from(const ParameterSet& parameters) {
  transport::ExposureOptions options{.resolved = parameters.text("run.fidelity") == "resolved"};
  if (!options.resolved || !parameters.boolean("output.fields")) return options;
  const double duration_h = parameters.real("experiment.duration_h");
  const auto& requested = parameters.numbers("output.field_times_h");
  const double every_h = parameters.real("output.field_interval_h");
  if (!requested.empty()) {
    for (const double h : requested)
      if (h > 0.0 && h < duration_h) options.field_times_h.push_back(h);
  } else {
    for (int k = 1; every_h > 0.0 && k * every_h < duration_h; ++k) options.field_times_h.push_back(k * every_h);
  }
  options.field_times_h.push_back(duration_h);
  return options;
}

Simulation run_simulation(const ParameterSet& parameters, Session& session, const std::string& command,
                          const std::string& scenario_file, const transport::ExposureOptions& exposure_options) {
  auto injury = simulate_injury(parameters, session);
  auto summary = summary_header(command, scenario_file, parameters, session);
  summary["stages"] = {"skin", "device", "mechanics"};
  summary["skin"] = io::skin_json(injury.skin);
  summary["device"] = io::device_json(injury.device, injury.protocol);
  summary["injury"] = io::injury_json(injury.injury);
  auto exposure = transport::compute_exposure(parameters, session.compounds(), injury.skin, injury.map, injury.injury,
                                              exposure_options);
  if (!exposure.empty()) {
    summary["stages"].push_back("transport");
    summary["transport"] = io::transport_json(exposure, transport::plasma_by_compound(exposure));
  }
  auto response = microneedling_response(parameters, injury);
  summary["stages"].push_back("response");
  summary["response"] = io::response_json(response);
  if (parameters.text("run.fidelity") == "resolved") {
    // The reduced closure law beside the resolved per-wound model on this session's wounds.
    summary["response"]["resolved_closure"] = io::closure_check_json(
        response::check_closure_law(response.treatment.load, response::course_parameters_from(parameters),
                                    response::wound_closure_parameters_from(parameters)));
  }
  return {std::move(injury), std::move(exposure), std::move(response), std::move(summary)};
}

}  // namespace mnsim::app
