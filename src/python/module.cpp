// The Python module `mnsim` (pybind11): the simulation pipeline for analysis in Python. A run
// returns what `mnsim simulate --json` prints, as Python objects, and each product's time series;
// nothing is written to disk. Errors of input become mnsim.InputError (a ValueError), numerical
// failures mnsim.NumericalError (an ArithmeticError).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "app/params_command.hpp"
#include "app/run_options.hpp"
#include "app/session.hpp"
#include "app/simulation.hpp"
#include "core/data_dir.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "io/csv_writer.hpp"
#include "io/transport_output.hpp"

namespace py = pybind11;

namespace {

// JSON text to Python objects through the standard library's parser: exact for numbers
// (shortest round trip) and free of a hand-written converter.
py::object to_python(const nlohmann::json& json) { return py::module_::import("json").attr("loads")(json.dump()); }

// A Python value as the text of a --set assignment (read as TOML by the scenario reader).
std::string assignment_text(const std::string& key, const py::handle& value) {
  if (py::isinstance<py::bool_>(value)) return key + "=" + (value.cast<bool>() ? "true" : "false");
  if (py::isinstance<py::int_>(value)) return key + "=" + std::to_string(value.cast<long long>());
  if (py::isinstance<py::float_>(value)) {
    const double number = value.cast<double>();
    if (!std::isfinite(number)) throw mnsim::InputError({"set", 0, 0}, key, "not a finite number");
    std::string text = mnsim::io::number_text(number);
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
  throw mnsim::InputError({"set", 0, 0}, key, "expected a bool, int, float or str value");
}

py::dict series_of(const mnsim::transport::ProductExposure& product) {
  py::dict columns;
  columns["time_h"] = product.series.time_h;
  for (const char* name : mnsim::io::fittable_series) {
    const auto values = mnsim::io::transport_series_values(product, name);
    columns[name] = std::vector<double>(values.begin(), values.end());
  }
  columns["channel_open_fraction"] = product.series.open_fraction;
  return columns;
}

py::dict simulate(const std::optional<std::string>& scenario, const py::dict& set, std::optional<std::int64_t> seed,
                  std::optional<std::int64_t> samples) {
  mnsim::app::RunOptions options;
  std::vector<std::pair<std::string, std::string>> assignments;  // named "set" in error messages
  for (const auto& [key, value] : set) assignments.emplace_back(assignment_text(py::str(key), value), "set");
  if (seed) options.seed = std::to_string(*seed);
  if (samples) options.samples = std::to_string(*samples);
  // A session per call: the data tables are read afresh (a few ms), no state is kept between calls.
  mnsim::app::Session s(mnsim::data_dir());
  const std::string file = scenario.value_or("");
  const auto parameters = mnsim::app::load_parameters(s.registry(), file, assignments, options);
  mnsim::app::Simulation run = [&] {
    py::gil_scoped_release release;  // the pipeline runs its own threads
    return mnsim::app::run_simulation(parameters, s, "python", file,
                                      {.resolved = parameters.text("run.fidelity") == "resolved"});
  }();
  py::dict out = to_python(run.summary);
  py::list products;
  for (const auto& product : run.exposure) {
    py::dict entry;
    entry["name"] = product.name;
    entry["series"] = series_of(product);
    products.append(entry);
  }
  out["series"] = py::dict(py::arg("products") = products);
  return out;
}

}  // namespace

PYBIND11_MODULE(mnsim, m) {
  m.doc() =
      "mnsim: skin microneedling simulation from Python. simulate() runs the pipeline and returns the "
      "summary (as `mnsim simulate --json` prints it) with each product's time series. Model predictions "
      "for education and research, not medical advice.";
  m.attr("__version__") = mnsim::version_string;
  static py::exception<mnsim::InputError> input_error(m, "InputError", PyExc_ValueError);
  static py::exception<mnsim::NumericalError> numerical_error(m, "NumericalError", PyExc_ArithmeticError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const mnsim::InputError& e) {
      input_error(e.what());
    } catch (const mnsim::NumericalError& e) {
      numerical_error(e.what());
    } catch (const mnsim::DataError& e) {
      PyErr_SetString(PyExc_RuntimeError,
                      (std::string(e.what()) + " (set MNSIM_DATA_DIR to the data/ folder of mnsim)").c_str());
    }
  });
  m.def("simulate", &simulate, py::arg("scenario") = py::none(), py::arg("set") = py::dict(),
        py::arg("seed") = py::none(), py::arg("samples") = py::none(),
        "Run a scenario file (or the defaults) with overrides {'dotted.key': value}; returns the summary dict, "
        "plus 'series': {'products': [{'name', 'series': {'time_h': [...], 'cumulative_ug_per_cm2': [...], ...}}]}.");
  m.def(
      "params",
      [] {
        mnsim::app::Session s(mnsim::data_dir());
        return to_python(mnsim::app::parameters_json(s.registry()));
      },
      "Every scenario key and model parameter: path, expected, unit, default, description, source.");
}
