#include "response/hazards.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mnsim::response {

namespace {

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

// Applies an odds ratio to a probability (keeps 0 and 1 fixed).
double with_odds_ratio(double probability, double ratio) {
  if (probability <= 0.0 || probability >= 1.0) return probability;
  const double odds = ratio * probability / (1.0 - probability);
  return odds / (1.0 + odds);
}

Hazard infection_hazard(const WoundGeometry& w, const CourseQuantities& c, const HazardFactors& f,
                        const HazardParameters& p) {
  double factor = 1.0;
  if (f.active_acne) factor *= p.infection_factor_active_acne;
  if (f.open_wound) factor *= p.infection_factor_open_wound;
  if (!f.sterile_technique) factor *= p.infection_factor_non_sterile;
  if (f.non_intradermal_product) factor *= p.infection_factor_product;
  if (f.immunosuppressed) factor *= p.infection_factor_immunosuppressed;
  if (f.poor_wound_care) factor *= p.infection_factor_wound_care;
  // Exposure: the open share of the area times the days it stays open.
  const double open_days = std::min(1.0, w.coverage_fraction) * c.barrier_open_h / 24.0;
  const double hazard = p.infection_rate_per_open_day * open_days * factor;
  return {-std::expm1(-hazard), hazard > 0.0 ? 24.0 * p.infection_duration_d : 0.0};
}

}  // namespace

double geometric_scar_probability(const WoundGeometry& w, const HazardParameters& p) {
  if (w.wound_width_um <= 0.0 || w.depth_um <= 0.0 || w.skin_thickness_um <= 0.0) return 0.0;
  // Narrow wounds close from their edges before a scar forms, however deep (Champlain 2022);
  // broad wounds scar past a critical share of the skin's depth (Dunkin 2007). Both must fail.
  const double width_gate = normal_cdf(std::log(w.wound_width_um / p.scar_width50_um) / p.scar_width_log_sd);
  const double depth_gate =
      normal_cdf((w.depth_um / w.skin_thickness_um - p.scar_depth_fraction50) / p.scar_depth_fraction_sd);
  return width_gate * depth_gate;
}

double effective_daylight_h(const HazardFactors& f, const HazardParameters& p) {
  if (!f.sunscreen) return f.sun_exposure_h_per_day;
  const double uv = 1.0 / std::max(1.0, f.sunscreen_spf);
  const double visible = f.sunscreen_tinted ? p.pih_tint_visible_transmission : 1.0;
  return f.sun_exposure_h_per_day * (p.pih_uv_share * uv + (1.0 - p.pih_uv_share) * visible);
}

Hazards assess_hazards(const WoundGeometry& w, const CourseQuantities& c, const HazardFactors& f,
                       const HazardParameters& p) {
  Hazards h;
  h.infection = infection_hazard(w, c, f, p);

  double scar = geometric_scar_probability(w, p);
  if (f.keloid_history) scar = with_odds_ratio(scar, p.scar_odds_keloid);
  if (f.isotretinoin_recent) scar = with_odds_ratio(scar, p.scar_odds_isotretinoin);
  const double fibrosis = std::clamp(c.fibrosis_score, 0.0, 1.0);
  h.scar.probability = 1.0 - (1.0 - scar) * (1.0 - p.scar_given_infection * h.infection.probability) * (1.0 - fibrosis);

  // PIH: inflammation of the basal layer, a steeply type-dependent melanocyte response, and
  // daylight reaching the inflamed skin.
  const double type_rate = p.pih_rate_type1 * std::pow(p.pih_type_ratio, std::clamp(f.fitzpatrick, 1, 6) - 1);
  const double sun = 1.0 + p.pih_sun_gain_per_h * effective_daylight_h(f, p);
  // Lightening agents act by the hazard ratios the trials found (none so far: no effect on incidence).
  double agent = 1.0;
  if (f.lightening_agent == LighteningAgent::hydroquinone_before) agent = p.pih_ratio_hydroquinone_before;
  if (f.lightening_agent == LighteningAgent::tranexamic_acid_after) agent = p.pih_ratio_tranexamic_acid_after;
  const double pih = type_rate * std::pow(std::max(0.0, c.inflammation_integral), p.pih_exponent) * sun * agent;
  h.pih = {-std::expm1(-pih), pih > 0.0 ? 24.0 * p.pih_duration_d : 0.0};

  const double anticoagulant = f.anticoagulated ? p.anticoagulant_bleeding_factor : 1.0;
  const double bleeding = w.bleeding_points_per_cm2 * anticoagulant / p.visible_bleeding_points_per_cm2;
  h.bleeding = {-std::expm1(-bleeding), bleeding > 0.0 ? anticoagulant * p.bleeding_time_min / 60.0 : 0.0};

  // Same odds as mechanics/injury.cpp, so comparators and microneedling bruise alike.
  const double bruise_factor = f.anticoagulated ? p.anticoagulant_bruising_factor : 1.0;
  const double bruising = p.bruising_per_plexus_fraction * w.plexus_fraction * bruise_factor;
  h.bruising = {-std::expm1(-bruising), bruising > 0.0 ? 24.0 * p.bruise_duration_d : 0.0};
  return h;
}

}  // namespace mnsim::response
