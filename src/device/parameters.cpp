#include "device/parameters.hpp"

#include <cstdint>
#include <string>

namespace mnsim::device {

void declare_parameters(Registry& registry) {
  registry.add({.path = "device.type",
                .type = ParamType::choice,
                .choices = {"pen", "roller", "stamp", "patch"},
                .default_value = Value{std::string("pen")},
                .description = "kind of device: motorised pen, roller, stamp or microneedle patch",
                .source = "Singh & Yadav 2016, Indian Dermatol Online J 7:244"});
  registry.add({.path = "device.needle_length_mm",
                .type = ParamType::real,
                .unit = "mm",
                .min = 0.1,
                .max = 3.0,
                .default_value = Value{1.0},
                .description = "needle length (roller, stamp, patch) or depth setting (pen)",
                .source = "rollers 0.5-3 mm: Singh & Yadav 2016, Indian Dermatol Online J 7:244; "
                          "pens 0.25-2.5 mm: FDA De Novo DEN160029 (SkinPen)"});
  registry.add({.path = "protocol.sessions",
                .type = ParamType::integer,
                .min = 1,
                .max = 12,
                .default_value = Value{std::int64_t{4}},
                .description = "number of treatment sessions",
                .source = "4 sessions 30 d apart: Ablon 2018, J Clin Aesthet Dermatol 11(8):29-34"});
  registry.add({.path = "protocol.interval_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 1.0,
                .max = 365.0,
                .default_value = Value{30.0},
                .description = "days between sessions (2-6 weeks in published protocols)",
                .source = "Ablon 2018, J Clin Aesthet Dermatol 11(8):29-34; El-Domyati et al. 2015, "
                          "J Clin Aesthet Dermatol 8(7):36-42 (2-week interval)"});
  registry.add({.path = "protocol.passes",
                .type = ParamType::integer,
                .min = 1,
                .max = 20,
                .default_value = Value{std::int64_t{4}},
                .description = "passes over each area per session",
                .source = "roller: 9 passes in 4 directions, You et al. 2010, J Drug Target 18:15"});
  registry.add({.path = "protocol.area_cm2",
                .type = ParamType::real,
                .unit = "cm2",
                .min = 0.01,
                .max = 2000.0,
                .default_value = Value{50.0},
                .description = "treated area per session (one cheek is about 50 cm2)",
                .source = "model input"});
}

}  // namespace mnsim::device
