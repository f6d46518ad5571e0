#pragma once
// The commands that the package runs in memory, each as its command computes it: the summary (what
// `mnsim <command> --json` prints) as a dict, with time series under "series" and text tables
// under "tables" (CSV text, as the command writes them). Nothing is written to disk.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mnsim::python {

// A Python value as the text of a --set assignment (read as TOML by the scenario reader).
std::string assignment_text(const std::string& key, const pybind11::handle& value);

// What a call sets, each assignment with the argument that gave it (named in error messages):
// set={key: value}, seed and samples (the key `samples` stands for).
struct Inputs {
  std::vector<std::pair<std::string, std::string>> assignments;
  std::optional<std::int64_t> seed;
};
Inputs inputs_of(const pybind11::dict& set, std::optional<std::int64_t> seed, std::optional<std::int64_t> samples,
                 const char* samples_key);

pybind11::dict simulate(const std::string& scenario, const Inputs& inputs);
pybind11::dict plan(const std::string& patient, const Inputs& inputs);
pybind11::dict compare(const std::string& scenario, const std::vector<std::string>& with, const Inputs& inputs);
pybind11::dict validation(const std::optional<std::string>& module, const std::string& role, const Inputs& inputs);

}  // namespace mnsim::python
