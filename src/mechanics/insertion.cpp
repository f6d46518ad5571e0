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
  ip.shaft_friction_coefficient = p.real("mechanics.shaft_friction_coefficient");
  ip.efficiency_pen = p.real("mechanics.insertion_efficiency_pen");
  ip.efficiency_roller = p.real("mechanics.insertion_efficiency_roller");
  ip.efficiency_press = p.real("mechanics.insertion_efficiency_press");
  ip.channel_depth_recoil = p.real("mechanics.channel_depth_recoil");
  ip.channel_radius_recoil = p.real("mechanics.channel_radius_recoil");
  ip.skin_stiffness_scale = p.real("mechanics.skin_stiffness_scale");
  ip.relaxed_modulus_ratio = p.real("mechanics.relaxed_modulus_ratio");
  ip.relaxation_time_s = p.real("mechanics.relaxation_time_s");
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

const char* depth_limit_name(DepthLimit limit) {
  switch (limit) {
    case DepthLimit::length:
      return "length";
    case DepthLimit::load:
      return "load";
    case DepthLimit::energy:
      return "energy";
    case DepthLimit::no_puncture:
      return "no_puncture";
  }
  return "length";
}

int needles_under_load(const device::DeviceSpec& device) {
  if (device.type != device::DeviceType::roller || device.rows <= 0) return std::max(1, device.needles);
  // Ring angle between needles of one row; the needles whose tips are below the skin surface lie
  // within the half angle acos(1 - L / R_drum) of the lowest point of the drum.
  const int per_ring = std::max(1, device.needles / device.rows);
  const double ring_angle = 2.0 * std::numbers::pi / per_ring;
  const double drum_radius_um = 500.0 * device.drum_diameter_mm;
  const double cosine = std::clamp(1.0 - device.needle_length_um / drum_radius_um, -1.0, 1.0);
  const int in_arc = std::max(1, static_cast<int>(std::lround(2.0 * std::acos(cosine) / ring_angle)));
  return device.rows * std::min(in_arc, per_ring);
}

double lateral_area_um2(const device::DeviceSpec& device, double depth_um) {
  const double half_angle = device.tip_half_angle_deg * std::numbers::pi / 180.0;
  const double cone = std::min(depth_um, device.tip_length_um());
  const double r0 = device.tip_radius_um;
  // Cone flank: integral of 2 pi r(h) dh over the slant, r(h) = r0 + h tan(alpha).
  const double cone_area =
      2.0 * std::numbers::pi * (r0 * cone + 0.5 * cone * cone * std::tan(half_angle)) / std::cos(half_angle);
  const double shaft_area = 2.0 * std::numbers::pi * device.radius_at_um(cone) * std::max(0.0, depth_um - cone);
  return cone_area + shaft_area;
}

double lateral_area_integral_um3(const device::DeviceSpec& device, double depth_um) {
  const double half_angle = device.tip_half_angle_deg * std::numbers::pi / 180.0;
  const double tip = device.tip_length_um();
  const double cone = std::min(depth_um, tip);
  const double r0 = device.tip_radius_um;
  const double cone_integral = 2.0 * std::numbers::pi *
                               (0.5 * r0 * cone * cone + cone * cone * cone * std::tan(half_angle) / 6.0) /
                               std::cos(half_angle);
  const double shaft = std::max(0.0, depth_um - tip);
  return cone_integral + lateral_area_um2(device, cone) * shaft +
         std::numbers::pi * device.radius_at_um(cone) * shaft * shaft;
}

namespace {

// Root of an increasing function on [0, length]: 0 if it is already positive there, length if
// it never gets there. A closed form needs the cone/shaft split and a square root each; 60
// bisections are exact to the last bit and cost nothing beside the puncture map.
template <class Increasing>
double first_root_um(double length_um, Increasing f) {
  if (f(0.0) >= 0.0) return 0.0;
  if (f(length_um) <= 0.0) return length_um;
  double low = 0.0, high = length_um;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (low + high);
    (f(mid) <= 0.0 ? low : high) = mid;
  }
  return low;
}

}  // namespace

Insertion insert(const device::DeviceSpec& device, const skin::SkinModel& skin, const InsertionLoad& load,
                 const InsertionParameters& p) {
  Insertion out;
  out.speed_mm_per_s = load.speed_mm_per_s;

  // Skin under the needle: the reticular dermis carries the indentation load. Its modulus rises
  // with strain rate as a power law (Shergold, Fleck & Radford 2006).
  const auto& dermis = skin.layer(skin::LayerId::reticular_dermis);
  const auto modulus = dermis.properties->find("youngs_modulus_kPa");
  if (modulus == dermis.properties->end())
    throw NumericalError("mechanics", "youngs_modulus_kPa", "the reticular dermis has no Young's modulus");
  const double rate =
      std::pow(std::max(load.speed_mm_per_s, p.reference_speed_mm_per_s) / p.reference_speed_mm_per_s, p.rate_exponent);
  out.skin_modulus_kPa = modulus->second.value * p.skin_stiffness_scale * rate;
  const double modulus_Pa = 1000.0 * out.skin_modulus_kPa;

  // Puncture: a mode-I crack opened around the tip perimeter, F_c = 2 pi R J (toughness limit of
  // the sharp-punch energy balance, Shergold & Fleck 2004). Each needle needs it whatever the
  // spacing: per-needle forces of arrays did not change between 30 and 600 um base spacing
  // (Olatunji et al. 2013), so the array needs the sum over its loaded needles.
  const double tip_radius_m = 1e-6 * device.tip_radius_um;
  out.puncture_force_N = 2.0 * std::numbers::pi * tip_radius_m * p.puncture_toughness_J_per_m2;
  out.force_per_needle_N = out.puncture_force_N;
  out.needles_under_load = needles_under_load(device);
  out.force_to_pierce_N = out.puncture_force_N * out.needles_under_load;

  // Tenting before puncture, deep-indentation regime F = beta E delta^2 (Shojaeifard & Bacca 2025).
  // Bed of nails: close neighbours push the surface down together and deepen the tenting.
  const double array_factor =
      device.needles > 1 ? 1.0 + std::pow(p.bed_of_nails_length_mm / device.pitch_mm, 2.0) : 1.0;
  const auto tenting_at_um = [&](double force_N, double skin_Pa) {
    return 1e6 * std::sqrt(force_N / (p.indentation_beta * skin_Pa)) * array_factor;
  };
  out.tenting_um = tenting_at_um(out.puncture_force_N, modulus_Pa);

  // After puncture each needle meets the tip's cutting force plus the friction on its inserted
  // flank, R(d) = F_c + mu E A(d): the flank holds the crack it wedged open at a contact pressure
  // of the order of the modulus (strains of order one, Shergold & Fleck 2004).
  const auto resistance_N = [&](double depth_um, double skin_Pa) {
    return out.puncture_force_N + p.shaft_friction_coefficient * skin_Pa * 1e-12 * lateral_area_um2(device, depth_um);
  };
  const double length = device.needle_length_um;
  const bool pressed = device.type == device::DeviceType::stamp || device.type == device::DeviceType::patch;
  if (pressed && load.pressed_home) {
    // Pressed home, arrays stop at the hub: the base plate flattens the skin between the needles,
    // and each needle keeps only the local tent its own resistance pulls down, d + delta(R(d)) = L.
    out.depth_um = first_root_um(
        length, [&](double d) { return d + tenting_at_um(resistance_N(d, modulus_Pa), modulus_Pa) - length; });
  } else {
    // Pens, rollers and needles driven through a displacement with nothing to flatten the skin
    // around them: the whole skin deflects on its soft fat, and only part of the travel past the
    // tenting goes into the tissue, a fitted share per class.
    double efficiency = p.efficiency_press;
    if (device.type == device::DeviceType::pen) efficiency = p.efficiency_pen;
    if (device.type == device::DeviceType::roller) efficiency = p.efficiency_roller;
    out.depth_um = std::min(length, efficiency * std::max(0.0, length - out.tenting_um));
  }
  out.limited_by = out.depth_um > 0.0 ? DepthLimit::length : DepthLimit::no_puncture;

  // Shot by an impact applicator, the array goes only as deep as the applicator's kinetic energy
  // 1/2 m v^2 pays for. Each loaded needle first stores the tent's elastic energy up to puncture,
  // int beta E (delta / a)^2 d delta = F_c delta_c / 3 (a the bed-of-nails factor), then does the
  // work of its resistance, int_0^d R(z) dz = F_c d + mu E int_0^d A(z) dz. All of the energy is
  // given to the needles, none to the fat under the array, so the depth is the most that energy
  // can reach. A tent that cannot be brought to puncture stops where its energy is spent.
  if (load.applicator_mass_g && pressed && load.pressed_home) {
    const double speed_m_per_s = 1e-3 * load.speed_mm_per_s;
    const double energy_J = 0.5 * 1e-3 * *load.applicator_mass_g * speed_m_per_s * speed_m_per_s;
    out.impact_energy_mJ = 1e3 * energy_J;
    const double per_needle_J = energy_J / out.needles_under_load;
    const double tent_J = out.puncture_force_N * 1e-6 * out.tenting_um / 3.0;
    if (per_needle_J < tent_J) {
      const double tent_m =
          std::cbrt(3.0 * per_needle_J * array_factor * array_factor / (p.indentation_beta * modulus_Pa));
      out.tenting_um = std::min(length, 1e6 * tent_m);
      out.depth_um = 0.0;
      out.limited_by = DepthLimit::no_puncture;
    } else if (out.depth_um > 0.0) {
      const auto work_J = [&](double d) {
        return tent_J + out.puncture_force_N * 1e-6 * d +
               p.shaft_friction_coefficient * modulus_Pa * 1e-18 * lateral_area_integral_um3(device, d);
      };
      const double by_energy = first_root_um(out.depth_um, [&](double d) { return work_J(d) - per_needle_J; });
      if (by_energy < out.depth_um) {
        out.depth_um = by_energy;
        out.limited_by = DepthLimit::energy;
      }
    }
  }

  // Under a given load the needles puncture only if each gets the puncture force, then advance
  // until the resistance takes up their share of the load, or until the hub stops them. While the
  // load is held the skin relaxes, E(t) = E (g + (1 - g) exp(-t / tau)) (one-term quasi-linear
  // viscoelasticity): the flank friction falls and the needles creep deeper, and a tent that did
  // not puncture deepens. The puncture itself stays toughness-limited.
  out.held_modulus_kPa = out.skin_modulus_kPa;
  if (load.force_per_device_N) {
    const double relaxed = p.relaxed_modulus_ratio + (1.0 - p.relaxed_modulus_ratio) *
                                                         std::exp(-std::max(0.0, load.hold_s) / p.relaxation_time_s);
    out.held_modulus_kPa = out.skin_modulus_kPa * relaxed;
    const double held_Pa = 1000.0 * out.held_modulus_kPa;
    const double per_needle = *load.force_per_device_N / out.needles_under_load;
    out.applied_force_per_needle_N = per_needle;
    if (per_needle < out.puncture_force_N) {
      out.tenting_um = std::min(length, tenting_at_um(per_needle, held_Pa));
      out.depth_um = 0.0;
      out.limited_by = DepthLimit::no_puncture;
    } else {
      const double by_load = first_root_um(length, [&](double d) { return resistance_N(d, held_Pa) - per_needle; });
      if (by_load < out.depth_um) {
        out.depth_um = by_load;
        out.limited_by = DepthLimit::load;
      }
    }
  }

  // Withdrawal: the slit recoils elastically in depth and width.
  out.channel_depth_um = p.channel_depth_recoil * out.depth_um;
  out.wound_radius_um = out.depth_um > 0.0 ? device.radius_at_um(out.depth_um) : 0.0;
  out.channel_radius_um = p.channel_radius_recoil * out.wound_radius_um;
  return out;
}

}  // namespace mnsim::mechanics
