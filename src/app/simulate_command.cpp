#include "app/simulate_command.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "app/summary.hpp"
#include "io/run_directory.hpp"
#include "io/scenario_writer.hpp"
#include "io/skin_output.hpp"
#include "skin/parameters.hpp"

namespace mnsim::app {

SimulateCommand::SimulateCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand("simulate", "Run the simulation pipeline on a scenario and write a run directory");
  subcommand_->add_option("scenario", file_, "Scenario file (TOML)")->required();
  add_run_options(*subcommand_, options_);
}

int SimulateCommand::run(Session& session) {
  const auto& registry = session.registry();
  const auto parameters = load_parameters(registry, file_, {}, options_);

  std::filesystem::path out = options_.out_dir;
  if (out.empty()) out = parameters.text("output.dir");
  if (out.empty()) out = io::default_run_directory("runs", std::filesystem::path(file_).stem().string());
  io::RunDirectory run_dir(out, options_.force);

  // Pipeline stages available so far; each later stage adds its block to the summary.
  const auto model = session.atlas().typical(skin::query_from(parameters));
  auto summary = summary_header("simulate", file_, parameters);
  summary["stages"] = {"skin"};
  summary["skin"] = io::skin_json(model);

  run_dir.write("scenario.resolved.toml", io::resolved_scenario_toml(parameters, registry));
  if (parameters.boolean("output.csv")) run_dir.write("skin_layers.csv", io::skin_layers_csv(model));
  run_dir.write("summary.json", summary.dump(2) + "\n");
  run_dir.commit();

  if (options_.json) {
    fmt::print("{}\n", summary.dump(2));
    return 0;
  }
  fmt::print("{}", io::skin_text(model));
  fmt::print("Run directory: {}\n{}\n", run_dir.final_path().string(), medical_note);
  return 0;
}

}  // namespace mnsim::app
