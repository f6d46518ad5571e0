#pragma once
// Parameters of the adverse-event hazards (scar, pigmentation, infection, bleeding, bruising) and of
// the fallback course estimate, declared once in the registry with their sources.
#include "core/parameter_set.hpp"
#include "core/registry.hpp"
#include "response/hazard_inputs.hpp"

namespace mnsim::response {

// hazards.* model parameters and the scenario keys the hazards add (protocol.sterile_technique,
// timeline.sunscreen_tinted, timeline.wound_care).
void declare_hazard_parameters(Registry& registry);

struct HazardParameters {
  // Scar: width gate (full-thickness columns) x depth gate (broad wounds), log-normal / normal.
  double scar_width50_um = 0.0;
  double scar_width_log_sd = 0.0;
  double scar_depth_fraction50 = 0.0;
  double scar_depth_fraction_sd = 0.0;
  double scar_odds_keloid = 0.0;
  double scar_odds_isotretinoin = 0.0;
  double scar_given_infection = 0.0;
  // Post-inflammatory hyperpigmentation.
  double pih_rate_type1 = 0.0;
  double pih_type_ratio = 0.0;
  double pih_exponent = 0.0;
  double pih_thermal_factor = 1.0;  // weight of coagulated tissue in the inflammation integral
  double pih_sun_gain_per_h = 0.0;
  double pih_uv_share = 0.0;
  double pih_tint_visible_transmission = 0.0;
  double pih_duration_d = 0.0;
  // PIH hazard ratios of skin-lightening agents (timeline.lightening_agent), as the trials found.
  double pih_ratio_hydroquinone_before = 1.0;
  double pih_ratio_tranexamic_acid_after = 1.0;
  // Infection.
  double infection_rate_per_open_day = 0.0;
  double infection_factor_active_acne = 0.0;
  double infection_factor_open_wound = 0.0;
  double infection_factor_non_sterile = 0.0;
  double infection_factor_product = 0.0;
  double infection_factor_immunosuppressed = 0.0;
  double infection_factor_wound_care = 0.0;
  double infection_duration_d = 0.0;
  // Bleeding and bruising (bruising odds as in mechanics/injury.cpp).
  double visible_bleeding_points_per_cm2 = 0.0;
  double bleeding_time_min = 0.0;
  double anticoagulant_bleeding_factor = 0.0;
  double bruising_per_plexus_fraction = 0.0;
  double anticoagulant_bruising_factor = 0.0;
  double bruise_duration_d = 0.0;

  double puncture_damage_share = 0.0;
};

// Needs the hazards.* keys and mechanics.bruising_per_plexus_fraction,
// mechanics.anticoagulant_bruising_factor.
HazardParameters hazard_parameters_from(const ParameterSet& parameters);

}  // namespace mnsim::response
