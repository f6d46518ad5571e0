#include "transport/permeability.hpp"

#include <cmath>

namespace mnsim::transport {

IntactModel intact_model(const ParameterSet& parameters) {
  // The registry has already restricted the value to its three choices.
  const auto name = parameters.text("transport.intact_model");
  if (name == "epa_2004") return IntactModel::epa_2004;
  return name == "fitted" ? IntactModel::fitted : IntactModel::potts_guy;
}

LipidQsar lipid_qsar(IntactModel model, const ParameterSet& parameters) {
  switch (model) {
    case IntactModel::potts_guy:
      return potts_guy_qsar;
    case IntactModel::epa_2004:
      return epa_2004_qsar;
    case IntactModel::fitted:
      break;
  }
  return {parameters.real("transport.sc_lipid_intercept"), parameters.real("transport.sc_lipid_kow_slope"), 0.0,
          parameters.real("transport.sc_lipid_sqrt_mw_slope"), parameters.real("transport.sc_lipid_donor_slope")};
}

double log_kp_lipid_cm_per_h(const LipidQsar& qsar, double log_kow, double mw_g_per_mol, double h_bond_donors) {
  return qsar.intercept_log10_cm_per_h + qsar.kow_slope * log_kow - qsar.mw_slope_per_g_mol * mw_g_per_mol -
         qsar.sqrt_mw_slope * std::sqrt(mw_g_per_mol) - qsar.donor_slope * h_bond_donors;
}

double log_kp_potts_guy_cm_per_h(double log_kow, double mw_g_per_mol) {
  return log_kp_lipid_cm_per_h(potts_guy_qsar, log_kow, mw_g_per_mol);
}

double log_kp_epa_2004_cm_per_h(double log_kow, double mw_g_per_mol) {
  return log_kp_lipid_cm_per_h(epa_2004_qsar, log_kow, mw_g_per_mol);
}

double kp_stratum_corneum_cm_per_h(IntactModel model, double log_kow, double mw_g_per_mol) {
  return std::pow(10.0, log_kp_lipid_cm_per_h(model == IntactModel::epa_2004 ? epa_2004_qsar : potts_guy_qsar, log_kow,
                                              mw_g_per_mol));
}

double kp_viable_epidermis_cm_per_h(double mw_g_per_mol) { return 2.6 / std::sqrt(mw_g_per_mol); }

double bunge_cleek_b(double kp_sc_cm_per_h, double mw_g_per_mol) {
  return kp_sc_cm_per_h / kp_viable_epidermis_cm_per_h(mw_g_per_mol);
}

double kp_with_viable_epidermis_cm_per_h(double kp_sc_cm_per_h, double mw_g_per_mol) {
  return kp_sc_cm_per_h / (1.0 + bunge_cleek_b(kp_sc_cm_per_h, mw_g_per_mol));
}

double free_diffusivity_viable_cm2_per_s(double mw_g_per_mol) {
  return std::pow(10.0, -4.15 - 0.655 * std::log10(mw_g_per_mol));
}

double epa_event_lag_h(double mw_g_per_mol) { return 0.105 * std::pow(10.0, 0.0056 * mw_g_per_mol); }

}  // namespace mnsim::transport
