#include "app/plan_command.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <filesystem>

#include "app/output_directory.hpp"
#include "app/plan_builder.hpp"
#include "app/preflight.hpp"
#include "app/progress.hpp"
#include "app/provenance.hpp"
#include "app/summary.hpp"
#include "core/clock.hpp"
#include "core/version.hpp"
#include "io/ics_writer.hpp"
#include "io/patient_page.hpp"
#include "io/plan_json.hpp"
#include "io/plan_text.hpp"
#include "io/report_html.hpp"
#include "io/run_directory.hpp"

namespace mnsim::app {

PlanCommand::PlanCommand(CLI::App& app) {
  subcommand_ =
      app.add_subcommand("plan", "Screen a patient, recommend a protocol, predict the course, plan aftercare");
  subcommand_->add_option("patient", file_, "Patient file (TOML; examples/patients/)")->required();
  add_run_options(*subcommand_, options_);
  subcommand_
      ->add_option("--samples", samples_,
                   "Sampled persons behind the ranges of the recommended protocol (sets planner.samples)")
      ->type_name("N");
}

int PlanCommand::run(Session& session) {
  const auto& registry = session.registry();
  std::vector<std::pair<std::string, std::string>> shortcuts;
  if (samples_) shortcuts.emplace_back(fmt::format("planner.samples={}", *samples_), "--samples");
  const auto parameters = load_parameters(registry, file_, shortcuts, options_);

  // Everything the calendar needs is checked before any work or output.
  // SOURCE_DATE_EPOCH, when set, stands for the current time (core/clock.hpp).
  const auto now = mnsim::now();
  const io::IcsOptions ics{.first_session = check_plan_inputs(parameters, session, now), .stamp = now};

  auto run_dir = open_run_directory(options_, parameters, file_, "-plan");

  ProgressBar progress("plan", 2);
  const auto plan = build_plan(parameters, session, file_);
  progress.advance();

  run_dir.write("scenario.resolved.toml", resolved_scenario(parameters, session));
  // plan.json says what made it, as summary.json does.
  auto plan_document = io::plan_to_json(plan);
  plan_document["provenance"] =
      provenance_json(session.data_dir(), session.data_checksums(), parameters.integer("run.seed"));
  const auto plan_text = plan_document.dump(2) + "\n";
  run_dir.write("plan.json", plan_text);
  if (!plan.aftercare.empty()) run_dir.write("aftercare.ics", io::aftercare_ics(plan, ics));
  // Two pages: report.html for the practitioner (the file docs and links have always named), and
  // patient.html in plain words with the dates and the consent block.
  const auto generated = fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(std::chrono::system_clock::to_time_t(now)));
  const auto protocols = plan::ProtocolTable::load(session.data_dir());
  const auto report = io::report_html(
      plan,
      {.generated_utc = generated, .version = version_string, .protocols = &protocols, .patient_page = "patient.html"},
      run_dir.staging_path() / "figures");
  run_dir.write("report.html", report.html);
  if (!report.note.empty()) fmt::print(stderr, "mnsim: note: {}\n", report.note);
  const auto zone = io::session_zone_offset_min(parameters.text("planner.first_session"));
  run_dir.write("patient.html", io::patient_page_html(plan, {.generated_utc = generated,
                                                             .version = version_string,
                                                             .first_session = ics.first_session,
                                                             .utc_offset_min = zone.value_or(0),
                                                             .first_session_given = zone.has_value()}));

  auto summary = summary_header("plan", file_, parameters, session);
  summary["stages"] = {"skin", "device", "mechanics", "response", "plan"};
  if (!plan.systemic.empty()) summary["stages"].insert(summary["stages"].begin() + 3, "transport");
  summary["verdict"] = std::string(plan::to_string(plan.verdict.decision));
  summary["rules"] = plan.verdict.rule_ids();
  summary["samples"] = parameters.integer("planner.samples");
  summary["files"] = {"plan.json", "report.html", "patient.html"};
  if (!plan.aftercare.empty()) summary["files"].push_back("aftercare.ics");
  run_dir.write("summary.json", summary.dump(2) + "\n");
  run_dir.commit();
  progress.finish();

  if (options_.json) {
    fmt::print("{}", plan_text);
    return 0;
  }
  fmt::print("{}Run directory: {} (report.html for the practitioner, patient.html for the patient)\n{}\n",
             io::plan_text(plan), run_dir.final_path().string(), plan::disclaimer);
  return 0;
}

}  // namespace mnsim::app
