#pragma once
// What a plan's products put into the blood (the lidocaine of a numbing cream), and the caution
// when the predicted peak comes too close to the level at which toxicity becomes likely. The
// numbers come from the transport model (app/plan_systemic.*); this is the planner's reading of
// them.
#include <optional>
#include <string>
#include <vector>

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
  std::optional<double> toxic_ng_per_ml;
  std::string toxic_effect, source;

  // The high end of the peak's range over the toxic level, where one is known.
  [[nodiscard]] std::optional<double> high_fraction_of_toxic() const;
  // The treated area the same products (dose, timing, protocols in the same proportions) could
  // cover with the high end at `max_fraction_of_toxic`: every area's rate into the blood, and so
  // the peak, is proportional to its size.
  [[nodiscard]] std::optional<double> area_within_limit_cm2(double max_fraction_of_toxic) const;
};

// Adds the caution "systemic_exposure" (scope product, action informed_discussion) for each
// exposure whose high end exceeds `max_fraction_of_toxic` of its toxic level, and makes a go
// verdict a caution. The limit applies to the high end of the range, as the other risk limits
// apply to 95th percentiles.
void caution_systemic_exposure(const std::vector<SystemicExposure>& exposures, double max_fraction_of_toxic,
                               Verdict& verdict);

}  // namespace mnsim::plan
