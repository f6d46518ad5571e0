#include "response/hazard_inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mnsim::response {

CourseQuantities estimate_course(const WoundGeometry& w, double epidermis_um, const CourseFallbackParameters& p) {
  CourseQuantities c;
  if (w.depth_um <= 0.0 || w.coverage_fraction <= 0.0) return c;
  // Narrow wounds close from their edges; broad ones from the surviving adnexa, more slowly the
  // deeper they go. Whichever is faster closes the wound.
  const double lateral_h = w.wound_width_um > 0.0 ? p.lag_h + 0.5 * w.wound_width_um / p.lateral_speed_um_per_h
                                                  : std::numeric_limits<double>::infinity();
  const double adnexal_h =
      24.0 * (p.adnexal_base_d + p.adnexal_extra_d * (1.0 - std::exp(-w.depth_um / p.adnexal_depth_um)));
  c.reepithelialisation_h = std::min(lateral_h, adnexal_h);
  c.barrier_open_h = w.epidermis_open ? c.reepithelialisation_h : 0.0;
  // Redness outlasts closure where much dermis, and above all coagulated dermis, is remodelled.
  const double dermal_um = std::max(0.0, w.depth_um - epidermis_um);
  const double coverage = std::min(1.0, w.coverage_fraction) * w.damage_share;
  c.erythema_duration_h =
      c.reepithelialisation_h * (1.0 + coverage * (p.erythema_per_dermal_um * dermal_um +
                                                   p.erythema_per_coagulated_um * w.coagulation_margin_um));
  c.inflammation_integral = coverage * c.erythema_duration_h / 24.0;
  c.fibrosis_score = 0.0;
  return c;
}

namespace {
bool has(const StringList& list, const char* item) { return std::find(list.begin(), list.end(), item) != list.end(); }
}  // namespace

HazardFactors hazard_factors_from(const ParameterSet& p, double barrier_open_h) {
  HazardFactors f;
  f.fitzpatrick = static_cast<int>(p.integer("patient.fitzpatrick"));
  const auto& c = p.list("patient.conditions");
  f.keloid_history = has(c, "keloid_history");
  f.isotretinoin_recent = has(c, "isotretinoin_recent");
  f.active_acne = has(c, "active_acne");
  f.open_wound = has(c, "open_wound") || has(c, "skin_infection");
  f.immunosuppressed = has(c, "immunosuppression") || has(c, "diabetes");
  f.anticoagulated = has(c, "anticoagulant") || has(c, "antiplatelet");
  f.sterile_technique = p.boolean("protocol.sterile_technique");
  for (std::size_t i = 0; i < p.array_size("product"); ++i) {
    const bool graded = p.boolean(fmt::format("product[{}].intradermal_grade", i));
    const double applied_h = p.real(fmt::format("product[{}].applied_h", i));
    if (!graded && applied_h < barrier_open_h) f.non_intradermal_product = true;
  }
  f.poor_wound_care = p.text("timeline.wound_care") == "poor";
  f.sun_exposure_h_per_day = p.real("timeline.sun_exposure_h_per_day");
  f.sunscreen = p.boolean("timeline.sunscreen");
  f.sunscreen_spf = p.real("timeline.sunscreen_spf");
  f.sunscreen_tinted = p.boolean("timeline.sunscreen_tinted");
  return f;
}

}  // namespace mnsim::response
