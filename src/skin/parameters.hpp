#pragma once
// Scenario keys the skin module owns: [patient] anatomy inputs, [site] and [skin] overrides.
#include "core/parameter_set.hpp"
#include "core/registry.hpp"
#include "skin/atlas.hpp"

namespace mnsim::skin {

// Site choices come from the atlas, so a new row in data/skin/ is a new valid site.
void declare_parameters(Registry& registry, const Atlas& atlas);

// The skin query a resolved scenario describes.
SkinQuery query_from(const ParameterSet& parameters);

}  // namespace mnsim::skin
