#pragma once
// The blood levels a plan's products give: for each treated area, its chosen protocol's Injury
// and its products through the reduced transport model in living skin over the area, all added up
// per compound on the session's clock (transport/plasma.hpp). Only plans with a product whose
// compound has a disposition (a numbing cream's lidocaine) run any transport.
#include <vector>

#include "app/plan_engine.hpp"
#include "app/session.hpp"
#include "plan/plan.hpp"

namespace mnsim::app {

std::vector<plan::SystemicExposure> systemic_exposure(const plan::Plan& plan, PlanEngine& engine, Session& session);

}  // namespace mnsim::app
