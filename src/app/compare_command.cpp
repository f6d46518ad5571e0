#include "app/compare_command.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "app/cli_values.hpp"
#include "app/output_directory.hpp"
#include "app/pipeline.hpp"
#include "app/progress.hpp"
#include "app/summary.hpp"
#include "io/response_output.hpp"
#include "io/run_directory.hpp"

namespace mnsim::app {

void add_comparison_blocks(nlohmann::json& summary, const std::vector<response::ProcedureResponse>& procedures) {
  const auto block = [](const response::ProcedureResponse& r) {
    auto json = io::response_json(r);
    json["protocol"] = io::protocol_text(r.treatment);
    return json;
  };
  summary["response"] = block(procedures.front());
  summary["comparison"] = nlohmann::json::object();
  for (std::size_t i = 1; i < procedures.size(); ++i)
    summary["comparison"][procedures[i].treatment.procedure] = block(procedures[i]);
}

CompareCommand::CompareCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand(
      "compare", "Microneedling (as the scenario sets it) beside other procedures on the same person");
  subcommand_->add_option("scenario", file_, "Scenario file (TOML)")->required();
  with_ = {default_comparators};
  // Split here rather than by CLI11's delimiter, which drops empty items: `--with ,,,` then has no
  // value and takes the next word (-o) as one.
  subcommand_->add_option("--with", with_, "Comparator procedures, comma-separated (see data/comparators/)")
      ->type_name("NAME,...")
      ->allow_extra_args(false)
      ->capture_default_str();
  add_run_options(*subcommand_, options_);
  add_samples_option(*subcommand_, options_);
}

int CompareCommand::run(Session& session) {
  const auto& registry = session.registry();
  const auto parameters = load_parameters(registry, file_, {}, options_);
  // Unknown names fail here, before any work or output (InputError lists the known ones).
  std::vector<const response::ProcedureSpec*> comparators;
  for (const auto& name : comma_list(with_, "--with")) comparators.push_back(&session.procedures().get(name));

  auto run_dir = open_run_directory(options_, parameters, file_, "-compare");

  ProgressBar progress("compare", static_cast<int>(comparators.size()) + 1);
  const auto injury = simulate_injury(parameters, session);
  std::vector<response::ProcedureResponse> procedures;
  procedures.push_back(microneedling_response(parameters, injury));
  progress.advance();
  for (const auto* spec : comparators) {
    procedures.push_back(comparator_response(parameters, injury.skin, *spec));
    progress.advance();
  }

  auto summary = summary_header("compare", file_, parameters, session);
  summary["stages"] = {"skin", "device", "mechanics", "response"};
  add_comparison_blocks(summary, procedures);
  run_dir.write("scenario.resolved.toml", resolved_scenario(parameters, session));
  run_dir.write("comparison.csv", io::comparison_csv(procedures));
  if (parameters.boolean("output.csv")) {
    for (const auto& r : procedures) {
      run_dir.write(fmt::format("response_course_{}.csv", r.treatment.procedure), io::course_series_csv(r));
    }
  }
  progress.finish();
  if (publish_run(run_dir, summary, options_.json)) return 0;
  fmt::print("{}Run directory: {}\n{}\n", io::comparison_text(procedures), run_dir.final_path().string(), medical_note);
  return 0;
}

}  // namespace mnsim::app
