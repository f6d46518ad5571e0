#include "transport/parameters.hpp"

#include <cstdint>
#include <string>

#include "transport/channel_closure.hpp"
#include "transport/exposure_uncertainty.hpp"

namespace mnsim::transport {

namespace {

// The source of the three coefficients of the fitted intact stratum corneum QSAR, fitted together.
constexpr const char* intact_qsar_fit_source =
    "least squares on log10 Kp over every third human Kp row of the HuskinDB compilation (Stepanov D et al. Sci "
    "Data 2020, doi 10.1038/s41597-020-00764-z), sorted by id, the rule fixed before fitting; "
    "tools/fit_intact_kp.py: RMSE 0.656 on them, 0.551 on the 69 validation rows (0.583 without the H-bond donor term, "
    "Potts-Guy 0.621); the square root of MW of the modified Robinson model, Wilschut A et al. Chemosphere "
    "1995;30:1275 (calibration rows: "
    "tr_kp_aldosterone_johnson95, tr_kp_atropine_michaels, tr_kp_benzocaine_roy93, tr_kp_butanol_sch67, "
    "tr_kp_caffeine_akomeah, tr_kp_chlorpheniramine_michaels, tr_kp_corticosterone_johnson96, "
    "tr_kp_dexamethasone_johnson96, tr_kp_digitoxin_michaels, tr_kp_estriol_sch69, tr_kp_ethoxyethanol_sch67, "
    "tr_kp_hc_hemisuccinate_anderson, tr_kp_hc_methylpimelate_anderson, tr_kp_hc_pimelamate_anderson, "
    "tr_kp_hydrocortisone_johnson95, tr_kp_m_nitrophenol_roberts, tr_kp_methyl_aminobenzoate_roy93, "
    "tr_kp_nitroglycerin_michaels, tr_kp_o_cresol_roberts, tr_kp_p_chlorophenol_roberts, "
    "tr_kp_p_nitrophenol_roberts, tr_kp_pregnenolone_sch69, tr_kp_raffinose_peck, tr_kp_sucrose_peck, "
    "tr_kp_trichlorophenol_246_roberts)";

}  // namespace

void declare_parameters(Registry& registry) {
  registry.add({.path = "product[].name",
                .type = ParamType::string,
                .description = "name of the product as it appears in outputs (required)",
                .source = "model input"});
  registry.add({.path = "product[].compound",
                .type = ParamType::string,
                .default_value = Value{std::string("caffeine")},
                .description = "active compound: a name in data/compounds/compounds.csv, or a name of your own with "
                               "mw_g_per_mol",
                .source = "model input"});
  registry.add(
      {.path = "product[].mw_g_per_mol",
       .type = ParamType::real,
       .unit = "g/mol",
       .min = 10.0,
       .max = 1e7,
       .optional = true,
       .description = "molecular weight replacing the library value, or defining a compound not in the library",
       .source = "model input; library values in data/compounds/compounds.csv"});
  registry.add(
      {.path = "product[].log_kow",
       .type = ParamType::real,
       .min = -10.0,
       .max = 10.0,
       .optional = true,
       .description = "log10 octanol/water partition coefficient (neutral species) replacing the library value",
       .source = "model input; library values in data/compounds/compounds.csv"});
  registry.add({.path = "product[].pka_acid",
                .type = ParamType::real,
                .min = -5.0,
                .max = 20.0,
                .optional = true,
                .description = "lowest acidic pKa replacing the library value (sets the ionised share at pH 7.4)",
                .source = "model input; library values in data/compounds/compounds.csv"});
  registry.add({.path = "product[].pka_base",
                .type = ParamType::real,
                .min = -5.0,
                .max = 20.0,
                .optional = true,
                .description = "pKa of the conjugate acid of the most basic group, replacing the library value",
                .source = "model input; library values in data/compounds/compounds.csv"});
  registry.add({.path = "product[].h_bond_donors",
                .type = ParamType::real,
                .min = 0.0,
                .max = 100.0,
                .optional = true,
                .description = "hydrogen-bond donor groups of the molecule (N and O atoms bearing a hydrogen, as "
                               "PubChem's Hydrogen Bond Donor Count), replacing the library value; a compound of your "
                               "own without it counts as having none, which overstates the intact permeability of "
                               "one with OH or NH groups (transport.sc_lipid_donor_slope)",
                .source = "model input; library values in data/compounds/compounds.csv"});
  registry.add({.path = "product[].intact_kp_cm_per_h",
                .type = ParamType::real,
                .unit = "cm/h",
                .min = 1e-10,
                .max = 1.0,
                .optional = true,
                .description = "measured permeability coefficient of intact stratum corneum for this product "
                               "(steady flux / donor concentration), replacing the QSAR and the polar pathway",
                .source = "model input (e.g. the user's own Franz-cell run on untreated skin)"});
  registry.add({.path = "product[].ph",
                .type = ParamType::real,
                .min = 0.0,
                .max = 14.0,
                .default_value = Value{7.4},
                .description = "pH of the product on the skin: sets the un-ionised share of the compound that enters "
                               "the stratum corneum lipids (the tissues below stay at 7.4; no effect on the channels "
                               "or on a measured intact_kp_cm_per_h)",
                .source = "pH-partition: only the un-ionised species partitions into the lipids (the f_non of the "
                          "Kretsos et al. 2008 Int J Pharm 346:64 tissue model, transport.md 1.3); default 7.4, the "
                          "buffered (PBS) donor of Franz-cell studies"});
  registry.add({.path = "product[].concentration_pct",
                .type = ParamType::real,
                .unit = "% w/w",
                .min = 0.0,
                .max = 100.0,
                .default_value = Value{1.0},
                .description = "concentration of the compound in the product",
                .source = "model input"});
  registry.add({.path = "product[].dose_mg_per_cm2",
                .type = ParamType::real,
                .unit = "mg/cm2",
                .min = 0.0,
                .max = 500.0,
                .default_value = Value{2.0},
                .description = "applied amount of product (cosmetic in-use doses are about 1-2 mg/cm2; a numbing "
                               "cream under a dressing is put on as a thick layer, 100-150 mg/cm2)",
                .source = "OECD TG 428 and cosmetic in-use doses (shared research transport.md 1.5, from memory)"});
  registry.add({.path = "product[].volatile_fraction",
                .type = ParamType::real,
                .unit = "1",
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.0},
                .description = "mass fraction of a finite dose that evaporates from the skin while not occluded (the "
                               "water of a serum, the ethanol of a tonic); the compound stays and concentrates up to "
                               "its saturation",
                .source = "model input; film evaporation as in the finite-dose models (Kasting & Miller 2006, J Pharm "
                          "Sci 95:268; CDC/NIOSH finite-dose calculator; transport.md 1.4)"});
  registry.add({.path = "product[].solvent",
                .type = ParamType::choice,
                .choices = {"water", "ethanol"},
                .default_value = Value{std::string("water")},
                .description = "the volatile part of the product (sets how fast it evaporates)",
                .source = "model input"});
  registry.add({.path = "product[].saturation_mg_per_ml",
                .type = ParamType::real,
                .unit = "mg/mL",
                .min = 1e-9,
                .max = 2000.0,
                .optional = true,
                .description = "solubility of the compound in the product and in what stays on the skin as it "
                               "dries; default: its water solubility in data/compounds/compounds.csv at the "
                               "product's pH. Below the applied concentration the product is a suspension: the "
                               "dissolved part sets the flux, the rest dissolves as it is taken up",
                .source = "model input; library water solubilities in data/compounds/compounds.csv, raised by the "
                          "ionised species at the product's pH (Henderson-Hasselbalch log S - pH profiles; Avdeef, "
                          "Absorption and Drug Development, Wiley 2003, ch. 6)"});
  registry.add({.path = "experiment.skin_surface_c",
                .type = ParamType::real,
                .unit = "C",
                .min = 15.0,
                .max = 42.0,
                .default_value = Value{32.0},
                .description = "temperature of the skin surface (sets the solvent's vapour pressure)",
                .source = "default of the CDC/NIOSH finite-dose skin permeation calculator (transport.md 1.4)"});
  registry.add({.path = "experiment.air_speed_m_per_s",
                .type = ParamType::real,
                .unit = "m/s",
                .min = 0.01,
                .max = 10.0,
                .default_value = Value{0.165},
                .description = "air speed over the skin (0.165 indoors, 0.72 outdoors): sets how fast the film "
                               "evaporates",
                .source = "indoor and outdoor defaults of the CDC/NIOSH finite-dose skin permeation calculator "
                          "(transport.md 1.4)"});
  registry.add({.path = "experiment.relative_humidity",
                .type = ParamType::real,
                .unit = "1",
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.5},
                .description = "relative humidity of the air (slows the evaporation of water, not of ethanol)",
                .source = "assumption: mid value of usual indoor air, not a measurement"});
  registry.add({.path = "product[].applied_h",
                .type = ParamType::real,
                .unit = "h",
                .min = -168.0,
                .max = 8760.0,
                .default_value = Value{0.0},
                .description = "time of application relative to the start of the session",
                .source = "model input"});
  registry.add({.path = "product[].removed_h",
                .type = ParamType::real,
                .unit = "h",
                .min = -168.0,
                .max = 8760.0,
                .optional = true,
                .description = "time the product is wiped off, relative to the start of the session like applied_h "
                               "(e.g. a numbing cream taken off before the needles): what is left on the skin is "
                               "removed, and nothing more enters",
                .source = "model input (OECD TG 428: the exposure period ends with a surface wash)"});
  registry.add({.path = "product[].applications",
                .type = ParamType::integer,
                .min = 1.0,
                .max = 1000.0,
                .default_value = Value{std::int64_t{1}},
                .description = "times a finite dose is applied: at applied_h, then every interval_h (each a fresh "
                               "film of dose_mg_per_cm2 on what is left of the last)",
                .source = "model input (e.g. a serum twice a day after the session)"});
  registry.add({.path = "product[].interval_h",
                .type = ParamType::real,
                .unit = "h",
                .min = 0.05,
                .max = 720.0,
                .default_value = Value{12.0},
                .description = "time between applications of the product (product[].applications > 1)",
                .source = "model input"});
  registry.add({.path = "product[].volume_l_per_kg",
                .type = ParamType::real,
                .unit = "L/kg",
                .min = 0.01,
                .max = 100.0,
                .optional = true,
                .description = "volume of distribution of the compound in the body (one compartment), replacing "
                               "data/compounds/pharmacokinetics.csv; with clearance_ml_per_min_per_kg it gives the "
                               "plasma concentration of in vivo runs",
                .source = "model input (the compound's published disposition)"});
  registry.add({.path = "product[].clearance_ml_per_min_per_kg",
                .type = ParamType::real,
                .unit = "mL/min/kg",
                .min = 0.01,
                .max = 1000.0,
                .optional = true,
                .description = "total body clearance of the compound, replacing data/compounds/pharmacokinetics.csv",
                .source = "model input (the compound's published disposition)"});
  registry.add({.path = "product[].target_layer",
                .type = ParamType::choice,
                .choices = {"stratum_corneum", "viable_epidermis", "papillary_dermis", "reticular_dermis"},
                .default_value = Value{std::string("viable_epidermis")},
                .description = "skin layer the product is meant for (with target_ug_per_ml): e.g. the viable "
                               "epidermis for an antiviral or a depigmenting agent, the papillary dermis for a "
                               "numbing agent",
                .source = "model input"});
  registry.add({.path = "product[].target_ug_per_ml",
                .type = ParamType::real,
                .unit = "ug/mL",
                .min = 1e-9,
                .max = 1e6,
                .optional = true,
                .description = "concentration the product is meant to reach in target_layer (e.g. an effective "
                               "concentration): the summary says for how many hours the layer's mean concentration "
                               "is at or above it, with and without treatment",
                .source = "model input (e.g. a published effective concentration of the active)"});
  registry.add(
      {.path = "product[].intradermal_grade",
       .type = ParamType::boolean,
       .default_value = Value{false},
       .description = "sterile and meant for intradermal use (otherwise a caution when applied to open channels)",
       .source = "model input"});
  registry.add({.path = "experiment.mode",
                .type = ParamType::choice,
                .choices = {"in_vivo", "franz_cell"},
                .default_value = Value{std::string("in_vivo")},
                .description = "living skin with dermal clearance, or excised skin over a receptor (Franz cell)",
                .source = "model input"});
  registry.add({.path = "experiment.duration_h",
                .type = ParamType::real,
                .unit = "h",
                .min = 0.01,
                .max = 8760.0,
                .default_value = Value{48.0},
                .description = "simulated time after the session for transport",
                .source = "model input"});
  registry.add({.path = "transport.intact_model",
                .type = ParamType::choice,
                .choices = {"fitted", "potts_guy", "epa_2004"},
                .default_value = Value{std::string("fitted")},
                .description =
                    "QSAR for the lipid route of the intact stratum corneum (permeability Kp from MW and "
                    "log Kow; the polar route is added to it): the modified Robinson form with the coefficients "
                    "transport.sc_lipid_* (fitted), or as published",
                .source = "potts_guy: Potts & Guy 1992, Pharm Res 9:663; epa_2004: US EPA 2004, RAGS Part E "
                          "(EPA/540/R/99/005); fitted: the lipid route of the modified Robinson model (Wilschut et al. "
                          "1995, Chemosphere 30:1275) fitted by tools/fit_intact_kp.py; its calibration is that of "
                          "transport.sc_lipid_intercept, transport.sc_lipid_kow_slope, "
                          "transport.sc_lipid_sqrt_mw_slope and transport.sc_lipid_donor_slope"});
  registry.add({.path = "transport.sc_lipid_intercept",
                .type = ParamType::real,
                .unit = "log10 cm/h",
                .min = -4.0,
                .max = 1.0,
                .default_value = Value{-1.3213},
                .description = "intercept of the fitted lipid-route QSAR of the stratum corneum, log10 Kp = intercept "
                               "+ kow_slope log10 Kow - sqrt_mw_slope sqrt(MW) - donor_slope (H-bond donors) "
                               "(transport.intact_model = fitted)",
                .source = intact_qsar_fit_source});
  registry.add(
      {.path = "transport.sc_lipid_kow_slope",
       .type = ParamType::real,
       .min = 0.2,
       .max = 1.2,
       .default_value = Value{0.6247},
       .description = "log Kow slope of the fitted lipid-route QSAR (the lipid/water partition's power of Kow)",
       .source = intact_qsar_fit_source});
  registry.add({.path = "transport.sc_lipid_sqrt_mw_slope",
                .type = ParamType::real,
                .unit = "1/sqrt(g/mol)",
                .min = 0.0,
                .max = 0.5,
                .default_value = Value{0.1554},
                .description = "square-root-of-MW slope of the fitted lipid-route QSAR (log10 units; the fall of the "
                               "diffusivity with size)",
                .source = intact_qsar_fit_source});
  registry.add({.path = "transport.sc_lipid_donor_slope",
                .type = ParamType::real,
                .unit = "log10 per donor",
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.1987},
                .description = "fall of log10 Kp of the fitted lipid-route QSAR per hydrogen-bond donor group (the "
                               "slower diffusion of H-bonding solutes through the stratum corneum lipids)",
                .source = std::string(intact_qsar_fit_source) +
                          "; the donor term: H-bond donor activity lowers the stratum corneum permeability beyond "
                          "the octanol partition (Potts RO, Guy RH 1995, Pharm Res 12:1628; Roberts MS, Pugh WJ, "
                          "Hadgraft J 1996, Int J Pharm 132:23), both from memory"});
  registry.add({.path = "transport.ion_pair_log_drop",
                .type = ParamType::real,
                .min = 1.0,
                .max = 8.0,
                .default_value = Value{3.0},
                .description = "how far below the neutral species' log10 octanol/water partition the ionised species "
                               "partitions (as an ion pair with the vehicle's counter-ions): the lipid route of an "
                               "ionised compound",
                .source = "octanol/0.1 M salt: propranolol cation 2.73 and benzoate 3.16 log units below the neutral "
                          "species (Avdeef A. J Pharm Sci 1993;82:183, abstract); the usual 3-4 for amines varies by "
                          "more than 3 units (Scherrer RA, Donovan SF. Anal Chem 2009;81:2768, abstract)"});

  registry.add({.path = "product[].dose_type",
                .type = ParamType::choice,
                .choices = {"finite", "infinite"},
                .default_value = Value{std::string("finite")},
                .description = "finite: the applied film depletes; infinite: the concentration on the skin stays fixed "
                               "(a reservoir or a Franz-cell donor)",
                .source = "OECD TG 428 (finite vs infinite dose); Kasting 2001, J Pharm Sci 90:202"});
  registry.add(
      {.path = "experiment.membrane_um",
       .type = ParamType::real,
       .unit = "um",
       .min = 20.0,
       .max = 10000.0,
       .optional = true,
       .description = "thickness of excised skin over the receptor (franz_cell); default: epidermis and dermis",
       .source = "model input; dermatomed skin is typically 400-1000 um (transport.md 1.4)"});
  registry.add({.path = "transport.geometry",
                .type = ParamType::choice,
                .choices = {"unit_cell", "patch"},
                .default_value = Value{std::string("unit_cell")},
                .description = "domain of resolved runs: the periodic cell around one typical channel of a regular "
                               "array, or a patch at the centre of the treated area with every puncture where it fell "
                               "(its own depth and radius; walls without flux)",
                .source = "model input"});
  registry.add({.path = "transport.patch_mm",
                .type = ParamType::real,
                .unit = "mm",
                .min = 0.05,
                .max = 10.0,
                .default_value = Value{0.5},
                .description = "side of the square patch of transport.geometry = patch",
                .source = "model input"});
  registry.add({.path = "transport.grid_um",
                .type = ParamType::real,
                .unit = "um",
                .min = 1.0,
                .max = 50.0,
                .default_value = Value{5.0},
                .description = "voxel side of resolved runs (run.fidelity = resolved)",
                .source = "model input"});
  registry.add({.path = "transport.max_step_s",
                .type = ParamType::real,
                .unit = "s",
                .min = 0.01,
                .max = default_max_step_s,
                .default_value = Value{default_max_step_s},
                .description = "longest time step of resolved runs (also at most a tenth of the experiment); the "
                               "steps themselves follow transport.tolerance",
                .source = "model input"});
  registry.add({.path = "transport.tolerance",
                .type = ParamType::real,
                .unit = "1",
                .min = 1e-5,
                .max = 0.03,
                .default_value = Value{1e-3},
                .description =
                    "relative error allowed per step of resolved runs (step doubling); 1e-3 keeps the 1 h and "
                    "24 h amounts within 2 % of converged on the hardest verification channel, 1e-4 within "
                    "0.05 % (docs/models.md)",
                .source = "verification tests (tests/transport/resolved_solver_test.cpp)"});
  registry.add({.path = "transport.max_voxels",
                .type = ParamType::integer,
                .min = 1,
                .max = 2000000000.0,
                .default_value = Value{std::int64_t{20000000}},
                .description =
                    "largest resolved grid accepted: the symmetric quarter of the unit cell, 33 bytes per voxel; "
                    "a grid larger than this machine's memory is refused whatever the cap",
                .source = "model input"});
  declare_closure_parameters(registry);
  declare_uncertainty_parameters(registry);

  registry.add(
      {.path = "timeline.occlusion_h",
       .type = ParamType::real,
       .unit = "h",
       .min = 0.0,
       .max = 720.0,
       .default_value = Value{0.0},
       .description =
           "hours the treated area stays occluded after each session (slows channel closure; 0 = left open to air)",
       .source = "occlusion delays closure: Kalluri H, Kolli CS, Banga AK 2011, AAPS J 13:473; Gupta J et al. 2011, J "
                 "Control Release 154:148"});
  registry.add({.path = "timeline.topical_nsaid",
                .type = ParamType::boolean,
                .default_value = Value{false},
                .description =
                    "a topical non-steroidal anti-inflammatory (e.g. diclofenac) on the treated area after the "
                    "session, which keeps channels open much longer",
                .source = "Brogden NK, Banks SL, Crofford LJ, Stinchcomb AL 2013, Pharm Res 30:1947 (7 days vs 72 h)"});
}

}  // namespace mnsim::transport
