#include "plan/systemic.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mnsim::plan {

double SystemicExposure::checked_peak_ng_per_ml() const {
  return samples > 0 ? sampled_peak_ng_per_ml.p95 : peak_high_ng_per_ml;
}

std::string SystemicExposure::checked_peak_name() const { return samples > 0 ? "p95" : "disposition_high"; }

std::optional<double> SystemicExposure::checked_fraction_of_toxic() const {
  if (!toxic_ng_per_ml || *toxic_ng_per_ml <= 0.0) return std::nullopt;
  return checked_peak_ng_per_ml() / *toxic_ng_per_ml;
}

std::optional<double> SystemicExposure::area_within_limit_cm2(double max_fraction_of_toxic) const {
  const auto fraction = checked_fraction_of_toxic();
  if (!fraction || *fraction <= 0.0) return std::nullopt;
  return area_cm2 * max_fraction_of_toxic / *fraction;
}

void caution_systemic_exposure(const std::vector<SystemicExposure>& exposures, double max_fraction_of_toxic,
                               Verdict& verdict) {
  for (const auto& e : exposures) {
    const auto fraction = e.checked_fraction_of_toxic();
    if (!fraction || *fraction <= max_fraction_of_toxic) continue;
    const std::string checked =
        e.samples > 0
            ? fmt::format("{:.2g} ug/mL at the 95th percentile over {} sampled inputs",
                          e.checked_peak_ng_per_ml() / 1000.0, e.samples)
            : fmt::format("up to {:.2g} ug/mL over its published disposition", e.checked_peak_ng_per_ml() / 1000.0);
    verdict.triggered.push_back(
        {.id = "systemic_exposure",
         .level = Level::caution,
         .scope = Scope::product,
         .subject = fmt::format("{}", fmt::join(e.products, ", ")),
         .reason =
             fmt::format("predicted peak blood {} {:.2g} ug/mL over {:g} cm2 of a {:g} kg person, {}: {:.0f} % of "
                         "the toxic level, {:.2g} ug/mL ({}); the limit is {:.0f} % "
                         "(planner.max_plasma_fraction_of_toxic). Without needling: {:.2g} ug/mL. Within the "
                         "limit up to {:.0f} cm2 at this dose and timing; less product, a smaller area or no "
                         "application over needled skin lowers it",
                         e.compound, e.peak_ng_per_ml / 1000.0, e.area_cm2, e.weight_kg, checked, 100.0 * *fraction,
                         *e.toxic_ng_per_ml / 1000.0, e.toxic_effect, 100.0 * max_fraction_of_toxic,
                         e.intact_peak_ng_per_ml / 1000.0, *e.area_within_limit_cm2(max_fraction_of_toxic)),
         .source = e.source,
         .actions = {{.name = "informed_discussion", .value = std::nullopt}}});
    if (verdict.decision == Decision::go) verdict.decision = Decision::caution;
  }
}

}  // namespace mnsim::plan
