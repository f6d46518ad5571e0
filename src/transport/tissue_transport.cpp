#include "transport/tissue_transport.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mnsim::transport {

namespace {

constexpr double um2_per_cm2 = 1e8;
constexpr double boltzmann_J_per_K = 1.380649e-23;
constexpr double avogadro_per_mol = 6.02214076e23;
constexpr double skin_temperature_K = 305.15;      // 32 C skin surface (transport.md 1.4)
constexpr double water_viscosity_Pa_s = 0.765e-3;  // at 32 C (CRC Handbook, from memory)
// Partial specific volume typical of proteins (0.73 cm3/g, textbook value, assumed for small solutes too).
constexpr double partial_specific_volume_cm3_per_g = 0.73;

// Kretsos et al. 2008 (Int J Pharm 346:64) binding factor with no plasma-protein binding data
// (unbound fraction 1): only the lipid term f_lip f_non Kow remains, f_lip = 0.001.
double dermal_binding(double kow, double neutral_fraction) { return 1.0 + 0.001 * neutral_fraction * kow; }

}  // namespace

double neutral_fraction_at_ph(const Compound& compound, double ph) {
  double ionised = 0.0;
  if (compound.pka_acid) ionised += std::pow(10.0, ph - *compound.pka_acid);
  if (compound.pka_base) ionised += std::pow(10.0, *compound.pka_base - ph);
  return 1.0 / (1.0 + ionised);
}

double water_diffusivity_cm2_per_s(double mw_g_per_mol) {
  const double volume_m3 = mw_g_per_mol * partial_specific_volume_cm3_per_g / avogadro_per_mol * 1e-6;
  const double radius_m = std::cbrt(3.0 * volume_m3 / (4.0 * std::numbers::pi));
  const double d_m2_per_s =
      boltzmann_J_per_K * skin_temperature_K / (6.0 * std::numbers::pi * water_viscosity_Pa_s * radius_m);
  return d_m2_per_s * 1e4;
}

std::vector<double> layer_faces(const TissueTransport& tissue, double depth_um, double extra_face_um) {
  std::vector<double> faces{0.0, depth_um};
  double top = 0.0;
  for (const auto& layer : tissue.layers) {
    top += layer.thickness_um;
    if (top < depth_um) faces.push_back(top);
  }
  if (extra_face_um > 0.0 && extra_face_um < depth_um) faces.push_back(extra_face_um);
  std::sort(faces.begin(), faces.end());
  const auto same = [](double p, double q) { return std::abs(p - q) < 1e-9; };
  faces.erase(std::unique(faces.begin(), faces.end(), same), faces.end());
  return faces;
}

std::vector<double> graded_depth_cells(const TissueTransport& tissue, double depth_um, double extra_face_um,
                                       const DepthGrading& grading) {
  const auto b = layer_faces(tissue, depth_um, extra_face_um);
  const double sc_bottom = tissue.layers[0].thickness_um;
  std::vector<double> cells;
  double last = grading.fine_um;
  for (std::size_t s = 0; s + 1 < b.size(); ++s) {
    double a = b[s];
    const double end = b[s + 1];
    if (end <= sc_bottom + 1e-9) {
      const auto n =
          std::max(grading.sc_cells, static_cast<std::size_t>(std::ceil((end - a) / grading.sc_cell_um - 1e-9)));
      cells.insert(cells.end(), n, (end - a) / static_cast<double>(n));
      continue;
    }
    while (a < end - 1e-9) {
      const double target = a < grading.fine_until_um ? grading.fine_um : std::min(grading.coarsest_um, last * 1.15);
      const double remaining = end - a;
      double h = remaining <= 1.5 * target ? remaining : target;
      if (remaining > 1.5 * target && remaining < 2.0 * target) h = 0.5 * remaining;
      cells.push_back(h);
      last = std::max(h, grading.fine_um);
      a += h;
    }
  }
  return cells;
}

TissueTransport tissue_transport(const Compound& compound, const skin::SkinModel& skin,
                                 const IntactPrediction& prediction, bool in_vivo) {
  TissueTransport out;
  const double mw = compound.mw_g_per_mol;
  out.neutral_fraction = neutral_fraction_at_ph(compound, tissue_ph);
  out.vehicle_neutral_fraction = neutral_fraction_at_ph(compound, compound.vehicle_ph);
  // A salt or polyion without a measured log Kow crosses the lipids as if Kow were zero; only
  // the polar pathway below carries it.
  const double kow = compound.log_kow ? std::pow(10.0, *compound.log_kow) : 0.0;
  // pH-partition: the stratum corneum lipids take up the un-ionised share of the product at the
  // product's pH, and the ionised share as ion pairs, ion_pair_log_drop log units less readily;
  // the viable tissues below buffer it to 7.4 (dermal binding below).
  const double ionised = 1.0 - out.vehicle_neutral_fraction;
  const double effective_kow =
      kow * (out.vehicle_neutral_fraction + ionised * std::pow(10.0, -prediction.ion_pair_log_drop));

  // Stratum corneum: the QSAR Kp of the neutral species, scaled by the neutral fraction, plus
  // the polar (aqueous pore) pathway Kp,pol = 1.519e-4 / sqrt(MW) cm/h of the modified
  // Robinson model (Wilschut et al. 1995, Chemosphere 30:1275) that carries ions. That pathway
  // is fitted to human skin; animal skin, with far more follicles, passes polar compounds and
  // ions more readily, by the species' polar_pathway_factor (data/skin/layer_properties.csv).
  const double kp_lipid = effective_kow > 0.0
                              ? std::pow(10.0, log_kp_lipid_cm_per_h(prediction.qsar, std::log10(effective_kow), mw,
                                                                     compound.h_bond_donors.value_or(0.0)))
                              : 0.0;
  const auto& sc_properties = *skin.layer(skin::LayerId::stratum_corneum).properties;
  const auto polar_factor = sc_properties.find("polar_pathway_factor");
  const double species_factor = polar_factor == sc_properties.end() ? 1.0 : polar_factor->second.value;
  if (polar_factor != sc_properties.end() && species_factor > 0.0) {
    out.polar_factor_low = polar_factor->second.low / species_factor;
    out.polar_factor_high = polar_factor->second.high / species_factor;
  }
  // Both routes refer to the abdominal and breast skin of the in vitro data; other sites pass
  // more (the follicle-rich face) or less (the arm) by the site's permeability factor
  // (data/skin/site_properties.csv).
  const auto site_factor_entry = sc_properties.find("permeability_factor");
  const double site_factor = site_factor_entry == sc_properties.end() ? 1.0 : site_factor_entry->second.value;
  // A measured Kp of the product on the user's skin replaces both pathways.
  const double polar_kp = site_factor * species_factor * 1.519e-4 / std::sqrt(mw);
  out.kp_polar_cm_per_h = compound.intact_kp_cm_per_h ? 0.0 : polar_kp;
  out.kp_stratum_corneum_cm_per_h =
      compound.intact_kp_cm_per_h.value_or(site_factor * kp_lipid + out.kp_polar_cm_per_h);
  // Partially hydrated SC/water partition, Nitsche/Wang/Kasting as coded in the CDC/NIOSH
  // finite-dose calculator (transport.md 1.2); D_sc follows from Kp = K D / h.
  const auto k_sc = [](double k) { return 0.04 * std::pow(k, 0.81) + 0.359 + 4.057 * std::pow(k, 0.27); };
  // The two routes run in parallel, each with its own capacity: the lipid route holds the
  // compound at K_sc, the aqueous pores only in their water, K_sc at Kow -> 0 (the formula's
  // hydration term). One layer stands for both with the capacity of the route that carries the
  // flux (weighted by each route's share of Kp): with the lipid capacity alone, a salt crossing
  // mostly by the pores waited for lipids that carry little of it to fill (almotriptan on pig ear
  // skin, 59 % by the pores: a lag of 84 h, now 40 h).
  // A measured Kp sets how much crosses, not by which route: the shares stay the predicted ones.
  const double predicted_kp = site_factor * kp_lipid + polar_kp;
  const double polar_share = predicted_kp > 0.0 ? polar_kp / predicted_kp : 0.0;
  auto& sc = out.layers[0];
  sc.thickness_um = skin.layer(skin::LayerId::stratum_corneum).thickness_um;
  sc.partition = (1.0 - polar_share) * k_sc(effective_kow) + polar_share * k_sc(0.0);
  const double kp_um_per_s = out.kp_stratum_corneum_cm_per_h * 1e4 / seconds_per_hour;
  sc.diffusivity_um2_per_s = kp_um_per_s * sc.thickness_um / sc.partition;

  // Viable epidermis, dermis and (for want of data) hypodermis: the Kretsos 2008 free-water
  // diffusivity divided by binding, and K = 0.6 x binding (0.6 = free-water volume fraction).
  // The published K_de/w also divides by f_non (it refers to the neutral species in water);
  // mnsim references every K to the total concentration in an aqueous vehicle, so it does not.
  const double binding = dermal_binding(kow, out.neutral_fraction);
  const double d_viable = free_diffusivity_viable_cm2_per_s(mw) * um2_per_cm2 / binding;
  // Capillary clearance, Kretsos 2008 / Dancik 2013: [1/(P_cap S) + 1/Q]^-1 / binding with
  // P_cap = 100 Kp,PG / 3600 cm/s, S = 100 cm2/cm3 and blood flow Q = 0.0022 1/s.
  const double kp_pg = std::pow(10.0, log_kp_potts_guy_cm_per_h(compound.log_kow.value_or(-3.0), mw));
  const double permeability_area = 100.0 * kp_pg / seconds_per_hour * 100.0;
  const double clearance = 1.0 / (1.0 / permeability_area + 1.0 / 0.0022) / binding;
  for (std::size_t i = 1; i < out.layers.size(); ++i) {
    auto& layer = out.layers[i];
    const auto id = static_cast<skin::LayerId>(i);
    layer.thickness_um = skin.layer(id).thickness_um;
    layer.diffusivity_um2_per_s = d_viable;
    layer.partition = 0.6 * binding;
    const bool vascular = id == skin::LayerId::papillary_dermis || id == skin::LayerId::reticular_dermis;
    layer.clearance_per_s = in_vivo && vascular ? clearance : 0.0;
  }
  out.channel_diffusivity_um2_per_s = water_diffusivity_cm2_per_s(mw) * um2_per_cm2;
  return out;
}

TissueTransport referred_to_vehicle(TissueTransport tissue, double water_per_vehicle_solubility) {
  for (auto& layer : tissue.layers) layer.partition *= water_per_vehicle_solubility;
  tissue.channel_partition *= water_per_vehicle_solubility;
  return tissue;
}

}  // namespace mnsim::transport
