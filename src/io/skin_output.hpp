#pragma once
// The skin stack as JSON (summary.json), CSV (skin_layers.csv) and a terminal table.
#include <nlohmann/json.hpp>
#include <string>

#include "skin/skin_model.hpp"

namespace mnsim::io {

nlohmann::json skin_json(const skin::SkinModel& model);
std::string skin_layers_csv(const skin::SkinModel& model);
std::string skin_text(const skin::SkinModel& model);

}  // namespace mnsim::io
