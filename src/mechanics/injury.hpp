#pragma once
// The Injury: what a treatment leaves in the skin, puncture by puncture and in summary. It is the
// common currency between procedures and the tissue response.
#include <array>
#include <cstdint>
#include <vector>

#include "device/puncture_map.hpp"
#include "mechanics/confluence.hpp"
#include "mechanics/insertion.hpp"
#include "skin/skin_model.hpp"

namespace mnsim::mechanics {

struct Spread {
  double mean = 0.0, p10 = 0.0, p50 = 0.0, p90 = 0.0;
};

struct InjuryParameters {
  InsertionParameters insertion;
  double depth_cv = 0.1;  // puncture-to-puncture spread of the depth
  double bruising_per_plexus_fraction = 0.2;
  double anticoagulant_factor = 2.0;
  bool anticoagulated = false;  // anticoagulant or antiplatelet in patient.conditions
};

InjuryParameters injury_parameters_from(const ParameterSet& parameters);

struct InjurySummary {
  std::size_t punctures = 0;
  int passes = 0;  // passes over the area that laid the punctures
  double area_cm2 = 0.0;
  double duration_s = 0.0;
  double punctures_per_cm2 = 0.0;
  Spread depth_um, channel_depth_um;
  double channel_diameter_um_mean = 0.0;
  std::array<double, 5> layer_fraction{};  // by skin::LayerId
  double bleeding_fraction = 0.0;
  double plexus_fraction = 0.0;  // punctures reaching the superficial plexus
  double bruising_probability = 0.0;
  ConfluenceStats confluence;
  double force_per_needle_N = 0.0;
  // The wounds' volumes summed, overlaps counted as often as they occur: the response's dose.
  double injured_volume_mm3_per_cm2 = 0.0;
  // Tissue the wounds displaced or tore, overlapping wounds counted once (their union by depth).
  double injured_volume_union_mm3_per_cm2 = 0.0;
  // The part of the sum below the capillary-loop apex: injured tissue that has vessels to dilate.
  double vascularised_volume_mm3_per_cm2 = 0.0;
};

struct Injury {
  Insertion nominal;  // the typical needle of the device
  std::vector<float> depth_um, channel_depth_um, wound_radius_um, channel_radius_um;
  std::vector<std::uint8_t> layer;  // skin::LayerId of the deepest point
  std::vector<std::uint8_t> bled;   // 1 if the puncture struck a capillary loop
  InjurySummary summary;
};

// Per-puncture depths scatter log-normally around the nominal insertion; bleeding is a Poisson
// strike of the capillary loops by the needle where it crosses the loop depth. Puncture chunks
// draw from their own random streams, so results do not depend on the thread count.
Injury compute_injury(const device::PunctureMap& map, const device::DeviceSpec& device, const skin::SkinModel& skin,
                      const Insertion& nominal, const InjuryParameters& p, double area_cm2, std::uint64_t seed);

}  // namespace mnsim::mechanics
