#include "app/validation_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>

#include "app/pipeline.hpp"
#include "app/plan_builder.hpp"
#include "app/preflight.hpp"
#include "app/run_options.hpp"
#include "app/simulation.hpp"
#include "app/sweep_grid.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/parallel_failure.hpp"
#include "core/rng.hpp"
#include "core/statistics.hpp"
#include "io/plan_json.hpp"
#include "io/response_output.hpp"

namespace mnsim::app {

namespace {

// One distinct model run and who asked for it (for messages).
struct Job {
  RunSpec spec;
  std::string asked_by;  // "row <id> (<file>:<line>)" or "trial <id>, arm <name>"
};

bool sets_key(const std::vector<std::string>& set, const std::string& key) {
  return std::any_of(set.begin(), set.end(), [&](const std::string& a) { return a.rfind(key + "=", 0) == 0; });
}

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

// One stratum of a trial arm: a Fitzpatrick type and a sex, with its weight in the arm's mix.
struct Stratum {
  RunSpec run;
  double weight = 0.0;
};

std::vector<Stratum> arm_strata(const TrialArm& arm, const std::vector<std::string>& extra_set) {
  double total = 0.0;
  for (const auto& [type, w] : arm.fitzpatrick) total += w;
  std::vector<Stratum> strata;
  for (const auto& [type, w] : arm.fitzpatrick) {
    for (const bool female : {true, false}) {
      const double weight = (w / total) * (female ? arm.female_share : 1.0 - arm.female_share);
      if (weight <= 0.0) continue;
      RunSpec run = arm.run;
      if (!sets_key(run.set, "response.samples")) run.set.insert(run.set.begin(), "response.samples=0");
      run.set.push_back(fmt::format("patient.fitzpatrick={}", type));
      run.set.push_back(fmt::format("patient.sex={}", female ? "female" : "male"));
      if (arm.age_y) run.set.push_back(fmt::format("patient.age_y={}", *arm.age_y));
      run.set.insert(run.set.end(), extra_set.begin(), extra_set.end());
      strata.push_back({std::move(run), weight});
    }
  }
  return strata;
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

// The model's value at `quantity`: a number (median = 5 % = 95 %), an object with its median (or
// p50), p5 and p95, a word, or a number whose spread sits beside it in `uncertainty.<key>` (transport).
Predicted read_prediction(const nlohmann::json& summary, const std::string& quantity, const Provenance& about) {
  const auto pointer = summary_pointer(quantity);
  if (!summary.contains(pointer)) {
    throw InputError({about.file, about.line, 0}, "quantity",
                     fmt::format("{}: \"{}\" is not in the scenario's summary.json", about.id, quantity),
                     "see docs/outputs.md, or the summary.json of `mnsim simulate` on the row's scenario");
  }
  const auto& node = summary.at(pointer);
  Predicted p;
  if (node.is_string()) {
    p.text = node.get<std::string>();
    return p;
  }
  if (node.is_boolean()) {
    p.median = p.p5 = p.p95 = node.get<bool>() ? 1.0 : 0.0;
    return p;
  }
  if (node.is_number()) {
    p.median = p.p5 = p.p95 = node.get<double>();
    const auto key = pointer.back();
    const auto uncertainty = pointer.parent_pointer() / "uncertainty" / key;
    if (summary.contains(uncertainty) && summary.at(uncertainty).is_object()) {
      const auto& u = summary.at(uncertainty);
      p.p5 = u.value("p5", p.median);
      p.p95 = u.value("p95", p.median);
    }
    return p;
  }
  if (node.is_object() && (node.contains("median") || node.contains("p50"))) {
    p.median = node.contains("median") ? node["median"].get<double>() : node["p50"].get<double>();
    p.p5 = node.value("p5", p.median);
    p.p95 = node.value("p95", p.median);
    return p;
  }
  throw InputError(
      {about.file, about.line, 0}, "quantity",
      fmt::format("{}: \"{}\" is not a number, a word or a {{median, p5, p95}} object", about.id, quantity),
      "point at a leaf of summary.json");
}

std::optional<double> fold_error(std::optional<double> measured, const Band& band, double predicted) {
  std::optional<double> point = measured;
  if (!point && band.low && band.high && *band.low > 0.0) point = std::sqrt(*band.low * *band.high);
  if (!point || *point <= 0.0 || !(predicted > 0.0)) return std::nullopt;
  return std::max(predicted / *point, *point / predicted);
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

// The arm's value: the mix-weighted mean over its strata of each stratum's median, 5 % and 95 %.
Predicted arm_value(const std::vector<Stratum>& strata, const std::vector<Predicted>& values) {
  Predicted mean{0.0, 0.0, 0.0, {}};
  double total = 0.0;
  for (std::size_t s = 0; s < strata.size(); ++s) {
    mean.median += strata[s].weight * values[s].median;
    mean.p5 += strata[s].weight * values[s].p5;
    mean.p95 += strata[s].weight * values[s].p95;
    total += strata[s].weight;
  }
  mean.median /= total;
  mean.p5 /= total;
  mean.p95 /= total;
  return mean;
}

std::uint64_t text_hash(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: a stable stream index per endpoint
  for (const unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// The study run `replicates` times on the model: n virtual patients drawn from the arm's mix, each
// with an event at its stratum's rate. Returns the 5, 50 and 95 % event counts.
std::array<double, 3> virtual_trial(const std::vector<Stratum>& strata, const std::vector<double>& rates, int n,
                                    int replicates, Rng rng) {
  std::vector<double> cumulative;
  double total = 0.0;
  for (const auto& s : strata) cumulative.push_back(total += s.weight);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> counts(static_cast<std::size_t>(replicates));
  for (auto& count : counts) {
    int events = 0;
    for (int i = 0; i < n; ++i) {
      const double pick = uniform(rng) * total;
      const auto s =
          static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin());
      if (uniform(rng) < rates[std::min(s, rates.size() - 1)]) ++events;
    }
    count = events;
  }
  const auto q = quantiles(std::move(counts), {0.05, 0.5, 0.95});
  return {q[0], q[1], q[2]};
}

std::vector<ValidationResult> compare_trial(const Trial& trial, const std::map<RunSpec, const nlohmann::json*>& runs,
                                            const ValidationOptions& options) {
  std::vector<ValidationResult> results;
  int number = 0;
  for (const auto& e : trial.endpoints) {
    ++number;
    ValidationResult r;
    r.about = trial.about;
    r.about.id = fmt::format("{}.{}", trial.about.id, number);
    r.trial = trial.about.id;
    r.case_name = e.case_name;
    r.quantity = e.quantity;
    r.time = e.time;
    r.unit = e.unit;
    r.spread = e.spread;
    // The quantity in every stratum of an arm.
    const auto values_of = [&](const TrialArm& arm, std::vector<Stratum>& strata, const std::string& quantity) {
      strata = arm_strata(arm, options.set);
      std::vector<Predicted> values;
      for (const auto& s : strata) values.push_back(read_prediction(*runs.at(s.run), quantity, trial.about));
      return values;
    };
    if (e.kind == EndpointKind::events) {
      const auto& arm = trial.arm(e.arm);
      std::vector<Stratum> strata;
      const auto values = values_of(arm, strata, e.quantity);
      std::vector<double> rates;
      for (const auto& v : values) rates.push_back(std::clamp(v.median, 0.0, 1.0));
      const double rate = arm_value(strata, values).median;
      const auto counts = virtual_trial(strata, rates, arm.n, options.trial_replicates,
                                        make_stream(options.seed.value_or(1), text_hash(r.about.id)));
      r.kind = "events";
      r.n = arm.n;
      r.events = e.events;
      r.events_p5 = counts[0];
      r.events_median = counts[1];
      r.events_p95 = counts[2];
      r.measured = static_cast<double>(e.events) / arm.n;
      r.measured_text = fmt::format("{} of {}", e.events, arm.n);
      r.band = wilson_band(e.events, arm.n);
      r.predicted = {rate, counts[0] / arm.n, counts[2] / arm.n, {}};
      r.pass = r.band.contains(rate);
      // Rates with a continuity correction of half an event, so that 0 of n has a fold error.
      const double observed = (e.events + 0.5) / (arm.n + 1.0);
      const double expected = (rate * arm.n + 0.5) / (arm.n + 1.0);
      r.fold_error = std::max(observed / expected, expected / observed);
    } else if (e.kind == EndpointKind::ordering || e.kind == EndpointKind::ratio) {
      std::vector<Stratum> greater_strata, lesser_strata;
      const auto greater =
          arm_value(greater_strata, values_of(trial.arm(e.greater), greater_strata, e.greater_quantity));
      const auto lesser = arm_value(lesser_strata, values_of(trial.arm(e.lesser), lesser_strata, e.lesser_quantity));
      if (e.greater_quantity != e.lesser_quantity)
        r.quantity = fmt::format("{} / {}", e.greater_quantity, e.lesser_quantity);
      const double ratio =
          lesser.median > 0.0 ? greater.median / lesser.median : (greater.median > 0.0 ? HUGE_VAL : 1.0);
      r.predicted = {ratio, ratio, ratio, {}};
      r.band = e.band;
      if (e.kind == EndpointKind::ordering) {
        r.kind = "ordering";
        r.measured_text = fmt::format("{} > {}", e.greater, e.lesser);
        r.pass = ratio > 1.0;
      } else {
        r.kind = "ratio";
        r.measured = e.measured;
        r.measured_text = e.measured ? fmt::format("{:g}", *e.measured) : std::string();
        r.pass = e.band.contains(ratio);
        r.fold_error = fold_error(e.measured, e.band, ratio);
      }
    } else {
      const auto& arm = trial.arm(e.arm);
      std::vector<Stratum> strata;
      const auto values = values_of(arm, strata, e.quantity);
      r.kind = "value";
      r.measured = e.measured;
      r.measured_text = e.measured ? fmt::format("{:g}", *e.measured) : std::string();
      r.band = e.band;
      r.predicted = arm_value(strata, values);
      r.pass = e.band.contains(r.predicted.median);
      r.fold_error = fold_error(e.measured, e.band, r.predicted.median);
    }
    results.push_back(std::move(r));
  }
  return results;
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
  return report;
}

}  // namespace mnsim::app
