#include "plan/parameters.hpp"

#include <string>

namespace mnsim::plan {

void declare_parameters(Registry& registry) {
  registry.add({.path = "patient.conditions",
                .type = ParamType::string_list,
                .choices = {"keloid_history", "isotretinoin_recent", "anticoagulant", "antiplatelet", "diabetes",
                            "pregnancy", "herpes_history", "metal_allergy", "immunosuppression", "active_acne",
                            "open_wound", "skin_infection", "sunburn_recent", "peel_or_laser_recent"},
                .default_value = Value{StringList{}},
                .description = "medical history and current skin state relevant to screening",
                .source = "model input; screening rules come with the planner"});
}

}  // namespace mnsim::plan
