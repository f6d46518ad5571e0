#pragma once
// The film a finite dose leaves on the skin, as its volatile part (the water of a serum, the
// ethanol of a tonic) evaporates: its thickness over time and the activity of the compound in
// it. The compound stays behind, so the film concentrates until the compound saturates what is
// left; a saturated film (or a dried deposit) then feeds the skin like an infinite dose at
// saturation until it runs short (the deposit assumption of the finite-dose models: Kasting &
// Miller 2006, J Pharm Sci 95:268; the CDC/NIOSH finite-dose calculator).
//
// Amounts are per area in micrometres of product at the applied concentration, as in the
// solvers; the product is taken as 1 g/cm3, so 1 mg/cm2 is 10 um of film.
#include <cstddef>
#include <limits>
#include <string_view>
#include <vector>

namespace mnsim::transport {

struct FilmDrying {
  double volatile_fraction = 0.0;   // of the applied film, by mass
  double recession_um_per_s = 0.0;  // how fast the volatile part goes while open to air
  double start_s = 0.0;             // occluded until then (seconds after application)
  // Highest activity the compound reaches in the film, relative to the applied concentration:
  // saturation / applied. Below 1 the product is a suspension, saturated from the start.
  double saturation_activity = std::numeric_limits<double>::infinity();
  [[nodiscard]] bool evaporates() const { return volatile_fraction > 0.0 && recession_um_per_s > 0.0; }
};

// A product applied again every interval puts a fresh film of the same kind on what is left of
// the last one: the compound adds up, and so do the volatile part (which starts to evaporate at
// once if the skin is open to air by then) and the residue.
class VehicleFilm {
 public:
  // Up to `applications` applications, every `interval_s`.
  VehicleFilm(double applied_um, const FilmDrying& drying, double interval_s = std::numeric_limits<double>::infinity(),
              std::size_t applications = 1);
  // Thickness at t seconds after the first application, once `applications` of them (from 1, at
  // most the constructor's) have been made (t at least (applications - 1) intervals): what was
  // applied less what has evaporated, down to the non-volatile residue. A film that evaporates
  // whole keeps a numerical floor of 1e-6 of one application (its activity is then held by
  // saturation, which the caller requires).
  [[nodiscard]] double thickness_um(double t_s, std::size_t applications = 1) const;
  // Activity (concentration relative to the applied one) of `amount_um` of compound in the film.
  [[nodiscard]] double activity(double amount_um, double t_s, std::size_t applications = 1) const;
  // d activity / d amount at that state: 0 while saturated.
  [[nodiscard]] double activity_slope(double amount_um, double t_s, std::size_t applications = 1) const;
  // Compound put on the skin by that many applications.
  [[nodiscard]] double applied_um(std::size_t applications = 1) const {
    return static_cast<double>(applications) * applied_um_;
  }
  // When the volatile part of the first application is gone (infinite when nothing evaporates).
  [[nodiscard]] double dry_s() const;

 private:
  // When the k-th application (from 0) lands, after the first.
  [[nodiscard]] double landed_s(std::size_t k) const;
  // Film lost to evaporation between two times while open to air.
  [[nodiscard]] double recession_um(double from_s, double to_s) const;

  double applied_um_;
  FilmDrying drying_;
  double interval_s_;
  double floor_um_;
  // Just after the k-th application lands (k from 0): the film's thickness and its residue.
  std::vector<double> landed_um_, residue_um_;
};

enum class Solvent { water, ethanol };

// "water" or "ethanol"; throws std::invalid_argument for anything else.
Solvent solvent_from(std::string_view name);

// Saturated vapour pressure of the pure solvent (Antoine equation), Pa.
double vapour_pressure_pa(Solvent solvent, double temperature_c);

// How fast a film of the pure solvent recedes by evaporation from skin, in micrometres of
// product (1 g/cm3) per second: the gas-side mass-transfer coefficient k_g = 6320 u^0.78 /
// MW^(1/3) cm/h (u the air speed in m/s; Kasting & Miller 2006, as coded in the CDC/NIOSH
// finite-dose calculator) times the saturated vapour density at the skin's temperature, times
// (1 - relative humidity) for water (the air's own water vapour; ethanol's is taken as none).
double recession_um_per_s(Solvent solvent, double surface_c, double air_speed_m_per_s, double relative_humidity);

}  // namespace mnsim::transport
