#include "response/hazard_parameters.hpp"

#include <string>

namespace mnsim::response {

void declare_hazard_parameters(Registry& registry) {
  auto add = [&](const char* key, const char* unit, double min, double max, double value, const char* what,
                 const char* source) {
    registry.add({.path = std::string("hazards.") + key,
                  .type = ParamType::real,
                  .unit = unit,
                  .min = min,
                  .max = max,
                  .default_value = Value{value},
                  .description = what,
                  .source = source});
  };
  // Scar.
  add("scar_width50_um", "um", 100, 5000, 700,
      "width of a full-thickness wound that scars in half of people (log-normal width gate)",
      "fitted to Champlain et al. 2022, Dermatol Surg 48:1083, abstract: full-thickness columns of 200-2000 um, "
      "scars 'much more often for wounds > 400 um', 'minimal' below 500 um (gate 1 % at 400 um, 9 % at 500 um); "
      "its calibration is the champlain2022 rows of data/validation/scar_thresholds.csv (role calibration), "
      "checked by tests/response/hazards_validation_test.cpp: no device of the chain makes full-thickness "
      "columns, so mnsim validation has no row of it");
  add("scar_width_log_sd", "", 0.05, 2, 0.25, "spread (SD of ln width) of the width gate between people and wounds",
      "fitted with scar_width50_um to the same description (Champlain et al. 2022; calibration as there)");
  add("scar_depth_fraction50", "", 0.05, 1, 0.331,
      "depth of a broad wound, as a share of epidermis + dermis, at which it scars in half of people",
      "Dunkin et al. 2007, Plast Reconstr Surg 119:1722, abstract: scar threshold 0.56 +/- 0.03 mm = 33.1 % of "
      "skin thickness in a graduated dermal scratch (lateral hip, n = 113)");
  add("scar_depth_fraction_sd", "", 0.005, 0.5, 0.05, "spread of the depth threshold between people (share of skin)",
      "assumption: wider than the reported +/- 0.03 mm (1.8 % of thickness, whose nature is not stated) to cover "
      "sites and people; not calibrated");
  add("scar_odds_keloid", "", 1, 100, 5, "multiplies the scar odds with a history of keloids",
      "assumption, not calibrated: keloid history is a relative contraindication to resurfacing "
      "(shared research healing.md 5.1)");
  add("scar_odds_isotretinoin", "", 1, 100, 2, "multiplies the scar odds after recent isotretinoin",
      "assumption, not calibrated: ASDS task force (Waldman et al. 2017, Dermatol Surg 43:1249) found "
      "insufficient evidence of harm, but advises against dermabrasion and full ablation within 6 months");
  add("scar_given_infection", "", 0, 1, 0.2, "probability that a wound infection leaves a scar",
      "assumption, not calibrated: infection is a classic cause of scarring after resurfacing "
      "(Nanni & Alster 1998, Dermatol Surg 24:315, discussion)");
  // Post-inflammatory hyperpigmentation.
  add("pih_rate_type1", "", 0, 10, 0.0036, "PIH hazard per (inflammation integral)^exponent for Fitzpatrick type I",
      "fitted with pih_type_ratio (docs/hazards.md): 37 % hyperpigmentation after full CO2 resurfacing, taken at "
      "type 2.5 (Nanni & Alster 1998, Dermatol Surg 24:315), and ~10 % generalised PIH after 1,540 nm fractional "
      "treatment in Chinese, taken at type 4 (Chan HH et al. 2007, Lasers Surg Med 39:381), with the fallback "
      "course and 1 h/d daylight under SPF 50; 0.0036 refitted through the whole chain on the two studies run as "
      "trials (0.0052 gave 46 % for the CO2 series, above its 33-41 % interval) (calibration rows: "
      "comp_nanni1998_pih, comp_chan2007_nafl_pih)");
  add("pih_type_ratio", "", 1, 20, 3.3, "factor by which the PIH hazard rises per Fitzpatrick type",
      "fitted with pih_rate_type1 (same two sources); darker types at higher PIH risk (Graber et al. 2008, "
      "Dermatol Surg 34:301; Nanni & Alster 1998) (calibration rows: comp_nanni1998_pih, comp_chan2007_nafl_pih)");
  add("pih_exponent", "", 0.1, 2, 0.5, "exponent of the inflammation integral in the PIH hazard",
      "assumption: sub-linear, so that broad resurfacing (integral ~100) and fractional lasers (~0.5) both fall "
      "in their reported ranges with one rate");
  add("pih_thermal_factor", "", 1, 10, 2.0,
      "weight of thermally coagulated tissue in the inflammation integral of the PIH hazard",
      "fitted with pih_rate_type1 and pih_type_ratio on the simulated course (docs/hazards.md): lasers pigment "
      "more than mechanical wounds of the same size (PIH 37 % after CO2 resurfacing, Nanni & Alster 1998; ~10 % "
      "after 1,550 nm fractional in type IV, Chan HH et al. 2007) (calibration rows: comp_nanni1998_pih, "
      "comp_chan2007_nafl_pih)");
  add("pih_sun_gain_per_h", "d/h", 0, 10, 0.5,
      "relative rise of the PIH hazard per daily hour of unprotected daylight while inflamed",
      "assumption, not calibrated: no study quantifies post-procedure sun exposure against PIH (shared research "
      "healing.md 6); direction from photobiology (Mahmoud et al. 2010, J Invest Dermatol 130:2092)");
  add("pih_uv_share", "", 0, 1, 0.5, "share of the pigmenting daylight dose that is ultraviolet (rest visible light)",
      "assumption: visible light pigments melanocompetent skin as strongly and more durably than UVA1 "
      "(Mahmoud et al. 2010, J Invest Dermatol 130:2092)");
  add("pih_tint_visible_transmission", "", 0, 1, 0.3,
      "share of visible light a tinted (iron-oxide) sunscreen lets through",
      "assumption: tinted sunscreens are recommended because untinted ones do not block visible light "
      "(review PMC6986132, 2020)");
  add("pih_duration_d", "d", 1, 3650, 94, "mean persistence of PIH once it appears",
      "fitted: PIH prevalence 55.5 % at 1 month, 37.5 % at 3 and 11.1 % at 6 months after fractional CO2 in "
      "Chinese (Chan NP et al. 2010, Lasers Surg Med 42, summary) decays with a mean life of ~3.1 months "
      "(calibration rows: comp_chan2010_pih_duration)");
  add("pih_ratio_hydroquinone_before", "", 0.05, 2, 1.0,
      "PIH hazard ratio of a skin-lightening cream (hydroquinone 4 %, with tretinoin) used for 2 weeks or more "
      "before the procedure (timeline.lightening_agent = \"hydroquinone_before\")",
      "no effect found: 100 consecutive CO2 resurfacing patients (types I-III) randomised to hydroquinone 4 % + "
      "tretinoin 0.025 % (n 25), glycolic acid 10 % (n 25) or nothing (n 50) for at least 2 weeks before showed no "
      "significant difference in the incidence of hyperpigmentation; re-epithelialisation from follicular "
      "melanocytes the creams did not reach was proposed (Effect of pretreatment on the incidence of "
      "hyperpigmentation following cutaneous CO2 laser resurfacing, Dermatol Surg 1999;25(1):15-17, abstract)");
  add("pih_ratio_tranexamic_acid_after", "", 0.05, 2, 1.0,
      "PIH hazard ratio of tranexamic acid taken after the procedure (timeline.lightening_agent = "
      "\"tranexamic_acid_after\")",
      "no effect found on incidence: oral tranexamic acid 750 mg/d for 4 weeks after Q-switched ruby laser, 32 "
      "Japanese women randomised, no significant difference in PIH (Dermatol Surg 2011;37(5):605-610, abstract); "
      "oral 1,500 mg/d for 6 weeks after Q-switched 532 nm laser, 40 patients, incidence not different (Lasers "
      "Surg Med 2019, doi 10.1002/lsm.23135, abstract); meta-analysis of 7 RCTs (222 persons): no significant "
      "difference in melanin index at the end, a lower one only at 1 month (Dermatol Ther 2023;7545469, "
      "abstract)");
  // Infection.
  add("infection_rate_per_open_day", "1/d", 0, 1, 6e-4,
      "infection hazard per day the whole treated area stays open (scaled by the open share)",
      "fitted: bacterial and other non-herpetic infections < 1 % after full-face CO2 resurfacing "
      "(Nanni & Alster 1998, 500 patients), taken as 0.5 % (calibration rows: comp_nanni1998_infection)");
  add("infection_factor_active_acne", "", 1, 100, 3, "multiplies the infection hazard with active acne in the area",
      "assumption; direction: active infection is a risk factor for microneedling adverse events (Chu et al. "
      "2021, Dermatol Surg 47:1249)");
  add("infection_factor_open_wound", "", 1, 100, 5,
      "multiplies the infection hazard with an open wound or skin infection in the area",
      "assumption; direction as for active acne (Chu et al. 2021)");
  add("infection_factor_non_sterile", "", 1, 1000, 10, "multiplies the infection hazard for non-sterile technique",
      "assumption; transmission of infection through reused equipment (Stadelman-Behar et al. 2024, MMWR 73:372)");
  add("infection_factor_product", "", 1, 100, 3,
      "multiplies the infection hazard when a product not meant for intradermal use is applied to open skin",
      "assumption; direction: non-intradermal products are a risk factor (Chu et al. 2021)");
  add("infection_factor_immunosuppressed", "", 1, 100, 2,
      "multiplies the infection hazard with immunosuppression or diabetes", "assumption, not calibrated");
  add("infection_factor_wound_care", "", 1, 100, 2, "multiplies the infection hazard with poor wound care",
      "assumption, not calibrated");
  add("infection_duration_d", "d", 1, 60, 7, "duration of a treated superficial wound infection",
      "assumption: a week-long course of treatment for a superficial skin infection");
  // Bleeding and bruising.
  add("visible_bleeding_points_per_cm2", "1/cm2", 0.1, 1000, 10,
      "bleeding points per cm2 at which pinpoint bleeding is visible",
      "about one every 3 mm, the 'uniform pinpoint bleeding' endpoint; the criterion of "
      "data/validation/bleeding_onset.csv (tests/mechanics/mechanics_validation_test.cpp)");
  add("bleeding_time_min", "min", 0.5, 60, 5, "how long pinpoint bleeding lasts before haemostasis",
      "normal skin bleeding time of a few minutes (Ivy method, 2-7 min; textbook value, from memory)");
  add("anticoagulant_bleeding_factor", "", 1, 10, 2,
      "multiplies bleeding odds and time for patients on anticoagulants or antiplatelets",
      "assumption, as mechanics.anticoagulant_bruising_factor");
  add("bruise_duration_d", "d", 1, 60, 10, "how long a bruise stays visible",
      "assumption: bruises fade over one to two weeks (from memory)");
  // Read by the course model (redness of the remodelling dermis, response/course.cpp).
  add("course_erythema_per_dermal_um", "1/um", 0, 1, 0.0053,
      "lengthening of erythema (x re-epithelialisation time) per um of dermal injury x damaged share",
      "fitted: erythema for about 4 weeks after dermabrasion to 350 um (weeks to months, fading pinkness up to ~3 "
      "months: Mayo Clinic, secondary) against ~11 d re-epithelialisation (calibration rows: "
      "comp_dermabrasion_erythema_weeks)");
  add("course_erythema_per_coagulated_um", "1/um", 0, 1, 0.143,
      "lengthening of erythema per um of thermal coagulation x damaged share",
      "fitted: erythema lasting 4.5 months on average after full CO2 resurfacing (Nanni & Alster 1998, "
      "Dermatol Surg 24:315) with 100 um ablation + 100 um coagulation (calibration rows: comp_nanni1998_erythema)");
  add("puncture_damage_share", "", 0.01, 1, 0.2,
      "share of the punctured surface whose tissue is destroyed rather than pushed aside by the needle",
      "fitted: erythema after microneedling resolves within hours to 2-3 days (3-6 h, Hong Kong J Dermatol "
      "Venereol 2018;26:52; <= 48 h, Donnelly et al. 2014; transient AEs <= 7 d, Chu et al. 2021) for the "
      "4-pass 1.0 mm pen of examples/default.toml (calibration rows: resp_hkjdv2018_erythema_roller, "
      "resp_donnelly2014_erythema_48h, resp_chu2021_erythema_week, resp_mn_social_downtime)");

  registry.add({.path = "protocol.sterile_technique",
                .type = ParamType::boolean,
                .default_value = Value{true},
                .description = "single-use sterile needles and aseptic technique",
                .source = "model input; drives the infection hazard"});
  registry.add({.path = "timeline.sunscreen_tinted",
                .type = ParamType::boolean,
                .default_value = Value{false},
                .description = "the sunscreen is tinted (iron oxides), blocking visible light too",
                .source = "model input; drives the pigmentation hazard"});
  registry.add({.path = "timeline.lightening_agent",
                .type = ParamType::choice,
                .choices = {"none", "hydroquinone_before", "tranexamic_acid_after"},
                .default_value = Value{std::string("none")},
                .description = "skin-lightening treatment meant to prevent hyperpigmentation: a hydroquinone cream "
                               "for 2 weeks or more before the procedure, or tranexamic acid after it",
                .source = "model input; acts on the pigmentation hazard by hazards.pih_ratio_hydroquinone_before or "
                          "hazards.pih_ratio_tranexamic_acid_after (randomised trials found no effect on incidence)"});
  registry.add({.path = "timeline.wound_care",
                .type = ParamType::choice,
                .choices = {"clean", "poor"},
                .default_value = Value{std::string("clean")},
                .description = "aftercare of the treated skin until it has closed (clean hands, no make-up)",
                .source = "model input; drives the infection hazard"});
}

HazardParameters hazard_parameters_from(const ParameterSet& p) {
  const auto r = [&](const char* key) { return p.real(std::string("hazards.") + key); };
  HazardParameters h;
  h.scar_width50_um = r("scar_width50_um");
  h.scar_width_log_sd = r("scar_width_log_sd");
  h.scar_depth_fraction50 = r("scar_depth_fraction50");
  h.scar_depth_fraction_sd = r("scar_depth_fraction_sd");
  h.scar_odds_keloid = r("scar_odds_keloid");
  h.scar_odds_isotretinoin = r("scar_odds_isotretinoin");
  h.scar_given_infection = r("scar_given_infection");
  h.pih_rate_type1 = r("pih_rate_type1");
  h.pih_type_ratio = r("pih_type_ratio");
  h.pih_exponent = r("pih_exponent");
  h.pih_thermal_factor = r("pih_thermal_factor");
  h.pih_sun_gain_per_h = r("pih_sun_gain_per_h");
  h.pih_uv_share = r("pih_uv_share");
  h.pih_tint_visible_transmission = r("pih_tint_visible_transmission");
  h.pih_duration_d = r("pih_duration_d");
  h.pih_ratio_hydroquinone_before = r("pih_ratio_hydroquinone_before");
  h.pih_ratio_tranexamic_acid_after = r("pih_ratio_tranexamic_acid_after");
  h.infection_rate_per_open_day = r("infection_rate_per_open_day");
  h.infection_factor_active_acne = r("infection_factor_active_acne");
  h.infection_factor_open_wound = r("infection_factor_open_wound");
  h.infection_factor_non_sterile = r("infection_factor_non_sterile");
  h.infection_factor_product = r("infection_factor_product");
  h.infection_factor_immunosuppressed = r("infection_factor_immunosuppressed");
  h.infection_factor_wound_care = r("infection_factor_wound_care");
  h.infection_duration_d = r("infection_duration_d");
  h.visible_bleeding_points_per_cm2 = r("visible_bleeding_points_per_cm2");
  h.bleeding_time_min = r("bleeding_time_min");
  h.anticoagulant_bleeding_factor = r("anticoagulant_bleeding_factor");
  h.bruising_per_plexus_fraction = p.real("mechanics.bruising_per_plexus_fraction");
  h.anticoagulant_bruising_factor = p.real("mechanics.anticoagulant_bruising_factor");
  h.bruise_duration_d = r("bruise_duration_d");
  h.puncture_damage_share = r("puncture_damage_share");
  return h;
}

}  // namespace mnsim::response
