#include "app/validation_trials.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "app/validation_prediction.hpp"
#include "core/rng.hpp"
#include "core/statistics.hpp"

namespace mnsim::app {

namespace {

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

}  // namespace

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

}  // namespace mnsim::app
