#include "transport/vehicle_film.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace mnsim::transport {

VehicleFilm::VehicleFilm(double applied_um, const FilmDrying& drying, double interval_s, std::size_t applications)
    : applied_um_(applied_um),
      drying_(drying),
      interval_s_(interval_s),
      floor_um_(std::max((1.0 - std::clamp(drying.volatile_fraction, 0.0, 1.0)) * applied_um, 1e-6 * applied_um)) {
  // Each application adds a film and a residue; between applications the volatile part recedes
  // while open to air. Computed once here, as the solvers ask for the thickness at every step.
  double h = 0.0, residue = 0.0;
  for (std::size_t k = 0; k < std::max<std::size_t>(applications, 1); ++k) {
    if (k > 0) h = std::max(residue, h - recession_um(landed_s(k - 1), landed_s(k)));
    h += applied_um_;
    residue += floor_um_;
    landed_um_.push_back(h);
    residue_um_.push_back(residue);
  }
}

double VehicleFilm::landed_s(std::size_t k) const {
  return k == 0 ? 0.0 : static_cast<double>(k) * interval_s_;  // 0 x infinity is NaN
}

double VehicleFilm::recession_um(double from_s, double to_s) const {
  if (!drying_.evaporates()) return 0.0;
  return drying_.recession_um_per_s * std::max(0.0, to_s - std::max(from_s, drying_.start_s));
}

double VehicleFilm::thickness_um(double t_s, std::size_t applications) const {
  const std::size_t k = applications - 1;
  return std::max(residue_um_.at(k), landed_um_.at(k) - recession_um(landed_s(k), t_s));
}

double VehicleFilm::activity(double amount_um, double t_s, std::size_t applications) const {
  return std::min(drying_.saturation_activity, amount_um / thickness_um(t_s, applications));
}

double VehicleFilm::activity_slope(double amount_um, double t_s, std::size_t applications) const {
  const double h = thickness_um(t_s, applications);
  return amount_um / h < drying_.saturation_activity ? 1.0 / h : 0.0;
}

double VehicleFilm::dry_s() const {
  if (!drying_.evaporates()) return std::numeric_limits<double>::infinity();
  return drying_.start_s + (applied_um_ - floor_um_) / drying_.recession_um_per_s;
}

namespace {

struct SolventProperties {
  double molar_mass_g_per_mol;
  // Antoine equation log10 P[mmHg] = a - b / (c + T[C]); constants as tabulated in Lange's
  // Handbook of Chemistry (from memory). The test checks them against steam-table and handbook
  // vapour pressures.
  double a, b, c;
};

SolventProperties properties(Solvent solvent) {
  switch (solvent) {
    case Solvent::water:
      return {18.015, 8.07131, 1730.63, 233.426};  // 1-100 C
    case Solvent::ethanol:
      return {46.07, 8.20417, 1642.89, 230.300};  // -57-80 C
  }
  throw std::invalid_argument("unknown solvent");
}

constexpr double pa_per_mmhg = 133.322;
constexpr double gas_constant = 8.314462618;  // J/(mol K)

}  // namespace

Solvent solvent_from(std::string_view name) {
  if (name == "water") return Solvent::water;
  if (name == "ethanol") return Solvent::ethanol;
  throw std::invalid_argument("unknown solvent '" + std::string(name) + "' (expected water or ethanol)");
}

double vapour_pressure_pa(Solvent solvent, double temperature_c) {
  const auto p = properties(solvent);
  return pa_per_mmhg * std::pow(10.0, p.a - p.b / (p.c + temperature_c));
}

double recession_um_per_s(Solvent solvent, double surface_c, double air_speed_m_per_s, double relative_humidity) {
  const auto p = properties(solvent);
  const double k_g_cm_per_s = 6320.0 * std::pow(air_speed_m_per_s, 0.78) / std::cbrt(p.molar_mass_g_per_mol) / 3600.0;
  // Saturated vapour density, g/cm3: P M / (R T), in kg/m3 = 1e-3 g/cm3.
  const double vapour_g_per_cm3 = vapour_pressure_pa(solvent, surface_c) * p.molar_mass_g_per_mol * 1e-3 /
                                  (gas_constant * (surface_c + 273.15)) * 1e-3;
  const double ambient = solvent == Solvent::water ? std::clamp(relative_humidity, 0.0, 1.0) : 0.0;
  // g/cm2/s over a product of 1 g/cm3 is cm/s; 1e4 um per cm.
  return k_g_cm_per_s * vapour_g_per_cm3 * (1.0 - ambient) * 1e4;
}

}  // namespace mnsim::transport
