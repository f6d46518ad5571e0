#pragma once
// The whole treatment plan of one patient file: screening, candidate protocols evaluated with the
// response engine, the recommendation per area, its sampled course and hazards, the comparators on
// the same person and the aftercare derived from the course. `mnsim plan` writes it; the planner
// benchmark times it.
#include <string>

#include "app/session.hpp"
#include "core/parameter_set.hpp"
#include "plan/plan.hpp"

namespace mnsim::app {

plan::Plan build_plan(const ParameterSet& parameters, Session& session, const std::string& patient_file);

}  // namespace mnsim::app
