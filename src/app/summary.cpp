#include "app/summary.hpp"

#include <fmt/format.h>

#include "app/provenance.hpp"
#include "core/version.hpp"

namespace mnsim::app {

nlohmann::json summary_header(const std::string& command, const std::string& scenario_file,
                              const ParameterSet& parameters, Session& session) {
  const auto seed = parameters.integer("run.seed");
  return {{"mnsim_version", version_string},
          {"command", command},
          {"scenario_file", scenario_file},
          {"seed", seed},
          {"note", medical_note},
          {"provenance", provenance_json(session.data_dir(), session.data_checksums(), seed)}};
}

bool publish_run(io::RunDirectory& run_dir, const nlohmann::json& summary, bool json) {
  run_dir.write("summary.json", summary.dump(2) + "\n");
  run_dir.commit();
  if (json) fmt::print("{}\n", summary.dump(2));
  return json;
}

}  // namespace mnsim::app
