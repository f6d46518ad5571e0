#include "core/run_parameters.hpp"

#include <cstdint>

namespace mnsim {

void declare_run_parameters(Registry& registry) {
  registry.add({.path = "run.seed",
                .type = ParamType::integer,
                .min = 0,
                .max = 9007199254740991.0,  // 2^53 - 1: survives a round trip through JSON readers
                .default_value = Value{std::int64_t{1}},
                .description = "seed of every random draw; the same seed gives the same results",
                .source = "model input"});
  registry.add({.path = "run.fidelity",
                .type = ParamType::choice,
                .choices = {"reduced", "resolved"},
                .default_value = Value{std::string("reduced")},
                .description = "reduced (analytic + ODE, milliseconds) or resolved (3-D fields, seconds to minutes)",
                .source = "model input"});
}

}  // namespace mnsim
