#pragma once
// What `mnsim plan` prints for a person to read: the verdict with its rules, each area's settings
// and predicted outcomes, the course's quantities and the blood level, in the words and number
// formats of io/quantity_labels.hpp (the same as the report pages and `simulate`'s text).
#include <string>

#include "plan/plan.hpp"

namespace mnsim::io {

std::string plan_text(const plan::Plan& plan);

}  // namespace mnsim::io
