#include "response/parameters.hpp"

namespace mnsim::response {

void declare_parameters(Registry& registry) {
  registry.add({.path = "timeline.sun_exposure_h_per_day",
                .type = ParamType::real,
                .unit = "h/d",
                .min = 0.0,
                .max = 16.0,
                .default_value = Value{1.0},
                .description = "time outdoors in daylight per day after treatment (drives the pigmentation hazard)",
                .source = "model input"});
  registry.add({.path = "timeline.sunscreen",
                .type = ParamType::boolean,
                .default_value = Value{true},
                .description = "broad-spectrum sunscreen used after treatment",
                .source = "model input"});
  registry.add({.path = "timeline.sunscreen_spf",
                .type = ParamType::real,
                .min = 0.0,
                .max = 100.0,
                .default_value = Value{30.0},
                .description = "sun protection factor of the sunscreen",
                .source = "model input"});
  registry.add({.path = "timeline.retinoid_restart_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 0.0,
                .max = 365.0,
                .default_value = Value{7.0},
                .description = "days after each session before topical retinoids are used again",
                .source = "model input"});
  registry.add({.path = "timeline.exfoliant_restart_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 0.0,
                .max = 365.0,
                .default_value = Value{7.0},
                .description = "days after each session before scrubs and acids are used again",
                .source = "model input"});
}

}  // namespace mnsim::response
