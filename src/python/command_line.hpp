#pragma once
// The commands whose work lives in their command-line implementation (`sweep`, `fit`), run in this
// process as the executable runs them, into the run directory their arguments give with -o.
#include <string>
#include <vector>

namespace mnsim::python {

// `arguments` as typed after `mnsim`: {"sweep", "scenario.toml", "--vary", "KEY=1,2", "-o", DIR}.
// What the command prints on standard output (its table, the run directory) is dropped: the
// caller reads the run directory. Errors as the command's exceptions; a malformed argument is an
// InputError.
void run_command(const std::vector<std::string>& arguments);

}  // namespace mnsim::python
