#pragma once
// Insertion mechanics of one needle of a device into a layered skin: puncture force, tenting
// before puncture, depth reached under the stroke or under an applied load, residual channel
// after withdrawal (docs/models.md, "Insertion").
#include <optional>

#include "core/parameter_set.hpp"
#include "device/device_spec.hpp"
#include "skin/skin_model.hpp"

namespace mnsim::mechanics {

struct InsertionParameters {
  double puncture_toughness_J_per_m2 = 1000.0;
  double indentation_beta = 3.0;
  double rate_exponent = 0.09;
  double reference_speed_mm_per_s = 1.0;
  double bed_of_nails_length_mm = 0.22;
  double shaft_friction_coefficient = 0.25;
  double efficiency_pen = 0.5;
  double efficiency_roller = 0.45;
  double efficiency_press = 0.45;
  double channel_depth_recoil = 0.5;
  double channel_radius_recoil = 0.5;
  double skin_stiffness_scale = 1.0;
  double relaxed_modulus_ratio = 0.28;
  double relaxation_time_s = 0.19;
};

InsertionParameters insertion_parameters_from(const ParameterSet& parameters);

// How the needles are driven: at a speed, and for stamps, patches and rollers optionally under a
// given force (unset: pressed home, the travel limited by the needle length alone). A stamp or
// patch is pressed home until its base plate meets the skin (by hand or applicator), or driven by
// a test machine through a set displacement, the needle length, with the base kept off the skin.
struct InsertionLoad {
  double speed_mm_per_s = 1.0;
  std::optional<double> force_per_device_N;
  bool pressed_home = true;  // protocol.press = "home"; false: "displacement"
  double hold_s = 0.0;       // stamp, patch under a given force: time the force is held after the push
  // Stamp or patch shot by an impact applicator: the moving mass (piston and array) that arrives
  // at the speed above; unset: the press is not limited by energy.
  std::optional<double> applicator_mass_g;
};

// What stopped the needle: its length (the hub or the stroke), the load, or no puncture at all.
enum class DepthLimit { length, load, energy, no_puncture };
const char* depth_limit_name(DepthLimit limit);

struct Insertion {
  double speed_mm_per_s = 0.0;              // needle speed entering the skin
  double skin_modulus_kPa = 0.0;            // effective (rate-stiffened) modulus under the needle
  double held_modulus_kPa = 0.0;            // the same after the load was held (relaxed; = above if not held)
  double puncture_force_N = 0.0;            // force at which one tip breaks through
  double force_per_needle_N = 0.0;          // force per needle at puncture in the array (= puncture force)
  int needles_under_load = 0;               // needles sharing the device's load at one time
  double force_to_pierce_N = 0.0;           // force on the device for all its loaded needles to pierce
  double applied_force_per_needle_N = 0.0;  // load per needle when a force is given, else 0
  double impact_energy_mJ = 0.0;            // kinetic energy of an impact applicator, else 0
  double tenting_um = 0.0;                  // surface deflection before puncture, array effect included
  double depth_um = 0.0;                    // depth reached in tissue during insertion
  DepthLimit limited_by = DepthLimit::length;
  double channel_depth_um = 0.0;   // residual channel depth after withdrawal
  double wound_radius_um = 0.0;    // needle radius at the skin surface at full insertion
  double channel_radius_um = 0.0;  // residual open radius at the surface
};

// Needle speed for the device: pen stroke speed pi*f*stroke, glide speed for rollers, the
// application speed for stamps and patches.
double needle_speed_mm_per_s(const device::DeviceSpec& device, double glide_speed_mm_per_s,
                             double application_speed_mm_per_s);

// Needles that carry the device's load at one time: all of a stamp or patch; for a roller the
// rows of needles inside the arc where the drum surface is within one needle length of the skin.
int needles_under_load(const device::DeviceSpec& device);

// Lateral (wetted) area of the needle over its first depth_um from the tip: cone, then shaft.
double lateral_area_um2(const device::DeviceSpec& device, double depth_um);
// Its integral over the depth, int_0^d A(z) dz [um3]: the flank friction's work is mu E times it.
double lateral_area_integral_um3(const device::DeviceSpec& device, double depth_um);

Insertion insert(const device::DeviceSpec& device, const skin::SkinModel& skin, const InsertionLoad& load,
                 const InsertionParameters& p);

}  // namespace mnsim::mechanics
