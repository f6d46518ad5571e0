// mnsim._core (pybind11): the compiled half of the Python package `mnsim` (python/mnsim), which
// wraps it with types, docstrings and NumPy arrays. Each call builds its own session and keeps no
// state. Errors of input become InputError (a ValueError), numerical failures NumericalError (an
// ArithmeticError), missing data tables RuntimeError.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "app/compare_command.hpp"
#include "app/params_command.hpp"
#include "app/session.hpp"
#include "core/data_dir.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "python/columns.hpp"
#include "python/command_line.hpp"
#include "python/runs.hpp"

namespace py = pybind11;
using mnsim::python::inputs_of;

PYBIND11_MODULE(_core, m) {
  m.doc() = "mnsim's compiled core; use the package `mnsim`, which wraps it.";
  m.attr("__version__") = mnsim::version_string;
  m.attr("default_comparators") = mnsim::app::default_comparators;
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

  m.def(
      "simulate",
      [](const std::string& scenario, const py::dict& set, std::optional<std::int64_t> seed,
         std::optional<std::int64_t> samples) {
        return mnsim::python::simulate(scenario, inputs_of(set, seed, samples, "response.samples"));
      },
      py::arg("scenario"), py::arg("set"), py::arg("seed"), py::arg("samples"));
  m.def(
      "plan",
      [](const std::string& patient, const py::dict& set, std::optional<std::int64_t> seed,
         std::optional<std::int64_t> samples) {
        return mnsim::python::plan(patient, inputs_of(set, seed, samples, "planner.samples"));
      },
      py::arg("patient"), py::arg("set"), py::arg("seed"), py::arg("samples"));
  m.def(
      "compare",
      [](const std::string& scenario, const std::vector<std::string>& with, const py::dict& set,
         std::optional<std::int64_t> seed, std::optional<std::int64_t> samples) {
        return mnsim::python::compare(scenario, with, inputs_of(set, seed, samples, "response.samples"));
      },
      py::arg("scenario"), py::arg("with_"), py::arg("set"), py::arg("seed"), py::arg("samples"));
  m.def(
      "validation",
      [](const std::optional<std::string>& module, const std::string& role, const py::dict& set,
         std::optional<std::int64_t> seed) {
        return mnsim::python::validation(module, role, inputs_of(set, seed, std::nullopt, ""));
      },
      py::arg("module"), py::arg("role"), py::arg("set"), py::arg("seed"));
  m.def("run_command", &mnsim::python::run_command, py::arg("arguments"));
  m.def("assignment_text", &mnsim::python::assignment_text, py::arg("key"), py::arg("value"));
  m.def("params", [] {
    mnsim::app::Session s(mnsim::data_dir());
    return mnsim::python::to_python(mnsim::app::parameters_json(s.registry()));
  });
}
