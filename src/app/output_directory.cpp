#include "app/output_directory.hpp"

#include <filesystem>

namespace mnsim::app {

io::RunDirectory open_run_directory(const RunOptions& options, const ParameterSet& parameters,
                                    const std::string& scenario_file, std::string_view suffix) {
  std::filesystem::path out = options.out_dir;
  io::RunDirectoryOrigin origin;
  if (out.empty() && !parameters.text("output.dir").empty()) {
    out = parameters.text("output.dir");
    origin = {.key = "output.dir", .where = parameters.entry("output.dir").origin};
  }
  if (out.empty()) {
    out = io::default_run_directory("runs", std::filesystem::path(scenario_file).stem().string() + std::string(suffix));
  }
  return io::RunDirectory(out, options.force, origin);
}

}  // namespace mnsim::app
