#pragma once
// Where a command writes its run: -o DIR, else the scenario's output.dir, else
// runs/<scenario stem><suffix>-<date-time>. Messages about the directory name the one the user gave.
#include <string>
#include <string_view>

#include "app/run_options.hpp"
#include "core/parameter_set.hpp"
#include "io/run_directory.hpp"

namespace mnsim::app {

io::RunDirectory open_run_directory(const RunOptions& options, const ParameterSet& parameters,
                                    const std::string& scenario_file, std::string_view suffix);

}  // namespace mnsim::app
