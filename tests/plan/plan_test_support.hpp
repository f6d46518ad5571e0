#pragma once
// Shared by the planner tests: reading example patient files through the full registry.
#include <filesystem>
#include <string>

#include "app/session.hpp"
#include "core/parameter_set.hpp"
#include "io/scenario_reader.hpp"
#include "plan/patient.hpp"
#include "test_support.hpp"

namespace mnsim::plan::test {

inline app::Session& session() {
  static app::Session s(mnsim::test::data_dir());
  return s;
}

inline ParameterSet read_parameters_text(const std::string& text) {
  auto p = io::read_scenario_text(text, "patient.toml", session().registry());
  p.complete(session().registry(), "patient.toml");
  return p;
}

inline ParameterSet read_example_parameters(const std::string& name) {
  const auto file = mnsim::test::source_dir() / "examples" / "patients" / (name + ".toml");
  auto p = io::read_scenario_file(file, session().registry());
  p.complete(session().registry(), file.string());
  return p;
}

inline PatientFile read_example(const std::string& name) { return read_patient(read_example_parameters(name)); }

}  // namespace mnsim::plan::test
