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
  registry.add({.path = "output.plots",
                .type = ParamType::boolean,
                .default_value = Value{true},
                .description = "draw PNG figures with gnuplot (skipped with a note when gnuplot is missing)",
                .source = "model input"});
  registry.add({.path = "output.fields",
                .type = ParamType::boolean,
                .default_value = Value{true},
                .description = "write ParaView-readable files: punctures.vtk (one needle track per puncture) and, with "
                               "run.fidelity = \"resolved\", transport_<i>_<name>_fields.h5/.xmf (concentration in "
                               "the unit cell)",
                .source = "model input"});
  registry.add({.path = "output.field_interval_h",
                .type = ParamType::real,
                .unit = "h",
                .min = 0.0,
                .max = 10000.0,
                .default_value = Value{6.0},
                .description =
                    "hours between the concentration fields of resolved transport runs, from application; "
                    "the end of the experiment is always included (0: the end only); output.field_times_h, when "
                    "given, replaces it",
                .source = "model input"});
  registry.add({.path = "output.field_times_h",
                .type = ParamType::number_list,
                .unit = "h",
                .min = 0.0,
                .max = 10000.0,
                .default_value = Value{NumberList{}},
                .description = "hours after application at which resolved transport runs write their concentration "
                               "fields, e.g. [0.25, 1, 6]; replaces output.field_interval_h when given (the end of the "
                               "experiment is always included; times past it are dropped)",
                .source = "model input"});
  registry.add({.path = "output.response_days",
                .type = ParamType::number_list,
                .unit = "d",
                .min = 1.0,
                .max = 3650.0,
                .default_value = Value{NumberList{}},
                .description = "days after the first session at which the new collagen and the epidermal thickness "
                               "change are reported (response.collagen_change_pct.<day>, with sampled ranges), "
                               "besides 30, 90, 180 and 365, e.g. [14, 730]; rounded to whole days",
                .source = "model input"});
  registry.add({.path = "output.max_punctures_written",
                .type = ParamType::integer,
                .min = 1000,
                .max = 100000000,
                .default_value = Value{std::int64_t{1000000}},
                .description = "largest number of punctures written to punctures.csv and punctures.vtk; above it "
                               "an evenly spaced subset is written (summary.json says how many)",
                .source = "model input"});
}

}  // namespace mnsim::io
