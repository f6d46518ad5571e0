#include "app/fit_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "app/fit_problem.hpp"
#include "app/fit_report.hpp"
#include "app/output_directory.hpp"
#include "app/pipeline.hpp"
#include "app/progress.hpp"
#include "app/summary.hpp"
#include "core/error.hpp"
#include "io/measured_series.hpp"
#include "io/plots.hpp"
#include "io/run_directory.hpp"
#include "io/scenario_reader.hpp"
#include "io/transport_output.hpp"
#include "transport/exposure.hpp"
#include "transport/plasma.hpp"

namespace mnsim::app {

namespace {

constexpr const char* kp_suffix = ".intact_kp_cm_per_h";

ParameterSet with_values(ParameterSet parameters, const std::vector<FitParameter>& fitted,
                         const std::vector<double>& values) {
  for (std::size_t j = 0; j < fitted.size(); ++j) parameters.set(fitted[j].key, values[j], {"--fit", 0, 0});
  return parameters;
}

transport::ProductExposure product_run(const ParameterSet& parameters, Session& session, std::size_t product) {
  const auto injury = simulate_injury(parameters, session);
  const transport::ExposureOptions options{.resolved = parameters.text("run.fidelity") == "resolved"};
  auto exposure =
      transport::compute_exposure(parameters, session.compounds(), injury.skin, injury.map, injury.injury, options);
  return std::move(exposure.at(product));
}

// The series at the measured times (none may lie after the experiment).
std::vector<std::vector<double>> at_measured_times(const transport::ProductExposure& product,
                                                   const io::MeasuredSeries& data) {
  const auto& time = product.series.time_h;
  std::vector<std::vector<double>> out;
  for (const auto& m : data.quantities) {
    const auto series = io::transport_series_values(product, m.name);
    std::vector<double> values;
    for (const double t : m.time_h) {
      if (t > time.back()) {
        throw InputError({data.file, 0, 0}, m.name,
                         fmt::format("a measurement at {} h, after the experiment's end ({} h)", t, time.back()),
                         "set experiment.duration_h to the last measured time or later");
      }
      values.push_back(series_value_at(time, series, t));
    }
    out.push_back(std::move(values));
  }
  return out;
}

}  // namespace

FitCommand::FitCommand(CLI::App& app) {
  subcommand_ =
      app.add_subcommand("fit", "Fit model parameters to one's own measurements of a product (Franz cell or in vivo)");
  subcommand_->add_option("scenario", file_, "Scenario file (TOML) of the experiment")->required();
  subcommand_
      ->add_option("--data", data_,
                   "CSV of measurements: time_h and columns named as the product's transport table "
                   "(cumulative_ug_per_cm2, intact_cumulative_ug_per_cm2, ...; optional <name>_sd)")
      ->type_name("FILE.csv")
      ->required();
  subcommand_
      ->add_option("--fit", fit_,
                   "A real parameter to fit, starting from the scenario's value or START "
                   "(repeatable): product[0].intact_kp_cm_per_h, transport.closure_excised_residual, ...")
      ->type_name("KEY[=START]")
      ->required()
      ->allow_extra_args(false);
  subcommand_->add_option("--product", product_, "Index of the product the measurements are of")->capture_default_str();
  subcommand_->add_option("--max-runs", max_runs_, "Most model runs the minimizer may make")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  add_run_options(*subcommand_, options_);
}

int FitCommand::run(Session& session) {
  const auto& registry = session.registry();
  auto parameters = load_parameters(registry, file_, {}, options_);
  const auto data = io::read_measured_series(data_);
  if (product_ >= parameters.array_size("product")) {
    throw InputError({"--product", 0, 0}, "",
                     fmt::format("the scenario has {} product(s)", parameters.array_size("product")),
                     "products are counted from 0 in the order of the [[product]] tables");
  }

  // The parameters: a real registry key each, once, with a start inside its range.
  std::vector<FitParameter> fitted;
  std::set<std::string> seen;
  bool needs_predicted_kp = false;
  for (const auto& option : fit_) {
    const auto equals = option.find('=');
    const std::string key = option.substr(0, equals);
    ParameterSet scratch = parameters;
    // The same checks and messages as --set: a start gets its type and range checked, an unknown
    // key (tried with any value) a suggestion.
    if (equals != std::string::npos || registry.find(key) == nullptr) {
      io::apply_override(scratch, registry, equals == std::string::npos ? key + "=0" : option, "--fit");
    }
    const auto* spec = registry.find(key);
    if (spec->type != ParamType::real) {
      throw InputError({"--fit", 0, 0}, key,
                       fmt::format("only a number can be fitted; this is {}", describe_type(spec->type)),
                       "vary it with mnsim sweep instead");
    }
    if (!seen.insert(key).second) throw InputError({"--fit", 0, 0}, key, "fitted twice", "give each key once");
    FitParameter p{.key = key, .start = 0.0, .low = spec->min, .high = spec->max, .log = spec->min > 0.0};
    if (equals != std::string::npos) {
      p.start = scratch.real(key);
    } else if (parameters.has(key)) {
      p.start = parameters.real(key);
    } else if (key == fmt::format("product[{}]{}", product_, kp_suffix)) {
      needs_predicted_kp = true;  // starts from the permeability the model predicts (below)
    } else {
      throw InputError({"--fit", 0, 0}, key, "has no value in this scenario",
                       fmt::format("give a start: --fit {}=START", key));
    }
    fitted.push_back(p);
  }
  if (data.count() <= fitted.size()) {
    throw InputError({data.file, 0, 0}, "",
                     fmt::format("{} measurement(s) for {} parameter(s)", data.count(), fitted.size()),
                     "a fit needs more measurements than parameters");
  }

  // Model runs of the fit: the point estimate only (no sampled ranges).
  ParameterSet base = parameters;
  base.set("transport.samples", std::int64_t{0}, {"mnsim fit", 0, 0});
  if (needs_predicted_kp) {
    const auto predicted = product_run(base, session, product_).intact_kp_cm_per_h;
    for (auto& p : fitted)
      if (p.key.ends_with(kp_suffix)) p.start = std::clamp(predicted, p.low, p.high);
  }

  auto run_dir = open_run_directory(options_, parameters, file_, "-fit");

  // The minimizer stops when it converges, usually well before --max-runs: the bar counts runs
  // against that ceiling, so its time left is an upper bound.
  ProgressBar progress(fmt::format("fit (at most {} runs)", max_runs_), static_cast<std::size_t>(max_runs_));
  const FitModel model = [&](const std::vector<double>& values) {
    auto predicted = at_measured_times(product_run(with_values(base, fitted, values), session, product_), data);
    progress.advance();
    return predicted;
  };
  std::vector<double> starts;
  for (const auto& p : fitted) starts.push_back(p.start);
  const auto result = fit_parameters(data, fitted, model, max_runs_);
  progress.finish();

  // The fitted scenario, run as the user's scenario runs (sampled ranges included).
  const auto fitted_parameters = with_values(parameters, fitted, result.values);
  const auto start_run = product_run(with_values(base, fitted, starts), session, product_);
  const auto injury = simulate_injury(fitted_parameters, session);
  const auto exposure =
      transport::compute_exposure(fitted_parameters, session.compounds(), injury.skin, injury.map, injury.injury,
                                  {.resolved = fitted_parameters.text("run.fidelity") == "resolved"});

  auto summary = summary_header("fit", file_, parameters, session);
  summary["stages"] = {"skin", "device", "mechanics", "transport"};
  summary["fit"] = fit_json(data, fitted, result, product_);
  summary["transport"] = io::transport_json(exposure, transport::plasma_by_compound(exposure));
  run_dir.write("scenario.fitted.toml", resolved_scenario(fitted_parameters, session));
  run_dir.write("fit.csv", fit_points_csv(data, result));
  run_dir.write("fit_model.csv", fit_model_csv(data, start_run, exposure.at(product_)));
  if (parameters.boolean("output.plots")) {
    std::string note;
    summary["figures"] = io::draw_fit_plot(run_dir.staging_path(), fit_figure_data(data), note);
    if (!note.empty()) fmt::print(stderr, "mnsim: note: {}\n", note);
  }
  if (!result.converged) fmt::print(stderr, "mnsim: warning: the fit {}\n", result.status);
  if (publish_run(run_dir, summary, options_.json)) return 0;
  fmt::print("{}Run directory: {}\n{}\n", fit_text(data, fitted, result), run_dir.final_path().string(), medical_note);
  return 0;
}

}  // namespace mnsim::app
