#pragma once
// One `simulate` run computed in memory: the Injury, each product's exposure, the person's
// response and the summary.json built from them. `simulate` writes it out with its tables and
// figures; `sweep` runs it once per point and reads keys from the summary.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/pipeline.hpp"
#include "app/session.hpp"
#include "core/parameter_set.hpp"
#include "response/engine.hpp"
#include "transport/exposure.hpp"

namespace mnsim::app {

struct Simulation {
  SessionInjury injury;
  std::vector<transport::ProductExposure> exposure;
  response::ProcedureResponse response;
  nlohmann::json summary;  // header, stages, skin, device, injury, transport, response
};

// The transport options the scenario asks for: the resolved solver when run.fidelity is
// "resolved", and then, with output.fields, the field times (output.field_times_h or every
// output.field_interval_h, and the end of the experiment).
transport::ExposureOptions exposure_options_from(const ParameterSet& parameters);

Simulation run_simulation(const ParameterSet& parameters, Session& session, const std::string& command,
                          const std::string& scenario_file, const transport::ExposureOptions& exposure_options);

}  // namespace mnsim::app
