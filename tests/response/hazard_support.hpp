#pragma once
// Shared set-up of the hazard tests: the full registry (every module plus the hazard keys), scenario
// parameters with overrides, and the hazards of microneedling and of a comparator on one person
// (through the response engine).
#include <string>
#include <vector>

#include "app/pipeline.hpp"
#include "app/session.hpp"
#include "core/run_parameters.hpp"
#include "device/parameters.hpp"
#include "io/parameters.hpp"
#include "io/scenario_reader.hpp"
#include "mechanics/parameters.hpp"
#include "response/comparators.hpp"
#include "response/engine.hpp"
#include "response/hazard_parameters.hpp"
#include "response/hazards.hpp"
#include "response/parameters.hpp"
#include "skin/parameters.hpp"
#include "test_support.hpp"
#include "transport/parameters.hpp"

namespace mnsim::test {

// The course is integrated to a relative tolerance of 1e-6 (response/tissue_model.cpp) and its
// durations are read where a signal crosses its threshold, interpolated between output times: a
// hazard whose course quantities do not change with the wound carries noise of ~1e-5 relative.
// "Never lower" therefore allows 1e-4 relative (or 1e-9 absolute, for hazards of ~1e-13), which is
// integration noise, not a trend.
inline double integration_slack(double value) { return 1e-9 + 1e-4 * value; }

class HazardWorld {
 public:
  HazardWorld() {
    declare_run_parameters(registry);
    skin::declare_parameters(registry, session.atlas());
    device::declare_parameters(registry);
    mechanics::declare_parameters(registry);
    transport::declare_parameters(registry);
    response::declare_parameters(registry);
    response::declare_hazard_parameters(registry);
    io::declare_parameters(registry);
  }

  // The scenario (a file under examples/, or none) with `key=value` overrides, completed.
  ParameterSet parameters(const std::string& example, const std::vector<std::string>& overrides) {
    auto p = example.empty() ? ParameterSet{} : io::read_scenario_file(source_dir() / "examples" / example, registry);
    for (const auto& o : overrides) io::apply_override(p, registry, o);
    p.complete(registry, example);
    return p;
  }

  // Through the response engine: the simulated course feeds the hazards, over the whole protocol.
  response::Hazards microneedling(const ParameterSet& p) {
    const auto result = app::simulate_injury(p, session);
    return response::respond(response::microneedling_treatment(result.injury, result.skin, p), p, 0, 1, false).hazards;
  }

  response::Hazards comparator(const ParameterSet& p, const response::ProcedureSpec& procedure) {
    const auto skin = session.atlas().typical(skin::query_from(p));
    return response::respond(response::comparator_treatment(procedure, skin, p), p, 0, 1, false).hazards;
  }

  app::Session session{data_dir()};
  Registry registry;
  response::ProcedureCatalog catalog = response::ProcedureCatalog::load(data_dir());
};

}  // namespace mnsim::test
