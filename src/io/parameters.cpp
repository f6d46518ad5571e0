#include "io/parameters.hpp"

#include <string>

namespace mnsim::io {

void declare_parameters(Registry& registry) {
  registry.add({.path = "output.dir",
                .type = ParamType::string,
                .default_value = Value{std::string("")},
                .description = "run directory; empty: runs/<scenario>-<date>-<time> (the -o option overrides it)",
                .source = "model input"});
  registry.add({.path = "output.csv",
                .type = ParamType::boolean,
                .default_value = Value{true},
                .description = "write CSV tables and time series next to summary.json",
                .source = "model input"});
}

}  // namespace mnsim::io
