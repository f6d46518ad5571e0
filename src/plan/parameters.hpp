#pragma once
// Registry entries of the treatment planner: the patient-file sections a plain scenario does
// not have ([[area]], [goal]), the planner's risk limits ([planner]) and the aftercare
// constants that are conventions rather than model outputs ([aftercare]).
#include "core/registry.hpp"

namespace mnsim::plan {

// The goals a patient file can name (goal.kind, area[].goal), in the order docs list them.
inline constexpr const char* goal_kinds[] = {"fine_lines", "atrophic_acne_scars", "other_scars", "texture",
                                             "dark_spots", "stretch_marks",       "hair_loss",   "product_delivery"};

// Declares the planner keys. Call after skin::declare_parameters: area[].site takes the site
// choices of site.name.
void declare_parameters(Registry& registry);

}  // namespace mnsim::plan
