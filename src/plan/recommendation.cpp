#include "plan/recommendation.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "core/csv_table.hpp"
#include "core/error.hpp"

namespace mnsim::plan {

ProtocolTable ProtocolTable::from_file(const std::filesystem::path& file) {
  ProtocolTable table;
  read_csv_table(file,
                 std::array{"goal", "site", "depth_min_mm", "depth_max_mm", "passes_min", "passes_max", "sessions_min",
                            "sessions_max", "interval_min_d", "interval_max_d", "source", "tag"},
                 [&](const std::array<std::string, 12>& f, const CsvRowContext& where) {
                   const auto integer = [&](std::size_t i, const char* column) {
                     return static_cast<int>(std::lround(csv_number(f[i], where, column)));
                   };
                   ProtocolRange row{.goal = f[0],
                                     .site = f[1],
                                     .depth_min_mm = csv_number(f[2], where, "depth_min_mm"),
                                     .depth_max_mm = csv_number(f[3], where, "depth_max_mm"),
                                     .passes_min = integer(4, "passes_min"),
                                     .passes_max = integer(5, "passes_max"),
                                     .sessions_min = integer(6, "sessions_min"),
                                     .sessions_max = integer(7, "sessions_max"),
                                     .interval_min_d = csv_number(f[8], where, "interval_min_d"),
                                     .interval_max_d = csv_number(f[9], where, "interval_max_d"),
                                     .source = f[10],
                                     .tag = f[11]};
                   const bool ordered = row.depth_min_mm > 0.0 && row.depth_min_mm <= row.depth_max_mm &&
                                        row.passes_min >= 1 && row.passes_min <= row.passes_max &&
                                        row.sessions_min >= 1 && row.sessions_min <= row.sessions_max &&
                                        row.interval_min_d > 0.0 && row.interval_min_d <= row.interval_max_d;
                   if (!ordered || row.source.empty()) {
                     throw DataError(
                         fmt::format("{}:{}: ranges must be positive with min <= max, and a source is "
                                     "required",
                                     where.file, where.line));
                   }
                   table.rows_.push_back(std::move(row));
                 });
  return table;
}

ProtocolTable ProtocolTable::load(const std::filesystem::path& data_dir) {
  return from_file(data_dir / "plan" / "depth_by_goal.csv");
}

const ProtocolRange& ProtocolTable::find(std::string_view goal, std::string_view site) const {
  for (const std::string_view wanted : {site, std::string_view("any")}) {
    const auto it = std::find_if(rows_.begin(), rows_.end(),
                                 [&](const ProtocolRange& r) { return r.goal == goal && r.site == wanted; });
    if (it != rows_.end()) return *it;
  }
  throw DataError(fmt::format("data/plan/depth_by_goal.csv has no row for goal {} (site {} or any)", goal, site));
}

DeviceLimits device_limits(const PatientFile& patient) {
  if (patient.device_type == "pen") {
    return {.adjustable_depth = true,
            .max_depth_mm = patient.device_max_depth_mm.value_or(patient.device_needle_length_mm)};
  }
  return {.adjustable_depth = false,
          .max_depth_mm = patient.device_needle_length_mm,
          .fixed_depth_mm = patient.device_needle_length_mm};
}

namespace {

// Ends and middle of an integer range, without repeats.
std::vector<int> ends_and_middle(int lo, int hi) {
  std::vector<int> out = {lo, (lo + hi) / 2, hi};
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<double> ends_and_middle(double lo, double hi) {
  std::vector<double> out = {lo, std::round(0.5 * (lo + hi)), hi};
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<Candidate> candidates_for(const AreaVerdict& area, const ProtocolTable& table, const DeviceLimits& device,
                                      double depth_step_mm) {
  if (area.excluded) return {};
  const ProtocolRange& range = table.find(area.goal, area.site);
  double cap = std::min(range.depth_max_mm, device.max_depth_mm);
  if (area.max_depth_mm) cap = std::min(cap, *area.max_depth_mm);

  std::vector<double> depths;
  if (!device.adjustable_depth) {
    // A needle of one length is used only where it is within every cap: a screening cap protects
    // the area (periorbital skin, keloid history), the goal's range is where the evidence lies.
    if (device.fixed_depth_mm > cap + 1e-9) return {};
    depths.push_back(device.fixed_depth_mm);
  } else {
    // A cap below the goal's range leaves the cap itself as the only depth.
    const double start = std::min(range.depth_min_mm, cap);
    for (int k = 0;; ++k) {
      const double d = start + k * depth_step_mm;
      if (d > cap + 1e-9) break;
      depths.push_back(std::round(d * 1000.0) / 1000.0);
    }
  }

  std::vector<Candidate> out;
  for (const double depth : depths) {
    for (const int passes : ends_and_middle(range.passes_min, range.passes_max)) {
      for (const int sessions : ends_and_middle(range.sessions_min, range.sessions_max)) {
        // One session has no interval.
        const auto intervals =
            sessions > 1 ? ends_and_middle(range.interval_min_d, range.interval_max_d) : std::vector<double>{0.0};
        for (const double interval : intervals) {
          out.push_back({.area = area.name,
                         .site = area.site,
                         .goal = area.goal,
                         .needle_depth_mm = depth,
                         .passes = passes,
                         .sessions = sessions,
                         .interval_d = interval});
        }
      }
    }
  }
  return out;
}

std::string no_candidate_reason(const AreaVerdict& area, const ProtocolTable& table, const DeviceLimits& device) {
  if (area.excluded) return "not treated: a contraindication applies to this area";
  const ProtocolRange& range = table.find(area.goal, area.site);
  if (!device.adjustable_depth && area.max_depth_mm && device.fixed_depth_mm > *area.max_depth_mm + 1e-9)
    return fmt::format(
        "the device's needles are {:g} mm long, deeper than this area's cap of {:g} mm from screening; use a "
        "shorter needle or a pen set to at most {:g} mm",
        device.fixed_depth_mm, *area.max_depth_mm, *area.max_depth_mm);
  if (!device.adjustable_depth && device.fixed_depth_mm > range.depth_max_mm + 1e-9)
    return fmt::format(
        "the device's needles are {:g} mm long, deeper than the published range for this goal here ({:g} to {:g} "
        "mm; {}); use a shorter needle or a pen",
        device.fixed_depth_mm, range.depth_min_mm, range.depth_max_mm, range.source);
  return "no candidate protocol for this area";
}

std::vector<std::pair<std::string, const Quantiles*>> outcome_quantities(const CandidateOutcome& o) {
  return {{o.benefit_key, &o.benefit},
          {"pih_probability", &o.pih_probability},
          {"scar_probability", &o.scar_probability},
          {"infection_probability", &o.infection_probability},
          {"bruising_probability", &o.bruising_probability},
          {"downtime_d", &o.downtime_d}};
}

RiskLimits read_risk_limits(const ParameterSet& p) {
  return {.max_scar_probability = p.real("planner.max_scar_probability"),
          .max_pih_probability = p.real("planner.max_pih_probability"),
          .max_infection_probability = p.real("planner.max_infection_probability"),
          .max_bruising_probability = p.real("planner.max_bruising_probability"),
          .max_downtime_d = p.real("planner.max_downtime_d"),
          .max_plasma_fraction_of_toxic = p.real("planner.max_plasma_fraction_of_toxic"),
          .benefit_equivalence = p.real("planner.benefit_equivalence"),
          .runner_ups = static_cast<int>(p.integer("planner.runner_ups")),
          .sampled_fallbacks = static_cast<int>(p.integer("planner.sampled_fallbacks"))};
}

std::vector<std::string> violations_of(const CandidateOutcome& o, const RiskLimits& limits) {
  std::vector<std::string> out;
  const auto check = [&](const char* what, double p95, double limit) {
    if (p95 > limit) out.push_back(fmt::format("{} p95 {:.3g} > limit {:.3g}", what, p95, limit));
  };
  check("scar probability", o.scar_probability.p95, limits.max_scar_probability);
  check("PIH probability", o.pih_probability.p95, limits.max_pih_probability);
  check("infection probability", o.infection_probability.p95, limits.max_infection_probability);
  check("bruising probability", o.bruising_probability.p95, limits.max_bruising_probability);
  check("downtime (d)", o.downtime_d.p95, limits.max_downtime_d);
  return out;
}

namespace {

// Lexicographic burden: fewer sessions, shallower, fewer passes, then a longer interval.
auto burden(const Candidate& c) { return std::make_tuple(c.sessions, c.needle_depth_mm, c.passes, -c.interval_d); }

// The median and its 90 % range; one value when the ends read the same (an unsampled candidate of
// the sweep), rather than a range that claims an uncertainty nobody computed: "44.8 (44.8 to 44.8)".
std::string describe_benefit(const CandidateOutcome& o) {
  const auto p5 = fmt::format("{:.3g}", o.benefit.p5);
  const auto p95 = fmt::format("{:.3g}", o.benefit.p95);
  if (p5 == p95) return fmt::format("{:.3g}", o.benefit.median);
  return fmt::format("{:.3g} ({} to {})", o.benefit.median, p5, p95);
}

std::string burden_difference(const Candidate& loser, const Candidate& winner) {
  if (loser.sessions != winner.sessions)
    return fmt::format("{} sessions instead of {}", loser.sessions, winner.sessions);
  if (loser.needle_depth_mm != winner.needle_depth_mm) {
    return fmt::format("{:g} mm deep instead of {:g} mm", loser.needle_depth_mm, winner.needle_depth_mm);
  }
  if (loser.passes != winner.passes) return fmt::format("{} passes instead of {}", loser.passes, winner.passes);
  return fmt::format("sessions {:g} d apart instead of {:g} d", loser.interval_d, winner.interval_d);
}

}  // namespace

Selection select_protocol(const std::vector<Candidate>& candidates, const Evaluator& evaluate,
                          const RiskLimits& limits) {
  Selection selection;
  std::vector<RankedCandidate> feasible;
  std::vector<RankedCandidate> infeasible;
  for (const auto& c : candidates) {
    RankedCandidate r{.candidate = c, .outcome = evaluate(c)};
    r.violations = violations_of(r.outcome, limits);
    r.feasible = r.violations.empty();
    (r.feasible ? feasible : infeasible).push_back(std::move(r));
    ++selection.evaluated;
  }
  const auto by_benefit = [](const RankedCandidate& a, const RankedCandidate& b) {
    if (a.outcome.benefit.median != b.outcome.benefit.median)
      return a.outcome.benefit.median > b.outcome.benefit.median;
    return burden(a.candidate) < burden(b.candidate);
  };
  std::stable_sort(infeasible.begin(), infeasible.end(), by_benefit);
  const auto runner_ups = static_cast<std::size_t>(std::max(limits.runner_ups, 0));

  if (!feasible.empty()) {
    std::stable_sort(feasible.begin(), feasible.end(), by_benefit);
    const double top = feasible.front().outcome.benefit.median;
    const double threshold = top - limits.benefit_equivalence * std::abs(top);
    const auto equivalent_end = std::partition_point(feasible.begin(), feasible.end(), [&](const RankedCandidate& r) {
      return r.outcome.benefit.median >= threshold;
    });
    // The equivalent group ranks by burden; the rest stays in order of benefit.
    std::stable_sort(feasible.begin(), equivalent_end, [](const RankedCandidate& a, const RankedCandidate& b) {
      return burden(a.candidate) < burden(b.candidate);
    });
    selection.best = feasible.front();
    const auto& winner = *selection.best;
    for (std::size_t i = 1; i < feasible.size() && selection.runner_ups.size() < runner_ups; ++i) {
      RankedCandidate r = feasible[i];
      const bool equivalent = feasible.begin() + static_cast<std::ptrdiff_t>(i) < equivalent_end;
      r.reason = equivalent ? fmt::format(
                                  "equivalent benefit {} within {:g} % of the recommendation, but more "
                                  "burdensome: {}",
                                  describe_benefit(r.outcome), 100.0 * limits.benefit_equivalence,
                                  burden_difference(r.candidate, winner.candidate))
                            : fmt::format("lower predicted benefit: {} vs {}", describe_benefit(r.outcome),
                                          describe_benefit(winner.outcome));
      selection.runner_ups.push_back(std::move(r));
    }
    const auto fallbacks = static_cast<std::size_t>(std::max(limits.sampled_fallbacks, 0));
    for (std::size_t i = 1 + selection.runner_ups.size(); i < feasible.size() && selection.fallbacks.size() < fallbacks;
         ++i) {
      selection.fallbacks.push_back(feasible[i]);
    }
  }
  if (!selection.best && !infeasible.empty()) {
    const auto worst_ratio = [&](const RankedCandidate& r) {
      const auto& o = r.outcome;
      return std::max(
          {o.scar_probability.p95 / limits.max_scar_probability, o.pih_probability.p95 / limits.max_pih_probability,
           o.infection_probability.p95 / limits.max_infection_probability,
           o.bruising_probability.p95 / limits.max_bruising_probability, o.downtime_d.p95 / limits.max_downtime_d});
    };
    selection.least_risk = *std::min_element(infeasible.begin(), infeasible.end(),
                                             [&](const RankedCandidate& a, const RankedCandidate& b) {
                                               const double ra = worst_ratio(a), rb = worst_ratio(b);
                                               return ra != rb ? ra < rb : burden(a.candidate) < burden(b.candidate);
                                             });
  }
  std::size_t shown_infeasible = 0;
  for (auto& r : infeasible) {
    if (shown_infeasible == runner_ups) break;
    if (selection.best && r.outcome.benefit.median <= selection.best->outcome.benefit.median) break;
    r.reason = fmt::format("predicted benefit {} but outside the risk limits: {}", describe_benefit(r.outcome),
                           fmt::join(r.violations, "; "));
    selection.runner_ups.push_back(std::move(r));
    ++shown_infeasible;
  }
  return selection;
}

}  // namespace mnsim::plan
