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
#include "app/summary.hpp"
#include "core/clock.hpp"
#include "core/version.hpp"
#include "io/ics_writer.hpp"
#include "io/plan_json.hpp"
#include "io/report_html.hpp"
#include "io/run_directory.hpp"

namespace mnsim::app {

namespace {

std::string text_summary(const plan::Plan& plan) {
  std::string out = fmt::format("Verdict: {}\n", plan::to_string(plan.verdict.decision));
  for (const auto& t : plan.verdict.triggered) {
    out += fmt::format("  [{}] {}{}: {}\n", plan::to_string(t.level), t.id,
                       t.subject.empty() ? std::string{} : fmt::format(" ({})", t.subject), t.reason);
  }
  for (const auto& r : plan.recommendations) {
    if (r.chosen) {
      const auto& c = r.chosen->candidate;
      out += fmt::format("Area {} ({}, {}): {:g} mm, {} pass(es), {} session(s) {:g} d apart\n", r.area, r.site, r.goal,
                         c.needle_depth_mm, c.passes, c.sessions, c.interval_d);
    } else {
      out += fmt::format("Area {} ({}): {}\n", r.area, r.site, r.note);
    }
  }
  for (const auto* key :
       {"erythema_duration_h", "downtime_d", "collagen_change_pct_d180", "scar_probability", "pih_probability"}) {
    const auto it = plan.predicted.find(key);
    if (it == plan.predicted.end()) continue;
    out += fmt::format("  {:<26} {:.3g} ({:.3g}-{:.3g})\n", key, it->second.median, it->second.p5, it->second.p95);
  }
  for (const auto& e : plan.systemic) {
    const auto range = e.samples > 0 ? fmt::format("p5-p95 {:.2g}-{:.2g}", e.sampled_peak_ng_per_ml.p5 / 1000.0,
                                                   e.sampled_peak_ng_per_ml.p95 / 1000.0)
                                     : fmt::format("{:.2g}-{:.2g} over the disposition", e.peak_low_ng_per_ml / 1000.0,
                                                   e.peak_high_ng_per_ml / 1000.0);
    out += fmt::format("  {} in the blood ({} over {:g} cm2): peak {:.2g} ug/mL ({}), {:.2g} without needling",
                       e.compound, fmt::join(e.products, ", "), e.area_cm2, e.peak_ng_per_ml / 1000.0, range,
                       e.intact_peak_ng_per_ml / 1000.0);
    if (const auto f = e.checked_fraction_of_toxic())
      out += fmt::format("; up to {:.0f} % of the toxic level", 100.0 * *f);
    if (const auto area = e.area_within_limit_cm2(plan.limits.max_plasma_fraction_of_toxic))
      out += fmt::format("; within the limit up to {:.0f} cm2", *area);
    out += "\n";
  }
  if (!plan.aftercare.empty()) out += fmt::format("Aftercare: {} instructions\n", plan.aftercare.size());
  return out;
}

}  // namespace

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
  run_dir.write("plan.json", io::plan_json_text(plan));
  if (!plan.aftercare.empty()) run_dir.write("aftercare.ics", io::aftercare_ics(plan, ics));
  const auto report = io::report_html(
      plan,
      {.generated_utc = fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(std::chrono::system_clock::to_time_t(now))),
       .version = version_string},
      run_dir.staging_path() / "figures");
  run_dir.write("report.html", report.html);
  if (!report.note.empty()) fmt::print(stderr, "mnsim: note: {}\n", report.note);

  auto summary = summary_header("plan", file_, parameters);
  summary["stages"] = {"skin", "device", "mechanics", "response", "plan"};
  if (!plan.systemic.empty()) summary["stages"].insert(summary["stages"].begin() + 3, "transport");
  summary["verdict"] = std::string(plan::to_string(plan.verdict.decision));
  summary["rules"] = plan.verdict.rule_ids();
  summary["samples"] = parameters.integer("planner.samples");
  summary["files"] = {"plan.json", "report.html"};
  if (!plan.aftercare.empty()) summary["files"].push_back("aftercare.ics");
  run_dir.write("summary.json", summary.dump(2) + "\n");
  run_dir.commit();
  progress.finish();

  if (options_.json) {
    fmt::print("{}", io::plan_json_text(plan));
    return 0;
  }
  fmt::print("{}Run directory: {}\n{}\n", text_summary(plan), run_dir.final_path().string(), plan::disclaimer);
  return 0;
}

}  // namespace mnsim::app
