#include "app/summary.hpp"

#include "core/version.hpp"

namespace mnsim::app {

nlohmann::json summary_header(const std::string& command, const std::string& scenario_file,
                              const ParameterSet& parameters) {
  return {{"mnsim_version", version_string},
          {"command", command},
          {"scenario_file", scenario_file},
          {"seed", parameters.integer("run.seed")},
          {"note", medical_note}};
}

}  // namespace mnsim::app
