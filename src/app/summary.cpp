#include "app/summary.hpp"

#include <fmt/format.h>

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

bool publish_run(io::RunDirectory& run_dir, const nlohmann::json& summary, bool json) {
  run_dir.write("summary.json", summary.dump(2) + "\n");
  run_dir.commit();
  if (json) fmt::print("{}\n", summary.dump(2));
  return json;
}

}  // namespace mnsim::app
