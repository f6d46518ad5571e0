#pragma once
// Parameters of the tissue response (docs/response.md) and the [timeline] keys: what the person
// does in the days and weeks after each session. Every number is declared once, in
// parameters.cpp, with its unit, range, default and source.
#include <span>
#include <string_view>

#include "core/parameter_set.hpp"
#include "core/registry.hpp"
#include "transport/channel_closure.hpp"

namespace mnsim::response {

// Rate constants and gains of the course model. Time unit: hours unless the name says otherwise.
struct CourseParameters {
  // Re-epithelialisation: a front from the wound edges (and from the adnexa of broad wounds).
  double reepithelialisation_lag_h = 8.0;
  double keratinocyte_front_um_per_h = 10.0;
  double adnexal_half_spacing_um = 800.0;
  double adnexal_depth_scale_um = 300.0;
  double migration_slowing_per_decade = 0.1;  // above 30 years

  // Channel closure: the transport module's law (transport.closure_*), with a person-to-person
  // factor on both half-lives that only the sampling moves (median 1).
  transport::ClosureParameters closure;
  double closure_person_factor = 1.0;

  // Barrier: TEWL index excess over the intact baseline.
  double tewl_open_wound_gain = 15.0;
  double tewl_channel_edge_gain = 2.5;  // per cm of channel perimeter-like width per cm2
  double tewl_damage_gain = 1.0;
  double tewl_recovered_excess = 0.1;

  // Tissue damage dose and the acute vascular reaction.
  double damage_per_volume = 0.004;  // per mm3/cm2 of injured tissue
  double damage_thermal_factor = 2.0;
  double damage_bleeding_gain = 1.0;
  double damage_open_wound_rate = 0.02;  // per h per unit open area fraction
  double vascular_max = 8.0;
  double vascular_half_volume = 0.4;  // mm3/cm2
  double vascular_half_life_h = 1.5;

  // Reduced sterile inflammation (Reynolds et al. 2006, pathogen set to zero).
  double k_nn = 0.01, k_nd = 0.02, s_nr = 0.08, mu_nr = 0.12, mu_n = 0.05;
  double k_dn = 0.35, x_dn = 0.06, mu_d = 0.02;
  double c_inf = 0.28, s_c = 0.0125, k_cn = 0.04, k_cnd = 48.0, mu_c = 0.1;

  // Visible signs.
  double erythema_per_phagocyte = 20.0;
  double erythema_visible = 1.0;
  double oedema_rate = 0.3;
  double oedema_half_life_h = 4.0;
  double oedema_visible = 1.0;

  // Fibrosis switch (Adler et al. 2020 circuit), rates per day as published.
  double lambda1_per_d = 0.9, lambda2_per_d = 0.8, mu1_per_d = 0.3, mu2_per_d = 0.3;
  double beta1 = 470.0, beta2 = 70.0, beta3 = 240.0, alpha1 = 940.0, alpha2 = 510.0;  // molecules/cell/min
  double gamma_per_d = 2.0;
  double carrying_capacity_per_ml = 1e6;
  double binding_affinity_per_ml = 1e9;
  double macrophage_influx_per_phagocyte = 0.1;  // units of K per day per unit N
  double macrophage_influx_per_open_area = 0.00978;
  double wound_signal_duration_h = 48.0;          // the injury's macrophage recruitment window after a session
  double wound_signal_range_um = 250.0;           // reach of a wound's chemokine signal into the tissue around it
  double macrophage_influx_per_open_bed = 0.033;  // units of K per day per unit area of exposed dermal bed
  double fibroblast_activation_per_d = 1e-6;      // resident fibroblasts turned myofibroblast by PDGF (units of K)
  double fibrosis_myofibroblast_level = 0.05;     // fraction of K still present 90 d after the last session

  // Collagen and epidermis.
  double collagen_synthesis_per_d = 0.1676;  // fraction of baseline collagen per day at full fibroblast activation
  double collagen3_fraction = 0.6;
  double collagen3_to_1_per_d = 0.03;
  double collagen3_loss_per_d = 0.01;
  double new_collagen1_half_life_d = 365.0;
  double synthesis_age_scale_y = 52.0;  // e-fold decline above 25 years
  double epidermis_per_collagen = 0.93;
  double epidermis_response_d = 28.0;
  // Redness of the remodelling dermis outlasts closure by this share of the re-epithelialisation
  // time per um of dermal injury and per um of thermal coagulation (x covered, destroyed share);
  // values of hazards.course_erythema_per_dermal_um and _per_coagulated_um.
  double erythema_per_dermal_um = 0.0053;
  double erythema_per_coagulated_um = 0.143;

  // Irritants on an open barrier (aftercare).
  double irritant_damage_rate = 0.01;  // per h per unit TEWL excess

  // Sampling.
  double sample_cv = 0.25;  // person-to-person coefficient of variation of the sampled rates
};

// One sampled parameter: the member it scales and its log-normal coefficient of variation
// relative to CourseParameters::sample_cv.
struct SampledParameter {
  std::string_view path;
  double CourseParameters::*member;
  double cv_scale;
};
std::span<const SampledParameter> sampled_parameters();

// What the person does after each session ([timeline]).
struct Aftercare {
  double occlusion_h = 0.0;
  bool topical_nsaid = false;
  double exfoliant_restart_d = 7.0;
  double retinoid_restart_d = 7.0;
};

void declare_parameters(Registry& registry);
CourseParameters course_parameters_from(const ParameterSet& parameters);
Aftercare aftercare_from(const ParameterSet& parameters);
// response.samples: how many sampled persons (0: point estimate only).
int samples_from(const ParameterSet& parameters);

}  // namespace mnsim::response
