#pragma once
// Intact-skin permeability of a compound from its MW and log Kow: the empirical QSARs for the
// stratum corneum, the viable-epidermis correction and the viable-tissue diffusivity. Pure
// functions; the equations and their limits are in shared research transport.md 1.1 and 1.3.
#include <string_view>

#include "core/parameter_set.hpp"

namespace mnsim::transport {

constexpr double seconds_per_hour = 3600.0;

// Intercepts of the Potts & Guy 1992 QSAR: as published (Kp in cm/s) and as coded in the CDC/NIOSH
// finite-dose skin permeation calculator (Kp in cm/h). They differ by log10(3600); mnsim uses
// the cm/h form throughout, as the EPA event-based equations do.
constexpr double potts_guy_intercept_cm_per_s = -6.3;
constexpr double potts_guy_intercept_cm_per_h = -2.7437;

// Stratum corneum permeability QSAR chosen with transport.intact_model.
enum class IntactModel { potts_guy, epa_2004, fitted };
IntactModel intact_model(const ParameterSet& parameters);

// The lipid route of the stratum corneum:
// log10 Kp [cm/h] = intercept + kow_slope log10 Kow - mw_slope MW - sqrt_mw_slope sqrt(MW)
//                   - donor_slope (H-bond donors).
// Potts & Guy (MW) and the modified Robinson model of Wilschut et al. 1995 (sqrt(MW)) derive it
// from Kp = K D / h with K = Kow^kow_slope and a diffusivity that falls with size. Each hydrogen-
// bond donor group slows diffusion through the lipids further, beyond what Kow says about the
// partition (Potts & Guy 1995, Pharm Res 12:1628; Roberts, Pugh & Hadgraft 1996, Int J Pharm
// 132:23); the published Potts-Guy and EPA forms have no such term.
struct LipidQsar {
  double intercept_log10_cm_per_h = 0.0;
  double kow_slope = 0.0;
  double mw_slope_per_g_mol = 0.0;
  double sqrt_mw_slope = 0.0;
  double donor_slope = 0.0;
};
// The two published QSARs' coefficients, once (log_kp_potts_guy_cm_per_h and
// log_kp_epa_2004_cm_per_h below evaluate them).
inline constexpr LipidQsar potts_guy_qsar{potts_guy_intercept_cm_per_h, 0.71, 0.0061, 0.0, 0.0};
inline constexpr LipidQsar epa_2004_qsar{-2.80, 0.66, 0.0056, 0.0, 0.0};
// The coefficients of the chosen model: Potts-Guy and EPA 2004 as published, `fitted` from the
// registry (transport.sc_lipid_*, fitted on calibration rows by tools/fit_intact_kp.py).
LipidQsar lipid_qsar(IntactModel model, const ParameterSet& parameters);
double log_kp_lipid_cm_per_h(const LipidQsar& qsar, double log_kow, double mw_g_per_mol, double h_bond_donors = 0.0);

// log10 Kp [cm/h], Potts RO, Guy RH 1992, Pharm Res 9:663 (aqueous donor, neutral species).
double log_kp_potts_guy_cm_per_h(double log_kow, double mw_g_per_mol);
// log10 Kp [cm/h], US EPA 2004 RAGS Part E (EPA/540/R/99/005) refit of the Potts-Guy form.
double log_kp_epa_2004_cm_per_h(double log_kow, double mw_g_per_mol);
// Kp [cm/h] of the stratum corneum by the chosen QSAR.
double kp_stratum_corneum_cm_per_h(IntactModel model, double log_kow, double mw_g_per_mol);

// Bunge AL, Cleek RL 1995, Pharm Res 12:88 (after Cleek & Bunge 1993, Pharm Res 10:497):
// the viable epidermis, an aqueous layer, adds a resistance that limits lipophilic small
// molecules. Kp,ve = 2.6/sqrt(MW) [cm/h] as in US EPA 2004 RAGS Part E.
double kp_viable_epidermis_cm_per_h(double mw_g_per_mol);
// B = Kp,sc / Kp,ve: the ratio of stratum corneum to viable epidermis permeability.
double bunge_cleek_b(double kp_sc_cm_per_h, double mw_g_per_mol);
// Kp of stratum corneum and viable epidermis in series: Kp,sc / (1 + B).
double kp_with_viable_epidermis_cm_per_h(double kp_sc_cm_per_h, double mw_g_per_mol);

// Free (unbound) diffusivity in viable epidermis and dermis [cm2/s]:
// 10^(-4.15 - 0.655 log10 MW), Kretsos K, Miller MA, Zamora-Estrada G, Kasting GB 2008,
// Int J Pharm 346:64, as coded in the CDC/NIOSH finite-dose calculator.
double free_diffusivity_viable_cm2_per_s(double mw_g_per_mol);

// Lag time constant of the stratum corneum [h]: tau_event = 0.105 * 10^(0.0056 MW),
// US EPA 2004 RAGS Part E, event-based dermally absorbed dose.
double epa_event_lag_h(double mw_g_per_mol);

}  // namespace mnsim::transport
