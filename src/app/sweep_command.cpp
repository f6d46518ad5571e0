#include "app/sweep_command.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "app/cli_values.hpp"
#include "app/output_directory.hpp"
#include "app/preflight.hpp"
#include "app/progress.hpp"
#include "app/simulation.hpp"
#include "app/summary.hpp"
#include "app/sweep_grid.hpp"
#include "core/error.hpp"
#include "io/plots.hpp"
#include "io/run_directory.hpp"
#include "io/sweep_output.hpp"

namespace mnsim::app {

namespace {

// What a sweep reads when no --key is given: depth and channels, each product's uptake and window,
// the response's downtime, collagen at 6 months and hazards; those the first point's summary has.
std::vector<std::string> default_keys(const nlohmann::json& summary) {
  std::vector<std::string> keys{"injury.depth_um.mean", "injury.channel_depth_um.mean", "injury.bleeding_fraction"};
  if (summary.contains("transport")) {
    for (std::size_t i = 0; i < summary["transport"]["products"].size(); ++i) {
      for (const char* entry : {"enhancement_ratio", "cumulative_ug_per_cm2", "window_h"})
        keys.push_back(fmt::format("transport.products[{}].{}", i, entry));
    }
  }
  for (const char* entry : {"response.downtime_d.median", "response.collagen_change_pct.180.median",
                            "response.scar_probability.median", "response.pih_probability.median"})
    keys.emplace_back(entry);
  std::erase_if(keys, [&](const std::string& key) { return !summary.contains(summary_pointer(key)); });
  return keys;
}

std::string point_label(const std::vector<SweepAxis>& axes, const std::vector<std::string>& values) {
  std::string label;
  for (std::size_t a = 0; a < axes.size(); ++a) label += fmt::format("{}{}={}", a ? ", " : "", axes[a].key, values[a]);
  return label;
}

}  // namespace

SweepCommand::SweepCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand(
      "sweep", "Run a scenario over a grid of parameter values and tabulate chosen results (sweep.csv, figure)");
  subcommand_->add_option("scenario", file_, "Scenario file (TOML)")->required();
  subcommand_
      ->add_option("--vary", vary_,
                   "A key and its values: KEY=V1,V2,... or KEY=FROM:TO:N or KEY=FROM:TO:N:log (repeatable; "
                   "every combination runs)")
      ->type_name("KEY=VALUES")
      ->required()
      ->allow_extra_args(false);
  subcommand_
      ->add_option("--key", keys_,
                   "A summary.json entry to tabulate, as a dotted path: transport.products[0].window_h "
                   "(repeatable; default: depth, each product's uptake and window, downtime, collagen, hazards)")
      ->type_name("PATH")
      ->allow_extra_args(false);
  subcommand_->add_option("--max-points", max_points_, "Refuse sweeps with more points than this")
      ->capture_default_str()
      ->check(whole_number(1, max_sweep_points));
  add_run_options(*subcommand_, options_);
  add_samples_option(*subcommand_, options_);
}

int SweepCommand::run(Session& session) {
  const auto& registry = session.registry();
  std::vector<SweepAxis> axes;
  for (const auto& option : vary_) axes.push_back(parse_sweep_axis(option));
  const auto points = sweep_points(axes, max_points_);
  for (const auto& key : keys_) (void)summary_pointer(key);  // malformed keys fail before any work
  for (const auto& assignment : options_.overrides) {
    for (const auto& axis : axes) {
      if (assignment.substr(0, assignment.find('=')) == axis.key) {
        throw InputError({"--set", 0, 0}, axis.key, "both set and varied",
                         "drop the --set, or include its value in the --vary list");
      }
    }
  }
  // Every point's scenario is read and checked before the first one runs.
  std::vector<ParameterSet> scenarios;
  for (const auto& values : points) {
    std::vector<std::pair<std::string, std::string>> assignments;
    for (std::size_t a = 0; a < axes.size(); ++a) assignments.emplace_back(axes[a].key + "=" + values[a], "--vary");
    scenarios.push_back(load_parameters(registry, file_, assignments, options_));
    try {
      check_run_inputs(scenarios.back(), session);
    } catch (const InputError&) {
      fmt::print(stderr, "mnsim: at sweep point {} ({}):\n", scenarios.size() - 1, point_label(axes, values));
      throw;
    }
  }

  auto run_dir = open_run_directory(options_, scenarios.front(), file_, "-sweep");

  io::SweepTable table;
  for (const auto& axis : axes) table.varied.push_back(axis.key);
  table.keys = keys_;
  std::vector<nlohmann::json::json_pointer> pointers;
  const int digits = static_cast<int>(std::to_string(points.size() - 1).size());
  ProgressBar progress("sweep", points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto simulation = [&] {
      try {
        // Points run one after another; each uses the threads itself (transport samples, persons).
        // No fields: a sweep writes none.
        return run_simulation(scenarios[i], session, "sweep", file_,
                              {.resolved = scenarios[i].text("run.fidelity") == "resolved"});
      } catch (const std::exception&) {
        fmt::print(stderr, "mnsim: at sweep point {} ({}):\n", i, point_label(axes, points[i]));
        throw;
      }
    }();
    if (i == 0) {
      if (table.keys.empty()) table.keys = default_keys(simulation.summary);
      for (const auto& key : table.keys) {
        pointers.push_back(summary_pointer(key));
        if (!simulation.summary.contains(pointers.back())) {
          throw InputError({"--key", 0, 0}, key, "not in this scenario's summary.json",
                           "see docs/outputs.md, or the summary.json of `mnsim simulate` on the scenario");
        }
      }
    }
    const auto dir = fmt::format("points/{:0{}}", i, digits);
    run_dir.write(dir + "/scenario.resolved.toml", resolved_scenario(scenarios[i], session));
    run_dir.write(dir + "/summary.json", simulation.summary.dump(2) + "\n");
    std::vector<nlohmann::json> results;
    for (const auto& pointer : pointers)
      results.push_back(simulation.summary.contains(pointer) ? simulation.summary.at(pointer) : nlohmann::json());
    table.values.push_back(points[i]);
    table.results.push_back(std::move(results));
    table.point_dirs.push_back(dir);
    progress.advance();
  }

  auto summary = summary_header("sweep", file_, scenarios.front(), session);
  summary["sweep"] = io::sweep_json(table);
  run_dir.write("sweep.csv", io::sweep_csv(table));
  if (axes.size() == 1 && axes.front().numeric && scenarios.front().boolean("output.plots")) {
    io::SweepFigureData figure{.sweep_csv = "sweep.csv", .x_label = axes.front().key, .log_x = axes.front().log};
    for (std::size_t k = 0; k < table.keys.size(); ++k) {
      bool numeric = true;
      for (const auto& row : table.results) numeric = numeric && (row[k].is_number() || row[k].is_null());
      if (numeric) figure.panels.emplace_back(static_cast<int>(k) + 3, table.keys[k]);
    }
    std::string note;
    summary["figures"] = io::draw_sweep_plot(run_dir.staging_path(), figure, note);
    if (!note.empty()) fmt::print(stderr, "mnsim: note: {}\n", note);
  }
  progress.finish();
  if (publish_run(run_dir, summary, options_.json)) return 0;
  fmt::print("Sweep of {} over {} point(s), seed {} at every point:\n{}", file_, points.size(),
             scenarios.front().integer("run.seed"), io::sweep_text(table));
  fmt::print("Run directory: {}\n{}\n", run_dir.final_path().string(), medical_note);
  return 0;
}

}  // namespace mnsim::app
