#include "io/plan_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <utility>
#include <vector>

#include "io/quantity_labels.hpp"

namespace mnsim::io {

namespace {

// A duration that ran into the end of its simulated window (`windows_h`) reads "> X", a lower bound.
std::string quantity_line(std::string_view key, const plan::Quantiles& q, const std::vector<double>& windows_h = {}) {
  auto reading = quantity_reading(key);
  reading.windows = plan::duration_windows(key, windows_h);
  return fmt::format("    {:<28} {}\n", quantity_label(key).label,
                     quantity_bracketed(key, q.median, q.p5, q.p95, reading));
}

std::string verdict_text(const plan::Plan& plan) {
  const char* words = plan.verdict.decision == plan::Decision::go        ? "go"
                      : plan.verdict.decision == plan::Decision::caution ? "go with cautions"
                                                                         : "do not treat";
  std::string out = fmt::format("Verdict: {}\n", words);
  for (const auto& t : plan.verdict.triggered) {
    const auto subject = t.subject.empty()              ? std::string()
                         : t.scope == plan::Scope::area ? fmt::format(" ({})", name_label(t.subject))
                                                        : fmt::format(" ({})", t.subject);
    out += fmt::format("  [{}{}] {}{}: {}\n", plan::to_string(t.level), t.tag == "M" ? ", from memory" : "",
                       rule_label(t.id), subject, humanize_text(t.reason));
  }
  return out;
}

std::string area_text(const plan::AreaRecommendation& r) {
  if (!r.chosen)
    return fmt::format("Area {} ({}): {}\n", name_label(r.area), name_label(r.site), humanize_text(r.note));
  const auto& c = r.chosen->candidate;
  const auto& o = r.chosen->outcome;
  std::string out =
      fmt::format("Area {} ({}, {}): {:g} mm, {} pass(es), {} session(s) {:g} d apart\n", name_label(r.area),
                  name_label(r.site), goal_label(r.goal), c.needle_depth_mm, c.passes, c.sessions, c.interval_d);
  const auto rows = plan::outcome_quantities(o);
  for (const auto& [key, q] : rows) out += quantity_line(key, *q);
  return out;
}

std::string course_text(const plan::Plan& plan) {
  const auto* course = plan::course_recommendation(plan.recommendations);
  if (course == nullptr || plan.predicted.empty()) return {};
  std::string out = fmt::format("Course and aftercare of {} (the deepest protocol):\n", name_label(course->area));
  for (const auto* key : {"erythema_duration_h", "oedema_duration_h", "downtime_d"}) {
    if (const auto it = plan.predicted.find(key); it != plan.predicted.end())
      out += quantity_line(key, it->second, plan.course_windows_h);
  }
  return out;
}

std::string systemic_text(const plan::Plan& plan) {
  std::string out;
  for (const auto& e : plan.systemic) {
    const auto range = e.samples > 0 ? fmt::format("p5-p95 {:.2g}-{:.2g}", e.sampled_peak_ng_per_ml.p5 / 1000.0,
                                                   e.sampled_peak_ng_per_ml.p95 / 1000.0)
                                     : fmt::format("{:.2g}-{:.2g} over the disposition", e.peak_low_ng_per_ml / 1000.0,
                                                   e.peak_high_ng_per_ml / 1000.0);
    out += fmt::format("  {} in the blood ({} over {:g} cm2): peak {:.2g} ug/mL ({}), {:.2g} without needling",
                       name_label(e.compound), fmt::join(e.products, ", "), e.area_cm2, e.peak_ng_per_ml / 1000.0,
                       range, e.intact_peak_ng_per_ml / 1000.0);
    if (const auto f = e.checked_fraction_of_toxic())
      out += fmt::format("; up to {:.0f} % of the toxic level", 100.0 * *f);
    if (const auto area = e.area_within_limit_cm2(plan.limits.max_plasma_fraction_of_toxic))
      out += fmt::format("; within the limit up to {:.0f} cm2", *area);
    out += "\n";
  }
  return out;
}

}  // namespace

std::string plan_text(const plan::Plan& plan) {
  std::string out = verdict_text(plan);
  for (const auto& r : plan.recommendations) out += area_text(r);
  out += course_text(plan);
  out += systemic_text(plan);
  if (!plan.aftercare.empty()) out += fmt::format("Aftercare: {} instructions\n", plan.aftercare.size());
  return out;
}

}  // namespace mnsim::io
