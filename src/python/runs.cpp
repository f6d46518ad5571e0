#include "python/runs.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/cli_values.hpp"
#include "app/compare_command.hpp"
#include "app/pipeline.hpp"
#include "app/plan_builder.hpp"
#include "app/preflight.hpp"
#include "app/provenance.hpp"
#include "app/run_options.hpp"
#include "app/session.hpp"
#include "app/simulation.hpp"
#include "app/summary.hpp"
#include "app/validation_output.hpp"
#include "app/validation_rows.hpp"
#include "app/validation_runner.hpp"
#include "core/clock.hpp"
#include "core/data_dir.hpp"
#include "core/error.hpp"
#include "io/csv_writer.hpp"
#include "io/plan_json.hpp"
#include "io/response_output.hpp"
#include "python/columns.hpp"

namespace py = pybind11;

namespace mnsim::python {

namespace {

ParameterSet load(app::Session& session, const std::string& file, const Inputs& inputs) {
  app::RunOptions options;
  if (inputs.seed) options.seed = std::to_string(*inputs.seed);
  return app::load_parameters(session.registry(), file, inputs.assignments, options);
}

}  // namespace

std::string assignment_text(const std::string& key, const py::handle& value) {
  if (py::isinstance<py::bool_>(value)) return key + "=" + (value.cast<bool>() ? "true" : "false");
  // An index: Python's int and NumPy's integer scalars (which are not int).
  if (PyIndex_Check(value.ptr()) != 0) return key + "=" + std::to_string(value.attr("__index__")().cast<long long>());
  if (py::isinstance<py::float_>(value)) {
    const double number = value.cast<double>();
    if (!std::isfinite(number)) throw InputError({"set", 0, 0}, key, "not a finite number");
    std::string text = io::number_text(number);
    // TOML needs a fraction or exponent for a float; "1" would read as an integer.
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    return key + "=" + text;
  }
  if (py::isinstance<py::str>(value)) {
    std::string quoted = "\"";
    for (const char c : value.cast<std::string>()) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return key + "=" + quoted + "\"";
  }
  throw InputError({"set", 0, 0}, key, "expected a bool, int, float or str value");
}

Inputs inputs_of(const py::dict& set, std::optional<std::int64_t> seed, std::optional<std::int64_t> samples,
                 const char* samples_key) {
  Inputs inputs{.seed = seed};
  for (const auto& [key, value] : set) inputs.assignments.emplace_back(assignment_text(py::str(key), value), "set");
  if (samples) inputs.assignments.emplace_back(std::string(samples_key) + "=" + std::to_string(*samples), "samples");
  return inputs;
}

py::dict simulate(const std::string& scenario, const Inputs& inputs) {
  // A session per call: the data tables are read afresh (a few ms), no state is kept between calls.
  app::Session session(data_dir());
  const auto parameters = load(session, scenario, inputs);
  app::check_run_inputs(parameters, session);
  const app::Simulation run = [&] {
    py::gil_scoped_release release;  // the pipeline runs its own threads
    return app::run_simulation(parameters, session, "python", scenario, app::exposure_options_from(parameters));
  }();
  py::dict out = to_python(run.summary);
  py::list products;
  for (const auto& product : run.exposure) products.append(product_columns(product));
  out["series"] = py::dict(py::arg("course") = course_columns(run.response.course), py::arg("products") = products);
  return out;
}

py::dict plan(const std::string& patient, const Inputs& inputs) {
  app::Session session(data_dir());
  const auto parameters = load(session, patient, inputs);
  (void)app::check_plan_inputs(parameters, session, now());
  const plan::Plan built = [&] {
    py::gil_scoped_release release;
    return app::build_plan(parameters, session, patient);
  }();
  // plan.json as the command writes it, provenance included.
  auto document = io::plan_to_json(built);
  document["provenance"] =
      app::provenance_json(session.data_dir(), session.data_checksums(), parameters.integer("run.seed"));
  py::dict out = to_python(document);
  out["series"] =
      py::dict(py::arg("course") = band_columns(built.bands), py::arg("plasma") = plasma_columns(built.systemic));
  return out;
}

py::dict compare(const std::string& scenario, const std::vector<std::string>& with, const Inputs& inputs) {
  app::Session session(data_dir());
  const auto parameters = load(session, scenario, inputs);
  std::vector<const response::ProcedureSpec*> comparators;
  for (const auto& name : app::comma_list(with, "with")) comparators.push_back(&session.procedures().get(name));
  std::vector<response::ProcedureResponse> procedures;
  {
    py::gil_scoped_release release;
    const auto injury = app::simulate_injury(parameters, session);
    procedures.push_back(app::microneedling_response(parameters, injury));
    for (const auto* spec : comparators) procedures.push_back(app::comparator_response(parameters, injury.skin, *spec));
  }
  auto summary = app::summary_header("python", scenario, parameters, session);
  summary["stages"] = {"skin", "device", "mechanics", "response"};
  app::add_comparison_blocks(summary, procedures);

  py::dict out = to_python(summary);
  py::dict courses;
  for (const auto& r : procedures) courses[py::str(r.treatment.procedure)] = course_columns(r.course);
  out["series"] = py::dict(py::arg("course") = courses);
  out["tables"] = py::dict(py::arg("comparison") = io::comparison_csv(procedures));
  return out;
}

py::dict validation(const std::optional<std::string>& module, const std::string& role, const Inputs& inputs) {
  app::Session session(data_dir());
  const auto defaults = load(session, "", inputs);  // checks seed and set as the command does
  app::ValidationOptions options;
  if (module && std::ranges::find(app::validation_modules, *module) == app::validation_modules.end()) {
    throw InputError({"module", 0, 0}, *module, "not a validation module",
                     fmt::format("one of {}", fmt::join(app::validation_modules, ", ")));
  }
  options.module = module;
  if (role == "calibration") {
    options.role = app::Role::calibration;
  } else if (role == "validation") {
    options.role = app::Role::validation;
  } else if (role != "all") {
    throw InputError({"role", 0, 0}, role, "not a role", "one of calibration, validation, all");
  }
  if (inputs.seed) options.seed = static_cast<std::uint64_t>(defaults.integer("run.seed"));
  for (const auto& [assignment, origin] : inputs.assignments) options.set.push_back(assignment);
  const auto report = [&] {
    py::gil_scoped_release release;
    const auto data = app::read_validation_data(session.data_dir() / "validation");
    return app::run_validation(data, session, options);
  }();
  auto summary = app::summary_header("python", "", defaults, session);
  summary["validation"] = app::validation_json(report);
  py::dict out = to_python(summary);
  out["tables"] = py::dict(py::arg("validation") = app::validation_csv(report));
  return out;
}

}  // namespace mnsim::python
