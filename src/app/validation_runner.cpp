#include "app/validation_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "app/pipeline.hpp"
#include "app/plan_builder.hpp"
#include "app/preflight.hpp"
#include "app/run_options.hpp"
#include "app/simulation.hpp"
#include "app/validation_criteria.hpp"
#include "app/validation_prediction.hpp"
#include "app/validation_trials.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/parallel_failure.hpp"
#include "io/plan_json.hpp"
#include "io/response_output.hpp"

namespace mnsim::app {

namespace {

// One distinct model run and who asked for it (for messages).
struct Job {
  RunSpec spec;
  std::string asked_by;  // "row <id> (<file>:<line>)" or "trial <id>, arm <name>"
};

// Validation rows run `options.samples` sampled persons (median and 5-95 %); calibration rows the
// point estimate, the typical person the parameters were fitted on.
RunSpec row_run(const RunSpec& spec, Role role, const ValidationOptions& options) {
  RunSpec run = spec;
  if (!sets_key(run.set, "response.samples")) {
    const int samples = role == Role::calibration ? 0 : options.samples;
    run.set.insert(run.set.begin(), fmt::format("response.samples={}", samples));
  }
  run.set.insert(run.set.end(), options.set.begin(), options.set.end());
  return run;
}

bool selected(const Provenance& p, const ValidationOptions& options) {
  return (!options.module || p.module == *options.module) && (!options.role || p.role == *options.role);
}

// Every distinct run the selected rows and trials need, in first-asked order.
std::vector<Job> collect_jobs(const ValidationData& data, const ValidationOptions& options) {
  std::vector<Job> jobs;
  std::map<RunSpec, std::size_t> seen;
  const auto add = [&](const RunSpec& spec, const std::string& who) {
    if (seen.emplace(spec, jobs.size()).second) jobs.push_back({spec, who});
  };
  for (const auto& row : data.rows) {
    if (selected(row.about, options)) {
      add(row_run(row.run, row.about.role, options),
          fmt::format("row {} ({}:{})", row.about.id, row.about.file, row.about.line));
    }
  }
  for (const auto& trial : data.trials) {
    if (!selected(trial.about, options)) continue;
    for (const auto& arm : trial.arms) {
      for (const auto& stratum : arm_strata(arm, options.set))
        add(stratum.run, fmt::format("trial {} ({}), arm {}", trial.about.id, trial.about.file, arm.name));
    }
  }
  return jobs;
}

nlohmann::json run_job(const ParameterSet& parameters, const Job& job, Session& session) {
  if (job.spec.command == "plan")
    return nlohmann::json::parse(io::plan_json_text(build_plan(parameters, session, job.spec.scenario)));
  auto simulation = run_simulation(parameters, session, "validation", job.spec.scenario, {});
  if (!job.spec.compare.empty()) {
    simulation.summary["comparison"] = nlohmann::json::object();
    for (const auto& name : job.spec.compare) {
      const auto& procedure = session.procedures().get(name);
      simulation.summary["comparison"][name] =
          io::response_json(comparator_response(parameters, simulation.injury.skin, procedure));
    }
  }
  return std::move(simulation.summary);
}

ValidationResult compare_row(const ComparisonRow& row, const nlohmann::json& summary) {
  ValidationResult r;
  r.about = row.about;
  r.kind = "comparison";
  r.case_name = row.case_name;
  r.quantity = row.quantity;
  r.time = row.time;
  r.unit = row.unit;
  r.spread = row.spread;
  r.measured_text = row.measured_text;
  r.measured = row.measured;
  r.band = row.band;
  r.predicted = read_prediction(summary, row.quantity, row.about);
  if (row.band.rule == "category") {
    r.pass = r.predicted.text == row.measured_text;
  } else {
    if (!r.predicted.text.empty()) {
      throw InputError(
          {row.about.file, row.about.line, 0}, "quantity",
          fmt::format("{}: \"{}\" is a word; compare it with band_rule category", row.about.id, row.quantity));
    }
    r.pass = std::isfinite(r.predicted.median) && row.band.contains(r.predicted.median);
    r.fold_error = fold_error(row.measured, row.band, r.predicted.median);
  }
  return r;
}

std::vector<ModuleScore> score(const std::vector<ValidationResult>& results) {
  std::vector<ModuleScore> scores;
  for (const auto& module : validation_modules) {
    ModuleScore s{.module = module};
    double log_sum = 0.0;
    int folds = 0;
    for (const auto& r : results) {
      if (r.about.module != module) continue;
      if (r.about.role == Role::calibration) {
        ++s.calibration_rows;
        s.calibration_passed += r.pass ? 1 : 0;
        continue;
      }
      ++s.rows;
      s.passed += r.pass ? 1 : 0;
      if (r.fold_error && std::isfinite(*r.fold_error)) {
        log_sum += std::log(*r.fold_error);
        ++folds;
      }
    }
    if (folds > 0) s.gm_fold_error = std::exp(log_sum / folds);
    scores.push_back(s);
  }
  return scores;
}

}  // namespace

std::size_t validation_run_count(const ValidationData& data, const ValidationOptions& options) {
  return collect_jobs(data, options).size();
}

ValidationReport run_validation(const ValidationData& data, Session& session, const ValidationOptions& options) {
  const auto jobs = collect_jobs(data, options);
  // Every run's scenario is read and checked before the first one runs; the session's tables are
  // loaded here, once, so that the parallel runs only read them.
  const auto root = session.data_dir().parent_path();
  std::vector<ParameterSet> parameters;
  for (const auto& job : jobs) {
    try {
      RunOptions run_options;
      run_options.overrides = job.spec.set;
      if (options.seed) run_options.seed = std::to_string(*options.seed);
      parameters.push_back(load_parameters(session.registry(), (root / job.spec.scenario).string(), {}, run_options));
      if (job.spec.command == "plan") {
        (void)check_plan_inputs(parameters.back(), session, now());
      } else {
        check_run_inputs(parameters.back(), session);
      }
      for (const auto& name : job.spec.compare) (void)session.procedures().get(name);
    } catch (const std::exception&) {
      fmt::print(stderr, "mnsim: in validation {}:\n", job.asked_by);
      throw;
    }
  }
  (void)session.atlas();
  (void)session.catalog();
  (void)session.compounds();
  (void)session.procedures();

  std::vector<nlohmann::json> summaries(jobs.size());
  ParallelFailure failure;
  const auto count = static_cast<std::ptrdiff_t>(jobs.size());
  // Dynamic schedule: runs differ a hundredfold in cost (a skin lookup, a 72 h plasma course).
#pragma omp parallel for schedule(dynamic, 1)
  for (std::ptrdiff_t i = 0; i < count; ++i) {
    const auto k = static_cast<std::size_t>(i);
    failure.run(k, [&] {
      summaries[k] = run_job(parameters[k], jobs[k], session);
      if (options.on_run_done) {
#pragma omp critical(validation_progress)
        options.on_run_done();
      }
    });
  }
  if (failure.failed()) {
    // The lowest failed run's error; say whose run it was.
    for (std::size_t k = 0; k < jobs.size(); ++k) {
      if (summaries[k].is_null()) {
        fmt::print(stderr, "mnsim: in validation {}:\n", jobs[k].asked_by);
        break;
      }
    }
    failure.rethrow_if_failed();
  }

  std::map<RunSpec, const nlohmann::json*> runs;
  for (std::size_t k = 0; k < jobs.size(); ++k) runs[jobs[k].spec] = &summaries[k];

  ValidationReport report;
  report.runs = static_cast<int>(jobs.size());
  for (const auto& module : validation_modules) {
    for (const auto& row : data.rows) {
      if (row.about.module == module && selected(row.about, options))
        report.results.push_back(compare_row(row, *runs.at(row_run(row.run, row.about.role, options))));
    }
    for (const auto& trial : data.trials) {
      if (trial.about.module != module || !selected(trial.about, options)) continue;
      for (auto& r : compare_trial(trial, runs, options)) report.results.push_back(std::move(r));
    }
  }
  for (auto& r : report.results) {
    if (const auto reason = data.miss_reasons.find(r.about.id); reason != data.miss_reasons.end())
      r.miss_reason = reason->second;
  }
  report.modules = score(report.results);
  report.criteria = evaluate_criteria(data.criteria, report.results);
  return report;
}

}  // namespace mnsim::app
