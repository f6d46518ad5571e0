#include "skin/parameters.hpp"

#include <fmt/format.h>

namespace mnsim::skin {

namespace {
std::string override_path(LayerId id) { return fmt::format("skin.{}_um", layer_name(id)); }
}  // namespace

void declare_parameters(Registry& registry, const Atlas& atlas) {
  registry.add({.path = "patient.species",
                .type = ParamType::choice,
                .choices = {"human", "pig", "rat"},
                .default_value = Value{std::string("human")},
                .description = "species whose skin is simulated (pig and rat for literature experiments)",
                .source = "model input"});
  registry.add({.path = "patient.age_y",
                .type = ParamType::real,
                .unit = "y",
                .min = 0.0,
                .max = 110.0,
                .default_value = Value{35.0},
                .description = "age in years; drives the skin thickness age trends",
                .source = "model input; trends from data/skin/age_trends.csv"});
  registry.add({.path = "patient.sex",
                .type = ParamType::choice,
                .choices = {"female", "male"},
                .default_value = Value{std::string("female")},
                .description = "sex; facial dermis is thicker in men",
                .source = "model input; Meng et al. 2022, BMC Med Imaging 22:113, Table 2"});
  registry.add({.path = "patient.fitzpatrick",
                .type = ParamType::integer,
                .min = 1,
                .max = 6,
                .default_value = Value{std::int64_t{2}},
                .description = "Fitzpatrick skin phototype, 1 (always burns) to 6 (never burns)",
                .source = "Fitzpatrick 1988, Arch Dermatol 124:869-871"});
  registry.add({.path = "patient.weight_kg",
                .type = ParamType::real,
                .unit = "kg",
                .min = 2.0,
                .max = 300.0,
                .default_value = Value{70.0},
                .description = "body weight; scales the volume and clearance that set a product's plasma "
                               "concentration",
                .source = "model input; 70 kg is the conventional reference adult of pharmacokinetics"});
  registry.add({.path = "patient.conditions",
                .type = ParamType::string_list,
                .choices = {"keloid_history", "isotretinoin_recent", "anticoagulant", "antiplatelet", "diabetes",
                            "pregnancy", "herpes_history", "metal_allergy", "immunosuppression", "active_acne",
                            "open_wound", "skin_infection", "sunburn_recent", "peel_or_laser_recent"},
                .default_value = Value{StringList{}},
                .description = "medical history and current skin state relevant to screening",
                .source = "model input; read by screening and by the bleeding and bruising hazards"});
  registry.add({.path = "site.name",
                .type = ParamType::choice,
                .choices = atlas.all_sites(),
                .default_value = Value{std::string("cheek")},
                .description = "treated body site (sites per species: mnsim skin --list-sites)",
                .source = "data/skin/layers.csv"});
  for (const auto id : all_layers) {
    registry.add({.path = override_path(id),
                  .type = ParamType::real,
                  .unit = "um",
                  .min = 1.0,
                  .max = 30000.0,
                  .optional = true,
                  .description = fmt::format("measured {} thickness replacing the atlas value (e.g. from ultrasound)",
                                             layer_name(id)),
                  .source = "user measurement"});
  }
}

SkinQuery query_from(const ParameterSet& parameters) {
  SkinQuery query;
  query.species = parameters.text("patient.species");
  query.site = parameters.text("site.name");
  query.sex = query.species == "human" ? parameters.text("patient.sex") : "any";
  query.age_y = parameters.real("patient.age_y");
  for (const auto id : all_layers) {
    if (parameters.has(override_path(id))) query.thickness_override_um[id] = parameters.real(override_path(id));
  }
  return query;
}

}  // namespace mnsim::skin
