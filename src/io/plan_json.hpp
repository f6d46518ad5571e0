#pragma once
// plan.json: the treatment plan as JSON (keys documented in docs/planner.md and docs/outputs.md).
#include <nlohmann/json.hpp>

#include "plan/plan.hpp"

namespace mnsim::io {

nlohmann::json plan_to_json(const plan::Plan& plan);

// Indented text with a final newline, as written to plan.json.
std::string plan_json_text(const plan::Plan& plan);

}  // namespace mnsim::io
