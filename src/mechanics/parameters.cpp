#include "mechanics/parameters.hpp"

namespace mnsim::mechanics {

void declare_parameters(Registry& registry) {
  auto add = [&](const char* key, const char* unit, double min, double max, double value, const char* what,
                 const char* source) {
    registry.add({.path = std::string("mechanics.") + key,
                  .type = ParamType::real,
                  .unit = unit,
                  .min = min,
                  .max = max,
                  .default_value = Value{value},
                  .description = what,
                  .source = source});
  };
  add("puncture_toughness_J_per_m2", "J/m2", 50, 30000, 1136,
      "effective toughness of skin against a needle tip; puncture force F = 2 pi R_tip J",
      "porcine skin needle-insertion toughness 1.136 kJ/m2 (review in Chin J Mech Eng 2022, Table 2); "
      "reproduces single-needle forces 0.02 N at 2.5 um and 0.167 N at 18.5 um tip radius (Romgens et al. 2014) "
      "and 0.2 N at 40 um (Kanda et al. 2022, Appl Phys Express 15:106503) within a factor 1.5");
  add("indentation_beta", "", 0.5, 20, 3, "prefactor of deep indentation F = beta E delta^2 (tenting before puncture)",
      "Shojaeifard & Bacca 2025, Soft Matter (deep-indentation form); beta = 3 as in shared research "
      "mechanics.md 2.6, which gives the ~0.2 mm no-insertion threshold of Lam et al. (calibration rows: "
      "mech_lam_no_insertion)");
  add("rate_exponent", "", 0, 0.5, 0.09, "strain-rate stiffening: skin modulus scales as (speed / 1 mm/s)^exponent",
      "skin shear modulus rises several-fold (about 3.5x) over six decades of strain rate (Shergold, Fleck & "
      "Radford 2006, Int J Impact Eng 32:1384): 3.5^(1/6) per decade gives 0.09");
  add("bed_of_nails_length_mm", "mm", 0, 5, 0.22,
      "needle spacing at which neighbours double the tenting (bed-of-nails effect)",
      "calibrated: insertion falls off above about 2000 needles/cm2, pitch 0.22 mm (Yan et al. 2010, Int J "
      "Pharm 391:7, from memory); negligible at the 2-3 mm roller pitch (Potts et al. 2023, Comput Methods "
      "Biomech Biomed Eng 26:1719) (calibration rows: mech_yan2010_bed_of_nails)");
  add("shaft_friction_coefficient", "", 0.01, 1, 0.25,
      "friction coefficient between the inserted needle flank and the tissue it wedged open; under a given load "
      "a needle stops where the puncture force plus this friction times the skin modulus times the inserted "
      "flank area equals its share of the load",
      "needle-on-skin friction coefficients of 0.1-0.4 are commonly assumed (shared research mechanics.md 3.6, "
      "M-M; 0.38 in an open microneedle pull-out model there); the middle of that range. The contact pressure is "
      "taken as the modulus, the stress at the strains of order one a wedged crack holds (Shergold & Fleck 2004, "
      "Proc R Soc A 460:3037; derived)");
  add("insertion_efficiency_roller", "", 0.05, 1, 0.35,
      "share of a roller needle's travel past the tenting that enters the tissue",
      "fitted to the live-pig roller depth classes: 0.5 mm needles stay in the papillary dermis (needs at most "
      "0.40), 1.0 mm reach the reticular dermis (needs at least 0.11) (Lima et al. 2013, Surg Cosmet Dermatol "
      "5:110); below 50 % buried under 1 mm (Lam et al. 2008, Biodevices) (calibration rows: mech_lima_roller_05mm, "
      "mech_lima_roller_10mm)");
  add("insertion_efficiency_press", "", 0.05, 1, 0.45,
      "share of a stamp or patch needle's travel past the tenting that enters the tissue when a machine drives "
      "it through a set displacement with its base off the skin (protocol.press = \"displacement\"); pressed "
      "home, needles stop at their hub instead",
      "below 50 % of the pressed depth buried for steel needles under 1 mm (Lam et al. 2008, Biodevices) "
      "(calibration rows: mech_lam_buried_half)");
  add("insertion_efficiency_pen", "", 0.05, 1, 0.75,
      "share of a pen needle's stroke past the tenting that enters the tissue",
      "bounded by two weak sources: histological channel depths 'closely approximated' the 0.5 and 1.5 mm "
      "settings in excised facial skin (Sasaki 2019, Aesthet Surg J Open Forum 1:ojz017, qualitative), which asks "
      "for a high value; no visible bleeding at a 0.25 mm setting (data/validation/bleeding_onset.csv), which "
      "needs at most about 0.75 (calibration rows: mech_sasaki_pen_05mm, mech_sasaki_pen_15mm, "
      "mech_bleeding_pen_025mm)");
  add("channel_depth_recoil", "", 0.05, 1, 0.64,
      "residual channel depth after withdrawal as a share of the depth reached",
      "fitted to the hairless-rat roller channel depth 152.5 um with 770 um needles (Kalluri, Kolli & Banga "
      "2011, AAPS J 13:473) given insertion_efficiency_roller (calibration rows: mech_kalluri_channel_depth)");
  add("channel_radius_recoil", "", 0.05, 1, 0.5,
      "residual channel radius at the surface as a share of the needle radius there",
      "open radius relaxes to 0.3-0.5 of the needle radius (shared research mechanics.md 4.2); surface "
      "diameter 70.7 um for a 140 um needle base (Kalluri et al. 2011) (calibration rows: "
      "mech_kalluri_surface_diameter)");
  add("depth_cv", "", 0, 1, 0.1, "puncture-to-puncture coefficient of variation of the depth reached",
      "Kalluri et al. 2011: channel depth SD 9.6 um on 152.5 um (6 %), raised to 10 % for hand pressure "
      "(calibration rows: mech_kalluri_channel_depth)");
  add("skin_stiffness_scale", "", 0.1, 10, 1,
      "multiplies the reticular-dermis Young's modulus of the skin atlas (sensitivity studies)", "model input");
  add("relaxed_modulus_ratio", "", 0.05, 1, 0.28,
      "share of the skin's modulus left once it has relaxed under a held load (a patch held on the skin under a "
      "given force creeps deeper as the flank friction relaxes)",
      "steady-state residual stress ratio G = 0.28 +/- 0.13 of freshly excised mouse skin in compression, one-term "
      "quasi-linear viscoelasticity, 139 samples (Wang Y et al. 2015, PLoS One 10:e0120897, PMC4372409, "
      "abstract); 0.47 +/- 0.17 at larger stretch in the same study");
  add("relaxation_time_s", "s", 0.01, 100, 0.19, "time constant of that relaxation",
      "tau = 0.19 +/- 0.10 s, same study (Wang et al. 2015, PLoS One 10:e0120897); human skin in vivo: a slow "
      "exponential of 0.1-1 s after a step in pressure (Visco-elastic response of human skin and aging, 2013, "
      "PMID 23604906, abstract)");
  add("bruising_per_plexus_fraction", "", 0, 10, 0.007,
      "bruising odds per session per unit share of punctures that reach the superficial plexus",
      "calibrated to bruising (ecchymoses) in up to 2.8 % of acne-scar microneedling patients (acne.org summary "
      "of published studies, a secondary source: data/validation/bruising_incidence.csv), a rate per patient over "
      "the course: deep treatments (a 2.0 mm pen on the face, most punctures at the plexus) over 4 independent "
      "sessions give 2.7 % of patients (0.028, fitted before to one session, gave 10.6 % over the course) "
      "(calibration rows: mech_bruising_acne_scar)");
  add("anticoagulant_bruising_factor", "", 1, 10, 2,
      "multiplies the bruising odds for patients on anticoagulants or antiplatelets",
      "assumption, not calibrated: anticoagulation is a listed caution for bleeding and bruising "
      "(FDA De Novo DEN160029 labelling)");
}

}  // namespace mnsim::mechanics
