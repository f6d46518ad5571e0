#pragma once
// Adverse-event hazards of one session: scar, post-inflammatory hyperpigmentation (PIH),
// infection, bleeding and bruising, each a probability and, where it applies, a duration.
// Equations and sources: docs/hazards.md.
#include "response/hazard_inputs.hpp"
#include "response/hazard_parameters.hpp"

namespace mnsim::response {

struct Hazard {
  double probability = 0.0;
  double duration_h = 0.0;  // how long it lasts when it happens; 0 where none applies (scar: permanent)
};

struct Hazards {
  Hazard scar, pih, infection, bleeding, bruising;
};

// Scar probability of the geometry alone (width gate x depth gate), before patient factors.
double geometric_scar_probability(const WoundGeometry& wound, const HazardParameters& p);

// Effective daily hours of pigmenting daylight after sunscreen (UV share / SPF, visible share
// through the tint); never more than the hours outdoors.
double effective_daylight_h(const HazardFactors& patient, const HazardParameters& p);

Hazards assess_hazards(const WoundGeometry& wound, const CourseQuantities& course, const HazardFactors& patient,
                       const HazardParameters& p);

}  // namespace mnsim::response
