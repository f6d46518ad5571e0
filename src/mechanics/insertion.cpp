#include "mechanics/insertion.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.hpp"

namespace mnsim::mechanics {

InsertionParameters insertion_parameters_from(const ParameterSet& p) {
  InsertionParameters ip;
  ip.puncture_toughness_J_per_m2 = p.real("mechanics.puncture_toughness_J_per_m2");
  ip.indentation_beta = p.real("mechanics.indentation_beta");
  ip.rate_exponent = p.real("mechanics.rate_exponent");
  ip.bed_of_nails_length_mm = p.real("mechanics.bed_of_nails_length_mm");
  ip.efficiency_pen = p.real("mechanics.insertion_efficiency_pen");
  ip.efficiency_roller = p.real("mechanics.insertion_efficiency_roller");
  ip.efficiency_press = p.real("mechanics.insertion_efficiency_press");
  ip.channel_depth_recoil = p.real("mechanics.channel_depth_recoil");
  ip.channel_radius_recoil = p.real("mechanics.channel_radius_recoil");
  ip.skin_stiffness_scale = p.real("mechanics.skin_stiffness_scale");
  return ip;
}

double needle_speed_mm_per_s(const device::DeviceSpec& device, double glide_speed_mm_per_s,
                             double application_speed_mm_per_s) {
  switch (device.type) {
    case device::DeviceType::pen:
      return std::numbers::pi * device.frequency_hz * device.stroke_mm;
    case device::DeviceType::roller:
      return glide_speed_mm_per_s;
    case device::DeviceType::stamp:
    case device::DeviceType::patch:
      return application_speed_mm_per_s;
  }
  return application_speed_mm_per_s;
}

Insertion insert(const device::DeviceSpec& device, const skin::SkinModel& skin, double speed_mm_per_s,
                 const InsertionParameters& p) {
  Insertion out;
  out.speed_mm_per_s = speed_mm_per_s;

  // Skin under the needle: the reticular dermis carries the indentation load. Its modulus rises
  // with strain rate as a power law (Shergold, Fleck & Radford 2006).
  const auto& dermis = skin.layer(skin::LayerId::reticular_dermis);
  const auto modulus = dermis.properties->find("youngs_modulus_kPa");
  if (modulus == dermis.properties->end())
    throw NumericalError("mechanics", "youngs_modulus_kPa", "the reticular dermis has no Young's modulus");
  const double rate =
      std::pow(std::max(speed_mm_per_s, p.reference_speed_mm_per_s) / p.reference_speed_mm_per_s, p.rate_exponent);
  out.skin_modulus_kPa = modulus->second.value * p.skin_stiffness_scale * rate;
  const double modulus_Pa = 1000.0 * out.skin_modulus_kPa;

  // Puncture: a mode-I crack opened around the tip perimeter, F_c = 2 pi R J (toughness limit of
  // the sharp-punch energy balance, Shergold & Fleck 2004).
  const double tip_radius_m = 1e-6 * device.tip_radius_um;
  out.puncture_force_N = 2.0 * std::numbers::pi * tip_radius_m * p.puncture_toughness_J_per_m2;

  // Tenting before puncture, deep-indentation regime F = beta E delta^2 (Shojaeifard & Bacca 2025).
  const double single_tenting_m = std::sqrt(out.puncture_force_N / (p.indentation_beta * modulus_Pa));
  // Bed of nails: close neighbours push the surface down together and deepen the tenting.
  const double array_factor =
      device.needles > 1 ? 1.0 + std::pow(p.bed_of_nails_length_mm / device.pitch_mm, 2.0) : 1.0;
  out.tenting_um = 1e6 * single_tenting_m * array_factor;
  out.force_per_needle_N = out.puncture_force_N * array_factor * array_factor;

  // Penetration: only part of the travel past the tenting goes into the tissue.
  double efficiency = p.efficiency_press;
  if (device.type == device::DeviceType::pen) efficiency = p.efficiency_pen;
  if (device.type == device::DeviceType::roller) efficiency = p.efficiency_roller;
  out.depth_um =
      std::min(device.needle_length_um, efficiency * std::max(0.0, device.needle_length_um - out.tenting_um));

  // Withdrawal: the slit recoils elastically in depth and width.
  out.channel_depth_um = p.channel_depth_recoil * out.depth_um;
  out.wound_radius_um = out.depth_um > 0.0 ? device.radius_at_um(out.depth_um) : 0.0;
  out.channel_radius_um = p.channel_radius_recoil * out.wound_radius_um;
  return out;
}

}  // namespace mnsim::mechanics
