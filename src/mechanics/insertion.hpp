#pragma once
// Insertion mechanics of one needle of a device into a layered skin: puncture force, tenting
// before puncture, depth reached, residual channel after withdrawal (docs/models.md, "Insertion").
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
  double efficiency_pen = 0.5;
  double efficiency_roller = 0.45;
  double efficiency_press = 0.45;
  double channel_depth_recoil = 0.5;
  double channel_radius_recoil = 0.5;
  double skin_stiffness_scale = 1.0;
};

InsertionParameters insertion_parameters_from(const ParameterSet& parameters);

struct Insertion {
  double speed_mm_per_s = 0.0;      // needle speed entering the skin
  double skin_modulus_kPa = 0.0;    // effective (rate-stiffened) modulus under the needle
  double puncture_force_N = 0.0;    // force at which the tip breaks through (one needle alone)
  double force_per_needle_N = 0.0;  // force per needle needed in the array (bed of nails)
  double tenting_um = 0.0;          // surface deflection before puncture, array effect included
  double depth_um = 0.0;            // depth reached in tissue during insertion
  double channel_depth_um = 0.0;    // residual channel depth after withdrawal
  double wound_radius_um = 0.0;     // needle radius at the skin surface at full insertion
  double channel_radius_um = 0.0;   // residual open radius at the surface
};

// Needle speed for the device: pen stroke speed pi*f*stroke, glide speed for rollers, the
// application speed for stamps and patches.
double needle_speed_mm_per_s(const device::DeviceSpec& device, double glide_speed_mm_per_s,
                             double application_speed_mm_per_s);

Insertion insert(const device::DeviceSpec& device, const skin::SkinModel& skin, double speed_mm_per_s,
                 const InsertionParameters& p);

}  // namespace mnsim::mechanics
