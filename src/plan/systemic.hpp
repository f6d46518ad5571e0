#pragma once
// What a plan's products put into the blood (the lidocaine of a numbing cream), and the caution
// when the predicted peak comes too close to the level at which toxicity becomes likely. The
// numbers come from the transport model (app/plan_systemic.*); this is the planner's reading of
// them.
#include <optional>
#include <string>
#include <vector>

#include "plan/recommendation.hpp"
#include "plan/screening.hpp"

namespace mnsim::plan {

struct SystemicExposure {
  std::string compound;
  std::vector<std::string> products;
  double area_cm2 = 0.0;  // what the products cover in one session: every treated area
  double weight_kg = 0.0;
  // The plasma peak of one session (peak_h: hours from its start), its range over the compound's
  // published disposition, and the same products on skin that is not needled.
  double peak_ng_per_ml = 0.0, peak_h = 0.0, peak_low_ng_per_ml = 0.0, peak_high_ng_per_ml = 0.0;
  double intact_peak_ng_per_ml = 0.0, intact_peak_low_ng_per_ml = 0.0, intact_peak_high_ng_per_ml = 0.0;
  // The point estimate's course, hours from the start of the session (for the report's figure).
  std::vector<double> time_h, ng_per_ml, intact_ng_per_ml;
  // With transport.samples: the peak's median and 5-95 % range over the sampled transport inputs
  // and disposition together, with and without needling.
  int samples = 0;
  Quantiles sampled_peak_ng_per_ml, sampled_intact_peak_ng_per_ml;
  std::optional<double> toxic_ng_per_ml;
  std::string toxic_effect, source;

  // What the limit is checked against: the sampled 95th percentile of the peak, or without samples
  // the high end of its range over the disposition; and its name, "p95" or "disposition_high".
  [[nodiscard]] double checked_peak_ng_per_ml() const;
  [[nodiscard]] std::string checked_peak_name() const;
  // The checked peak over the toxic level, where one is known.
  [[nodiscard]] std::optional<double> checked_fraction_of_toxic() const;
  // The treated area the same products (dose, timing, protocols in the same proportions) could
  // cover with the checked peak at `max_fraction_of_toxic`: every area's rate into the blood, and
  // so every peak, sampled or not, is proportional to its size.
  [[nodiscard]] std::optional<double> area_within_limit_cm2(double max_fraction_of_toxic) const;
};

// Adds the caution "systemic_exposure" (scope product, action informed_discussion) for each
// exposure whose checked peak exceeds `max_fraction_of_toxic` of its toxic level, and makes a go
// verdict a caution. Like the other risk limits, it reads a 95th percentile.
void caution_systemic_exposure(const std::vector<SystemicExposure>& exposures, double max_fraction_of_toxic,
                               Verdict& verdict);

}  // namespace mnsim::plan
