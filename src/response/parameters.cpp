#include "response/parameters.hpp"

#include <array>
#include <cmath>
#include <string>

namespace mnsim::response {

namespace {

// One real-valued model parameter: registry path, the member it sets, unit, range, meaning, source.
struct RealParameter {
  const char* path;
  double CourseParameters::*member;
  const char* unit;
  double min, max;
  const char* description;
  const char* source;
};

constexpr const char* reynolds =
    "Reynolds A et al. 2006, J Theor Biol 242:220-236 (reduced acute inflammation model; values as in BioModels "
    "BIOMD0000000714 and two independent implementations, shared research healing.md 2.5)";
constexpr const char* adler =
    "Adler M et al. 2020, iScience 23:100841 (macrophage-myofibroblast circuit; values as in the published code, "
    "shared research healing.md 2.4)";

using P = CourseParameters;
const std::array real_parameters{
    RealParameter{"response.reepithelialisation_lag_h", &P::reepithelialisation_lag_h, "h", 0, 72,
                  "delay before the keratinocyte front starts to close a wound",
                  "fitted with keratinocyte_front_um_per_h to micro-lesions (< 500 um) re-epithelialising in 10-22 h "
                  "(ED50) and 13-28 h (ED84): Stumpp OF et al. 2009, J Biomed Opt 14:024018, abstract "
                  "(calibration rows: comp_stumpp2009_reepithelialisation)"},
    RealParameter{"response.keratinocyte_front_um_per_h", &P::keratinocyte_front_um_per_h, "um/h", 1, 100,
                  "speed of the re-epithelialisation front from each wound edge",
                  "fitted to Stumpp OF et al. 2009, J Biomed Opt 14:024018 (see reepithelialisation_lag_h) "
                  "(calibration rows: comp_stumpp2009_reepithelialisation)"},
    RealParameter{"response.adnexal_half_spacing_um", &P::adnexal_half_spacing_um, "um", 50, 5000,
                  "half the spacing of the follicles and glands that re-epithelialise broad wounds",
                  "assumed (follicle spacing about 1 mm); gives about 1 week for dermabrasion and ablative "
                  "resurfacing (shared research healing.md R6), not fitted"},
    RealParameter{"response.adnexal_depth_scale_um", &P::adnexal_depth_scale_um, "um", 10, 5000,
                  "dermal depth over which the adnexal spacing grows e-fold (fewer adnexa deeper)", "assumed"},
    RealParameter{"response.migration_slowing_per_decade", &P::migration_slowing_per_decade, "", 0, 0.2,
                  "fractional slowing of the re-epithelialisation front per decade of age above 30",
                  "assumed; direction from delayed re-epithelialisation in the elderly (Gerstein AD et al. 1993, "
                  "Dermatol Clin 11:749, from memory)"},
    RealParameter{"response.tewl_open_wound_gain", &P::tewl_open_wound_gain, "", 1, 100,
                  "water loss of an open wound relative to intact skin (TEWL index per unit open area fraction)",
                  "from memory: open wounds lose about 10-20 times the TEWL of intact skin"},
    RealParameter{
        "response.tewl_channel_edge_gain", &P::tewl_channel_edge_gain, "cm", 0, 100,
        "TEWL index excess per cm of open channel diameter per cm2 (sparse pores evaporate in "
        "proportion to their diameter, not their area)",
        "fitted to barrier recovery within 2 h after small arrays without occlusion: Gupta J et al. 2011, "
        "J Control Release 154:148; TEWL rise after 200-400 um arrays: Bal SM et al. 2008, Eur J Pharm "
        "Sci 35:193; 2.5 refitted through the whole chain (a 0.5 mm patch on the forearm: 1.9 h; 4, fitted on a "
        "hand-made wound load, gave 2.1 h there) (calibration rows: resp_gupta2011_barrier_small_array)"},
    RealParameter{"response.tewl_damage_gain", &P::tewl_damage_gain, "", 0, 10,
                  "TEWL index excess per unit tissue damage (barrier repair lags the tissue)",
                  "fitted to TEWL above baseline through 48 h after 0.5-1.5 mm pen needling: Sasaki GH 2019, "
                  "Aesthet Surg J Open Forum 1:ojz017 (calibration rows: resp_sasaki2019_tewl_pen05, "
                  "resp_sasaki2019_tewl_pen15)"},
    RealParameter{"response.tewl_recovered_excess", &P::tewl_recovered_excess, "", 0.01, 1,
                  "TEWL excess below which the barrier counts as recovered (about the repeatability of TEWL)",
                  "assumed"},
    RealParameter{"response.damage_per_volume", &P::damage_per_volume, "cm2/mm3", 0, 1,
                  "tissue damage (Reynolds units) per mm3/cm2 of injured tissue",
                  "fitted to erythema resolving within a week after clinical needling (Chu S et al. 2021, Dermatol "
                  "Surg 47:1249) and in hours after short needles (Hong Kong J Dermatol Venereol 2018;26:52) "
                  "(calibration rows: resp_chu2021_erythema_week, resp_hkjdv2018_erythema_roller)"},
    RealParameter{"response.damage_thermal_factor", &P::damage_thermal_factor, "", 1, 10,
                  "extra damage of thermally coagulated tissue per unit volume", "assumed"},
    RealParameter{"response.damage_bleeding_gain", &P::damage_bleeding_gain, "", 0, 10,
                  "relative increase of the damage dose when every wound bled", "assumed"},
    RealParameter{"response.damage_open_wound_rate", &P::damage_open_wound_rate, "1/h", 0, 1,
                  "damage added per hour per unit area fraction still open (exposed wound bed)", "assumed"},
    RealParameter{"response.vascular_max", &P::vascular_max, "", 0, 100,
                  "largest acute vasodilation (erythema units, 1 = just visible)",
                  "fitted to erythema of 3-6 h after roller needling, Hong Kong J Dermatol Venereol 2018;26:52 "
                  "(calibration rows: resp_hkjdv2018_erythema_roller)"},
    RealParameter{
        "response.vascular_half_volume", &P::vascular_half_volume, "mm3/cm2", 1e-4, 1000,
        "injured volume below the capillary loops (tissue with vessels) giving half the largest acute "
        "vasodilation",
        "fitted to irritation < 2 h after small 200-400 um arrays, Bal SM et al. 2008, Eur J Pharm Sci "
        "35:193: 0.4, fitted through the whole chain when the dose was all injured volume (a 400 um patch on the "
        "forearm: 1.7 h); with the dose below the loops that patch, its tips above the loops with the "
        "default pressed depth, stays far under the bound (0.002 h) (calibration rows: "
        "resp_bal2008_irritation_400um)"},
    RealParameter{"response.vascular_half_life_h", &P::vascular_half_life_h, "h", 0.1, 24,
                  "half-life of the acute vasodilation",
                  "fitted with vascular_max (see there) (calibration rows: resp_hkjdv2018_erythema_roller)"},
    RealParameter{"response.k_nn", &P::k_nn, "", 0, 1, "phagocyte self-activation", reynolds},
    RealParameter{"response.k_nd", &P::k_nd, "", 0, 1, "phagocyte activation by damage", reynolds},
    RealParameter{"response.s_nr", &P::s_nr, "1/h", 0, 1, "maximal phagocyte recruitment", reynolds},
    RealParameter{"response.mu_nr", &P::mu_nr, "", 0, 1, "half-saturation of phagocyte recruitment", reynolds},
    RealParameter{"response.mu_n", &P::mu_n, "1/h", 0.001, 1, "decay of activated phagocytes", reynolds},
    RealParameter{"response.k_dn", &P::k_dn, "1/h", 0, 10, "collateral damage by phagocytes", reynolds},
    RealParameter{"response.x_dn", &P::x_dn, "", 0.001, 1, "phagocyte level of half collateral damage", reynolds},
    RealParameter{"response.mu_d", &P::mu_d, "1/h", 0.001, 1, "damage repair rate", reynolds},
    RealParameter{"response.c_inf", &P::c_inf, "", 0.01, 10, "anti-inflammatory inhibition scale", reynolds},
    RealParameter{"response.s_c", &P::s_c, "1/h", 0, 1, "basal anti-inflammatory source", reynolds},
    RealParameter{"response.k_cn", &P::k_cn, "1/h", 0, 1, "maximal induced anti-inflammatory source", reynolds},
    RealParameter{"response.k_cnd", &P::k_cnd, "", 0, 1000, "anti-inflammatory induction by damage", reynolds},
    RealParameter{"response.mu_c", &P::mu_c, "1/h", 0.001, 10, "decay of the anti-inflammatory mediator", reynolds},
    RealParameter{"response.erythema_per_phagocyte", &P::erythema_per_phagocyte, "", 0, 1000,
                  "erythema units per unit activated phagocytes",
                  "fitted to expected erythema after microneedling resolving within 7 days (Chu S et al. 2021, "
                  "Dermatol Surg 47:1249) and about 2 days of social downtime (shared research healing.md R6) "
                  "(calibration rows: resp_chu2021_erythema_week, resp_mn_social_downtime, "
                  "resp_mn_erythema_day_pen15)"},
    RealParameter{"response.erythema_visible", &P::erythema_visible, "", 0.01, 100,
                  "erythema units at which redness is visible (the unit of the scale)", "definition"},
    RealParameter{"response.oedema_rate", &P::oedema_rate, "1/h", 0, 10,
                  "oedema build-up per erythema unit (vascular leak)", "assumed; oedema follows erythema"},
    RealParameter{"response.oedema_half_life_h", &P::oedema_half_life_h, "h", 0.1, 100,
                  "half-life of oedema clearance by lymph", "assumed"},
    RealParameter{"response.oedema_visible", &P::oedema_visible, "", 0.01, 100,
                  "oedema units at which swelling is visible", "definition"},
    RealParameter{"response.lambda1_per_d", &P::lambda1_per_d, "1/d", 0, 10, "maximal myofibroblast proliferation",
                  adler},
    RealParameter{"response.lambda2_per_d", &P::lambda2_per_d, "1/d", 0, 10, "maximal macrophage proliferation", adler},
    RealParameter{"response.mu1_per_d", &P::mu1_per_d, "1/d", 0.01, 10, "myofibroblast removal", adler},
    RealParameter{"response.mu2_per_d", &P::mu2_per_d, "1/d", 0.01, 10, "macrophage removal", adler},
    RealParameter{"response.beta1", &P::beta1, "1/(cell min)", 0, 1e4, "CSF secretion by myofibroblasts", adler},
    RealParameter{"response.beta2", &P::beta2, "1/(cell min)", 0, 1e4, "PDGF secretion by macrophages", adler},
    RealParameter{"response.beta3", &P::beta3, "1/(cell min)", 0, 1e4, "PDGF secretion by myofibroblasts", adler},
    RealParameter{"response.alpha1", &P::alpha1, "1/(cell min)", 0, 1e4, "CSF endocytosis by macrophages", adler},
    RealParameter{"response.alpha2", &P::alpha2, "1/(cell min)", 0, 1e4, "PDGF endocytosis by myofibroblasts", adler},
    RealParameter{"response.gamma_per_d", &P::gamma_per_d, "1/d", 0.01, 100, "growth-factor degradation", adler},
    RealParameter{"response.carrying_capacity_per_ml", &P::carrying_capacity_per_ml, "1/mL", 1, 1e9,
                  "myofibroblast carrying capacity K", adler},
    RealParameter{"response.binding_affinity_per_ml", &P::binding_affinity_per_ml, "1/mL", 1, 1e12,
                  "growth-factor binding affinity (molecules/mL)", adler},
    RealParameter{"response.macrophage_influx_per_phagocyte", &P::macrophage_influx_per_phagocyte, "1/d", 0, 10,
                  "macrophage influx (units of K per day) per unit activated phagocytes",
                  "fitted so that clinical needling resolves and a second session within days tips the circuit; "
                  "scale from the injury pulse of 1e6 cells/mL/day of Adler et al. 2020 (calibration rows: "
                  "resp_chu2021_scar_rare)"},
    RealParameter{
        "response.macrophage_influx_per_open_area", &P::macrophage_influx_per_open_area, "1/d", 0, 100,
        "macrophage influx (units of K per day) per unit area fraction that open wounds signal (their "
        "openings and, for separate wounds, the tissue within response.wound_signal_range_um of them)",
        "fitted as macrophage_influx_per_phagocyte (calibration rows: resp_chu2021_scar_rare), as 0.05 per unit "
        "open area; rescaled by 0.546 when the influx moved to the signalled area, the open share of the "
        "default 1.0 mm pen that fit was made with, which now signals all of the skin: pens keep the "
        "fitted behaviour (no fibrosis tail at 2.0 mm every 14 days) and rollers gain; rescaled again by "
        "17.2/48 when the signal came to last response.wound_signal_duration_h (the default pen's openings "
        "recruited for about 17.2 h of it), so that pen keeps its integrated influx (0.0273 to 0.00978)"},
    RealParameter{"response.wound_signal_duration_h", &P::wound_signal_duration_h, "h", 0, 720,
                  "how long after a session the injury keeps recruiting macrophages from the tissue its signal "
                  "reaches (response.wound_signal_range_um), whether or not the wound's opening has closed",
                  "the transient injury of the macrophage-myofibroblast circuit is a 2-day influx pulse (Adler M et "
                  "al. 2020, iScience 23:100841, as its published code is read in shared "
                  "research healing.md 2.4); macrophages arrive from about 12 h and peak on days 2-5 (Rodero 2010; "
                  "Lucas 2010, as tabulated in healing.md R8). A puncture's opening re-epithelialises within hours "
                  "(Stumpp 2009: micro-lesions 10-28 h), the dermal track it leaves does not"},
    RealParameter{"response.wound_signal_range_um", &P::wound_signal_range_um, "um", 0, 1000,
                  "reach of a wound's chemokine signal into the tissue around it: punctures recruit macrophages "
                  "from the union of disks of this radius beyond their edge (1 - exp(-n pi (w/2 + l)^2) of the "
                  "surface), so overlapping punctures count once and sparse rollers still reach much of the skin",
                  "Francis K, Palsson BO. Effective intercellular communication distances are determined by the "
                  "relative time constants for cyto/chemokine secretion and diffusion. PNAS 1997;94:12258-12262, "
                  "abstract (PMC24899, read in this session): 'the domain that a single cell can effectively "
                  "communicate in is approximately 250 um in size', signals established in 10-30 min; taken as "
                  "the reach beyond the wound edge"},
    RealParameter{"response.macrophage_influx_per_open_bed", &P::macrophage_influx_per_open_bed, "1/d", 0, 100,
                  "macrophage influx (units of K per day) per unit area fraction of exposed dermal bed (epidermis "
                  "removed, not yet re-covered)",
                  "calibrated so that the default person (the comparators' 50-year-old on the cheek) with a broad "
                  "wound to the superficial reticular dermis tips the fibrosis switch when the wound takes 25.6 days "
                  "to re-epithelialise, the healing time at which half of conservatively treated scalds became "
                  "hypertrophic (interpolated between 28 % at 22-25 d and 75 % at 26-30 d; 337 children: Cubison "
                  "TCS, Pape SA, Parkhouse N. Burns 2006;32:992-999, abstract); test "
                  "Course.BroadWoundsTipToFibrosisOnlyWhenTheyHealAsSlowlyAsHypertrophicScalds (calibration rows: "
                  "comp_cubison2006_hts_22_25d, comp_cubison2006_hts_26_30d)"},
    RealParameter{"response.fibroblast_activation_per_d", &P::fibroblast_activation_per_d, "1/d", 0, 1,
                  "activation of resident fibroblasts into myofibroblasts by PDGF (units of K per day)",
                  "fitted to collagen gains after microneedling (data/validation/healing_course.csv) (calibration "
                  "rows: resp_lotfi2013_collagen, resp_eldomyati2015_collagen)"},
    RealParameter{"response.fibrosis_myofibroblast_level", &P::fibrosis_myofibroblast_level, "", 1e-6, 1,
                  "myofibroblasts (fraction of K) 90 days after the last session that count as fibrosis",
                  "definition: the healing state of the circuit has none"},
    RealParameter{"response.collagen_synthesis_per_d", &P::collagen_synthesis_per_d, "1/d", 0, 100,
                  "new collagen per day (fraction of baseline dermal collagen) at full fibroblast activation",
                  "fitted to collagen gains after microneedling (data/validation/healing_course.csv): 53.2 % after "
                  "5 monthly 1.5 mm roller sessions (Lotfi et al. 2013), run through the roller itself since "
                  "2026-12-08 (0.035 had been fitted through a 1.5 mm pen standing in for it, with the "
                  "puncture signal ending at re-epithelialisation) (calibration "
                  "rows: resp_lotfi2013_collagen, resp_eldomyati2015_collagen)"},
    RealParameter{"response.collagen3_fraction", &P::collagen3_fraction, "", 0, 1,
                  "fraction of new collagen laid down as type III",
                  "from memory: early granulation tissue is rich in collagen III (shared research healing.md 2.7)"},
    RealParameter{"response.collagen3_to_1_per_d", &P::collagen3_to_1_per_d, "1/d", 0, 1,
                  "replacement of new collagen III by collagen I", "assumed: remodelling over months"},
    RealParameter{"response.collagen3_loss_per_d", &P::collagen3_loss_per_d, "1/d", 0, 1,
                  "degradation of new collagen III", "assumed"},
    RealParameter{"response.new_collagen1_half_life_d", &P::new_collagen1_half_life_d, "d", 10, 1e5,
                  "half-life of newly laid collagen I (remodelled, unlike the 15-year mature pool)",
                  "assumed; gains persist at 6 months and 1 year (Aust MC et al. 2008, Plast Reconstr Surg "
                  "121:1421)"},
    RealParameter{"response.synthesis_age_scale_y", &P::synthesis_age_scale_y, "y", 5, 1000,
                  "age over which collagen synthesis falls e-fold above 25 years",
                  "from memory: type I procollagen synthesis about 70 % lower in people over 80 than at 18-29 "
                  "(Varani J et al. 2006, Am J Pathol 168:1861)"},
    RealParameter{"response.epidermis_per_collagen", &P::epidermis_per_collagen, "", 0, 10,
                  "relative epidermal thickening per relative dermal collagen gain",
                  "fitted to epidermal thickness +50 % with papillary collagen +53 % after 5 monthly 1.5 mm roller "
                  "sessions (Lotfi R et al. 2013, J Egypt Women's Dermatol Soc 10:152), through the roller "
                  "(calibration rows: resp_lotfi2013_epidermis)"},
    RealParameter{"response.epidermis_response_d", &P::epidermis_response_d, "d", 1, 365,
                  "time constant of the epidermal thickness response", "assumed: about one epidermal turnover"},
    RealParameter{"response.irritant_damage_rate", &P::irritant_damage_rate, "1/h", 0, 1,
                  "damage per hour per unit TEWL excess while exfoliants or retinoids are used",
                  "assumed; direction from irritancy on an impaired barrier"},
    RealParameter{"response.sample_cv", &P::sample_cv, "", 0, 2,
                  "person-to-person coefficient of variation of the sampled rates", "assumed"},
};

// Rates that differ from person to person; cv_scale multiplies response.sample_cv.
const std::array sampled{
    SampledParameter{"response.keratinocyte_front_um_per_h", &P::keratinocyte_front_um_per_h, 1.0},
    SampledParameter{"response.reepithelialisation_lag_h", &P::reepithelialisation_lag_h, 0.5},
    SampledParameter{"transport.closure_open_half_life_h and _occluded_half_life_h (person factor)",
                     &P::closure_person_factor, 2.0},
    SampledParameter{"response.tewl_damage_gain", &P::tewl_damage_gain, 1.0},
    SampledParameter{"response.damage_per_volume", &P::damage_per_volume, 1.0},
    SampledParameter{"response.vascular_max", &P::vascular_max, 1.0},
    SampledParameter{"response.vascular_half_life_h", &P::vascular_half_life_h, 1.0},
    SampledParameter{"response.mu_n", &P::mu_n, 0.5},
    SampledParameter{"response.mu_d", &P::mu_d, 0.5},
    SampledParameter{"response.erythema_per_phagocyte", &P::erythema_per_phagocyte, 1.0},
    SampledParameter{"response.oedema_half_life_h", &P::oedema_half_life_h, 1.0},
    SampledParameter{"response.collagen_synthesis_per_d", &P::collagen_synthesis_per_d, 1.5},
    SampledParameter{"response.fibroblast_activation_per_d", &P::fibroblast_activation_per_d, 1.0},
    SampledParameter{"response.epidermis_per_collagen", &P::epidermis_per_collagen, 1.0},
};

}  // namespace

std::span<const SampledParameter> sampled_parameters() { return sampled; }

void declare_parameters(Registry& registry) {
  const CourseParameters defaults;
  for (const auto& r : real_parameters) {
    registry.add({.path = r.path,
                  .type = ParamType::real,
                  .unit = r.unit,
                  .min = r.min,
                  .max = r.max,
                  .default_value = Value{defaults.*r.member},
                  .description = r.description,
                  .source = r.source});
  }
  registry.add({.path = "response.samples",
                .type = ParamType::integer,
                .min = 0.0,
                .max = 1e6,
                .default_value = Value{std::int64_t{0}},
                .description = "sampled persons for the uncertainty intervals of the course (0: point estimate)",
                .source = "model input"});

  registry.add({.path = "comparators.sessions",
                .type = ParamType::integer,
                .min = 0.0,
                .max = 12.0,
                .default_value = Value{std::int64_t{1}},
                .description = "sessions of each comparator procedure, protocol.interval_d apart (1: a single "
                               "treatment, as the comparators' sources describe them; 0: as many as "
                               "protocol.sessions, to compare like with like)",
                .source = "model input; trials repeat lasers monthly (3 sessions: Cachafeiro 2016, Dermatol Surg "
                          "42:232; 4: Indian Dermatol Online J 2024, PMID 39640445)"});

  registry.add({.path = "timeline.sun_exposure_h_per_day",
                .type = ParamType::real,
                .unit = "h/d",
                .min = 0.0,
                .max = 16.0,
                .default_value = Value{1.0},
                .description = "time outdoors in daylight per day after treatment (drives the pigmentation hazard)",
                .source = "model input"});
  registry.add({.path = "timeline.sunscreen",
                .type = ParamType::boolean,
                .default_value = Value{true},
                .description = "broad-spectrum sunscreen used after treatment",
                .source = "model input"});
  registry.add({.path = "timeline.sunscreen_spf",
                .type = ParamType::real,
                .min = 0.0,
                .max = 100.0,
                .default_value = Value{30.0},
                .description = "sun protection factor of the sunscreen",
                .source = "model input"});
  registry.add({.path = "timeline.retinoid_restart_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 0.0,
                .max = 365.0,
                .default_value = Value{7.0},
                .description = "days after each session before topical retinoids are used again",
                .source = "model input"});
  registry.add({.path = "timeline.exfoliant_restart_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 0.0,
                .max = 365.0,
                .default_value = Value{7.0},
                .description = "days after each session before scrubs and acids are used again",
                .source = "model input"});
}

CourseParameters course_parameters_from(const ParameterSet& parameters) {
  CourseParameters p;
  for (const auto& r : real_parameters) {
    if (parameters.has(r.path)) p.*r.member = parameters.real(r.path);
  }
  if (parameters.has("transport.closure_open_half_life_h")) p.closure = transport::closure_parameters_from(parameters);
  // Declared with the hazards (their fallback course reads them too).
  if (parameters.has("hazards.course_erythema_per_dermal_um"))
    p.erythema_per_dermal_um = parameters.real("hazards.course_erythema_per_dermal_um");
  if (parameters.has("hazards.course_erythema_per_coagulated_um"))
    p.erythema_per_coagulated_um = parameters.real("hazards.course_erythema_per_coagulated_um");
  return p;
}

Aftercare aftercare_from(const ParameterSet& parameters) {
  Aftercare a;
  if (parameters.has("timeline.occlusion_h")) a.occlusion_h = parameters.real("timeline.occlusion_h");
  if (parameters.has("timeline.topical_nsaid")) a.topical_nsaid = parameters.boolean("timeline.topical_nsaid");
  if (parameters.has("timeline.exfoliant_restart_d"))
    a.exfoliant_restart_d = parameters.real("timeline.exfoliant_restart_d");
  if (parameters.has("timeline.retinoid_restart_d"))
    a.retinoid_restart_d = parameters.real("timeline.retinoid_restart_d");
  return a;
}

int samples_from(const ParameterSet& parameters) {
  return parameters.has("response.samples") ? static_cast<int>(parameters.integer("response.samples")) : 0;
}

}  // namespace mnsim::response
