#pragma once
// What the adverse-event hazards need to know: the geometry of the wounds a procedure leaves
// (microneedling or a comparator), a few quantities of the tissue course after it, and the
// patient and aftercare factors. Kept separate from the course model so the hazards can be run,
// and tested, on their own.
#include <string>

#include "core/parameter_set.hpp"

namespace mnsim::response {

// The wounds of one session, reduced to what drives the hazards.
struct WoundGeometry {
  std::string procedure;                 // "microneedling", "dermabrasion", "fractional-co2", ...
  double wound_width_um = 0.0;           // narrow dimension of the widest open or coagulated wound
  double depth_um = 0.0;                 // deepest typical injury below the surface (loss + coagulation)
  double coagulation_margin_um = 0;      // thermally coagulated tissue around and below the wound
  double coverage_fraction = 0.0;        // share of the surface (and of the basal layer) injured
  double damage_share = 1.0;             // share of the injured tissue destroyed (not merely pushed aside by a needle)
  double wounds_per_cm2 = 0.0;           // punctures or micro-zones; 0 for uniform wounds
  bool epidermis_open = false;           // barrier breached (punctures, ablation, abrasion, peel)
  double skin_thickness_um = 0.0;        // epidermis + dermis at the treated site
  double bleeding_points_per_cm2 = 0.0;  // struck capillary loops left open (not coagulated)
  double plexus_fraction = 0.0;          // share of the wounds reaching the superficial plexus uncoagulated
};

// Quantities of the tissue course the hazards read, produced by the course model (the response
// engine maps CourseMetrics onto them: response/engine.cpp).
struct CourseQuantities {
  double reepithelialisation_h = 0.0;  // until the wound surface is covered again
  double barrier_open_h = 0.0;         // until the barrier is closed (0 when the stratum corneum stayed intact)
  double erythema_duration_h = 0.0;    // until visible redness is gone
  double inflammation_integral = 0.0;  // injured basal-layer area fraction x days of inflammation
  double fibrosis_score = 0.0;         // 0 (healing basin) .. 1 (fibrotic basin) from the fibrosis switch
};

// Skin-lightening treatment meant to prevent hyperpigmentation (timeline.lightening_agent).
enum class LighteningAgent { none, hydroquinone_before, tranexamic_acid_after };

// Patient, procedure-hygiene and aftercare factors.
struct HazardFactors {
  int fitzpatrick = 2;
  bool keloid_history = false;
  bool isotretinoin_recent = false;
  bool active_acne = false;       // active acne lesions in the treated area
  bool open_wound = false;        // open wound or skin infection in the treated area
  bool immunosuppressed = false;  // immunosuppression or diabetes
  bool anticoagulated = false;    // anticoagulant or antiplatelet
  bool sterile_technique = true;
  bool non_intradermal_product = false;  // a product not meant for intradermal use applied to open skin
  bool poor_wound_care = false;
  double sun_exposure_h_per_day = 1.0;
  bool sunscreen = true;
  double sunscreen_spf = 30.0;
  bool sunscreen_tinted = false;  // iron-oxide tint blocks visible light
  LighteningAgent lightening_agent = LighteningAgent::none;
};

// Reads patient.fitzpatrick, patient.conditions, protocol.sterile_technique, product[] and the
// timeline keys. Products applied after the barrier has closed (applied_h >= barrier_open_h) do not
// count as applied to open skin.
HazardFactors hazard_factors_from(const ParameterSet& parameters, double barrier_open_h);

}  // namespace mnsim::response
