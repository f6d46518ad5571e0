#include "transport/permeability.hpp"

#include <cmath>

namespace mnsim::transport {

IntactModel intact_model(const ParameterSet& parameters) {
  // The registry has already restricted the value to its two choices.
  return parameters.text("transport.intact_model") == "epa_2004" ? IntactModel::epa_2004 : IntactModel::potts_guy;
}

double log_kp_potts_guy_cm_per_h(double log_kow, double mw_g_per_mol) {
  return potts_guy_intercept_cm_per_h + 0.71 * log_kow - 0.0061 * mw_g_per_mol;
}

double log_kp_epa_2004_cm_per_h(double log_kow, double mw_g_per_mol) {
  return -2.80 + 0.66 * log_kow - 0.0056 * mw_g_per_mol;
}

double kp_stratum_corneum_cm_per_h(IntactModel model, double log_kow, double mw_g_per_mol) {
  const double log_kp = model == IntactModel::epa_2004 ? log_kp_epa_2004_cm_per_h(log_kow, mw_g_per_mol)
                                                       : log_kp_potts_guy_cm_per_h(log_kow, mw_g_per_mol);
  return std::pow(10.0, log_kp);
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
