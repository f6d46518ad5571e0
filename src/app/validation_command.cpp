#include "app/validation_command.hpp"

#include <fmt/format.h>

#include "app/output_directory.hpp"
#include "app/progress.hpp"
#include "app/summary.hpp"
#include "app/validation_output.hpp"
#include "app/validation_rows.hpp"
#include "app/validation_runner.hpp"
#include "io/plots.hpp"
#include "io/run_directory.hpp"

namespace mnsim::app {

namespace {

// Where the figures and their tables go inside the run directory; validation.md links them there,
// so that docs/validation.md with docs/validation/ is the same page.
constexpr const char* figure_dir = "validation";

}  // namespace

ValidationCommand::ValidationCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand(
      "validation",
      "Run every published comparison of data/validation/ (rows and virtual trials): table, score per module, "
      "figures, validation.md");
  subcommand_->add_option("--module", module_, "Only this module")
      ->check(CLI::IsMember(validation_modules))
      ->type_name("MODULE");
  subcommand_->add_option("--role", role_, "Only calibration rows, only validation rows, or all")
      ->check(CLI::IsMember({"calibration", "validation", "all"}))
      ->capture_default_str();
  add_run_options(*subcommand_, options_);
}

int ValidationCommand::run(Session& session) {
  const auto data = read_validation_data(session.data_dir() / "validation");
  const auto defaults = load_parameters(session.registry(), "", {}, options_);  // checks --seed and --set

  ValidationOptions options;
  options.module = module_;
  if (role_ != "all") options.role = role_ == "calibration" ? Role::calibration : Role::validation;
  if (options_.seed) options.seed = static_cast<std::uint64_t>(defaults.integer("run.seed"));
  options.set = options_.overrides;

  auto run_dir = open_run_directory(options_, defaults, "validation", "");
  ProgressBar progress("validation", validation_run_count(data, options));
  options.on_run_done = [&] { progress.advance(); };
  const auto report = run_validation(data, session, options);
  progress.finish();

  run_dir.write("validation.csv", validation_csv(report));
  std::vector<io::ValidationFigureData> figures;
  for (const auto& module : validation_modules) {
    const auto points = validation_points(report, module);
    if (points.csv.empty()) continue;
    const auto csv = fmt::format("points_{}.csv", module);
    run_dir.write(fmt::format("{}/{}", figure_dir, csv), points.csv);
    figures.push_back({.module = module,
                       .points_csv = csv,
                       .unit_note = points.log_axes ? "log axes, each row in its own unit" : "each row in its own unit",
                       .log_axes = points.log_axes,
                       .low = points.low,
                       .high = points.high});
  }
  std::string note;
  const auto drawn = defaults.boolean("output.plots")
                         ? io::draw_validation_plots(run_dir.staging_path() / figure_dir, figures, note)
                         : std::vector<std::string>{};
  if (!note.empty()) fmt::print(stderr, "mnsim: note: {}\n", note);
  run_dir.write("validation.md", validation_markdown(report, drawn, figure_dir, "mnsim validation"));

  auto summary = summary_header("validation", "", defaults, session);
  summary["validation"] = validation_json(report);
  summary["figures"] = nlohmann::json::array();
  for (const auto& figure : drawn) summary["figures"].push_back(fmt::format("{}/{}", figure_dir, figure));
  if (publish_run(run_dir, summary, options_.json)) return 0;
  fmt::print("{}Run directory: {}\n{}\n", validation_text(report), run_dir.final_path().string(), medical_note);
  return 0;
}

}  // namespace mnsim::app
