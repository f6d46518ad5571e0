#include "app/simulate_command.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "app/output_directory.hpp"
#include "app/preflight.hpp"
#include "app/progress.hpp"
#include "app/simulation.hpp"
#include "app/summary.hpp"
#include "io/injury_output.hpp"
#include "io/plots.hpp"
#include "io/response_output.hpp"
#include "io/run_directory.hpp"
#include "io/skin_output.hpp"
#include "io/transport_output.hpp"
#include "transport/plasma.hpp"

namespace mnsim::app {

SimulateCommand::SimulateCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand("simulate", "Run the simulation pipeline on a scenario and write a run directory");
  subcommand_->add_option("scenario", file_, "Scenario file (TOML)")->required();
  add_run_options(*subcommand_, options_);
  add_samples_option(*subcommand_, options_);
}

int SimulateCommand::run(Session& session) {
  const auto& registry = session.registry();
  const auto parameters = load_parameters(registry, file_, {}, options_);
  check_run_inputs(parameters, session);

  auto run_dir = open_run_directory(options_, parameters, file_, "");

  // Stages of a run, for the progress bar shown on a terminal: injury, response, tables, figures,
  // fields.
  ProgressBar progress("simulate", 5);
  auto run = run_simulation(parameters, session, "simulate", file_, exposure_options_from(parameters));
  progress.advance();
  const auto& [model, device, protocol, map, injury] = run.injury;
  const auto& exposure = run.exposure;
  const auto& response = run.response;
  auto& summary = run.summary;

  run_dir.write("scenario.resolved.toml", resolved_scenario(parameters, session));
  const auto limit = static_cast<std::size_t>(parameters.integer("output.max_punctures_written"));
  const std::size_t stride = map.size() > limit ? (map.size() + limit - 1) / limit : 1;
  summary["injury"]["punctures_written"] = (map.size() + stride - 1) / stride;
  if (parameters.boolean("output.csv")) {
    run_dir.write("skin_layers.csv", io::skin_layers_csv(model));
    run_dir.write("punctures.csv", io::punctures_csv(map, injury, stride));
    for (std::size_t i = 0; i < exposure.size(); ++i) {
      run_dir.write(io::transport_series_file(exposure[i], i), io::transport_series_csv(exposure[i]));
      run_dir.write(io::transport_depth_file(exposure[i], i), io::transport_depth_csv(exposure[i]));
      run_dir.write(io::transport_layers_file(exposure[i], i), io::transport_layers_csv(exposure[i]));
      if (exposure[i].plasma)
        run_dir.write(io::transport_plasma_file(exposure[i], i), io::transport_plasma_csv(exposure[i]));
    }
    run_dir.write("response_course.csv", io::course_series_csv(response));
    progress.advance();
    if (parameters.boolean("output.plots")) {
      std::string note;
      summary["figures"] = io::draw_injury_plots(run_dir.staging_path(), io::injury_figure_data(map, injury), note);
      for (auto& figure : io::draw_response_plots(run_dir.staging_path(), "response_course.csv", note))
        summary["figures"].push_back(std::move(figure));
      for (std::size_t i = 0; i < exposure.size(); ++i) {
        const auto& e = exposure[i];
        const io::TransportFigureData data{.series_csv = io::transport_series_file(e, i),
                                           .plasma_csv = e.plasma ? io::transport_plasma_file(e, i) : std::string(),
                                           .label = fmt::format("{} ({})", e.name, e.compound),
                                           .destination = e.destination,
                                           .toxic_ng_per_ml = e.plasma ? e.plasma->toxic_ng_per_ml : std::nullopt};
        for (auto& figure : io::draw_transport_plots(run_dir.staging_path(), data, note))
          summary["figures"].push_back(std::move(figure));
      }
      if (!note.empty()) fmt::print(stderr, "mnsim: note: {}\n", note);
    }
    progress.advance();
  }
  if (parameters.boolean("output.fields")) {
    run_dir.write("punctures.vtk", io::punctures_vtk(map, injury, stride));
    for (std::size_t i = 0; i < exposure.size(); ++i) {
      const auto file = io::write_transport_fields(run_dir.staging_path(), exposure[i], i);
      if (!file.empty()) summary["transport"]["products"][i]["fields_file"] = file;
    }
  }
  progress.advance();
  progress.finish();
  if (publish_run(run_dir, summary, options_.json)) return 0;
  fmt::print("{}\n{}{}{}", io::skin_text(model), io::injury_text(device, injury),
             io::transport_text(exposure, transport::plasma_by_compound(exposure)), io::response_text(response));
  fmt::print("Run directory: {}\n{}\n", run_dir.final_path().string(), medical_note);
  return 0;
}

}  // namespace mnsim::app
