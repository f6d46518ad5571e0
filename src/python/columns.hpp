#pragma once
// The model's results as Python objects: summary JSON as dicts and lists, and time series as
// columns ({name: list of numbers}) that the package (python/mnsim) turns into NumPy arrays.
// Columns carry full double precision, unlike the CSV files of a run directory.
#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "plan/plan.hpp"
#include "response/course.hpp"
#include "transport/exposure.hpp"

namespace mnsim::python {

pybind11::object to_python(const nlohmann::json& json);

// time_h, time_d, every state variable, tewl_excess and erythema: the columns of response_course.csv.
pybind11::dict course_columns(const response::TissueCourse& course);

// {name, compound, destination, series, layers, depth, plasma, fields}: the product's transport
// table, its layers' mean concentrations, where the skin holds it at the end (treated and intact),
// its plasma course (None unless it reaches the blood) and its concentration fields (None unless a
// resolved run kept them).
pybind11::dict product_columns(const transport::ProductExposure& product);

// {name: {unit, time_h, median, p5, p95}} of a plan's bands ("redness", "TEWL excess").
pybind11::dict band_columns(const std::vector<plan::Band>& bands);

// [{compound, products, time_h, ng_per_ml, intact_ng_per_ml}] of a plan's products that reach the blood.
pybind11::list plasma_columns(const std::vector<plan::SystemicExposure>& systemic);

}  // namespace mnsim::python
