#pragma once
// WoundLoad: the few numbers about one treatment session that the tissue response needs. Any
// procedure fills it: microneedling from its mechanics::Injury (wound_load_from below), and the
// comparators (dermabrasion, chemical peels, fractional and fully ablative lasers) from their own
// injury models. Depths are measured from the skin surface; the skin's own epidermal and dermal
// thicknesses travel with the load so the response can judge depth relative to the layers.
#include <string>

#include "mechanics/injury.hpp"
#include "skin/skin_model.hpp"

namespace mnsim::response {

struct WoundLoad {
  std::string procedure = "microneedling";  // label only (reports, error messages)

  // Surface pattern.
  double wounds_per_cm2 = 0.0;              // separate wounds per cm2; 0 for a continuous wound
  double wounded_area_fraction = 0.0;       // fraction of the surface opened [0, 1]
  double wound_width_um_mean = 0.0;         // narrow dimension of a single wound at the surface
  double wound_width_um_p90 = 0.0;          // 90th percentile of that width
  double confluent_fraction = 0.0;          // fraction of wounds merged with a neighbour [0, 1]
  double max_confluent_width_um = 0.0;      // narrow dimension of the largest merged wound
                                            // (for a continuous wound: the treated field's width)
  double epidermal_removal_fraction = 0.0;  // area fraction whose whole epidermis is gone [0, 1]
                                            // (dermabrasion, ablative resurfacing, medium peel: ~1)

  // Depth of tissue injury below the surface.
  double depth_um_mean = 0.0;
  double depth_um_p90 = 0.0;
  double channel_depth_um_mean = 0.0;            // residual collapsible channels (0: none, or not known)
  double dermal_involvement_fraction = 0.0;      // fraction of wounded area reaching the dermis [0, 1]
  double injured_volume_mm3_per_cm2 = 0.0;       // tissue volume injured per cm2 of treated surface
  double vascularised_volume_mm3_per_cm2 = 0.0;  // the part below the capillary-loop apex

  // Heat: lasers coagulate a rim around each ablated or denatured zone.
  bool thermal = false;
  double coagulation_margin_um = 0.0;  // width of the coagulated rim (0 for mechanical wounds)

  double bleeding_fraction = 0.0;  // fraction of wounds that bled (pinpoint bleeding) [0, 1]
  double destroyed_share = 1.0;    // share of the wounded tissue destroyed, not merely pushed aside [0, 1]
                                   // (needles displace most of it: hazards.puncture_damage_share)

  // The treated skin the depths refer to.
  double epidermis_um = 0.0;  // stratum corneum + viable epidermis
  double dermis_um = 0.0;     // papillary + reticular dermis
};

// The load of one microneedling session: widths from the wound radii, depths from the
// per-puncture depth spread, confluence and coverage from the injury summary.
WoundLoad wound_load_from(const mechanics::Injury& injury, const skin::SkinModel& skin);

// Checks a load filled by hand or by a comparator (fractions in [0, 1], non-negative sizes,
// depths and skin thicknesses positive where there is a wound); throws InputError naming the field.
void check(const WoundLoad& load);

}  // namespace mnsim::response
