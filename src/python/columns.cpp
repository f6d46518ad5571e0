#include "python/columns.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <string>

#include "io/transport_output.hpp"
#include "response/tissue_model.hpp"
#include "skin/layer.hpp"

namespace py = pybind11;

namespace mnsim::python {

namespace {

constexpr double hours_per_day = 24.0;

py::dict depth_columns(const transport::DepthProfile& profile) {
  py::dict columns;
  columns["top_um"] = profile.top_um;
  columns["bottom_um"] = profile.bottom_um;
  columns["held_ug_per_cm2"] = profile.held_ug_per_cm2;
  py::list layers;
  for (const auto layer : profile.layer) layers.append(std::string(skin::layer_name(layer)));
  columns["layer"] = layers;
  return columns;
}

// The frames as one array [frame, z, y, x] (x fastest, as stored), made here rather than from a
// list: a resolved field holds up to millions of cells per frame.
py::object field_arrays(const transport::ConcentrationFields& fields) {
  if (fields.time_h.empty()) return py::none();
  const auto cells = [](const std::vector<double>& nodes) { return static_cast<py::ssize_t>(nodes.size()) - 1; };
  const py::ssize_t nx = cells(fields.x_nodes_um), ny = cells(fields.y_nodes_um), nz = cells(fields.z_nodes_um);
  py::array_t<double> values({static_cast<py::ssize_t>(fields.time_h.size()), nz, ny, nx});
  double* out = values.mutable_data();
  for (const auto& frame : fields.concentration_ug_per_cm3) out = std::copy(frame.begin(), frame.end(), out);
  py::dict columns;
  columns["x_nodes_um"] = fields.x_nodes_um;
  columns["y_nodes_um"] = fields.y_nodes_um;
  columns["z_nodes_um"] = fields.z_nodes_um;
  columns["time_h"] = fields.time_h;
  columns["concentration_ug_per_cm3"] = values;
  return columns;
}

}  // namespace

py::object to_python(const nlohmann::json& json) {
  // The standard library's parser: exact for numbers (shortest round trip) and free of a
  // hand-written converter.
  return py::module_::import("json").attr("loads")(json.dump());
}

py::dict course_columns(const response::TissueCourse& course) {
  py::dict columns;
  columns["time_h"] = course.time_h;
  std::vector<double> days;
  for (const double h : course.time_h) days.push_back(h / hours_per_day);
  columns["time_d"] = days;
  for (std::size_t s = 0; s < response::state_names.size(); ++s) {
    std::vector<double> values;
    for (const auto& state : course.states) values.push_back(state[s]);
    columns[py::str(std::string(response::state_names[s]))] = values;
  }
  columns["tewl_excess"] = course.tewl_excess;
  columns["erythema"] = course.erythema;
  return columns;
}

py::dict product_columns(const transport::ProductExposure& product) {
  const auto& s = product.series;
  py::dict series;
  series["time_h"] = s.time_h;
  for (const char* name : io::fittable_series) {
    const auto values = io::transport_series_values(product, name);
    series[name] = std::vector<double>(values.begin(), values.end());
  }
  series["channel_open_fraction"] = s.open_fraction;
  // A finite dose only: an infinite one is an unlimited reservoir with nothing to count on the surface.
  if (s.surface_ug_per_cm2.size() == s.time_h.size()) {
    series["surface_ug_per_cm2"] = s.surface_ug_per_cm2;
    series["intact_surface_ug_per_cm2"] = s.intact_surface_ug_per_cm2;
    series["applied_ug_per_cm2"] = s.applied_ug_per_cm2;
  }

  py::dict layers;
  layers["time_h"] = s.time_h;
  for (std::size_t l = 0; l < s.layers.size(); ++l) {
    const std::string name(skin::layer_name(s.layers[l]));
    layers[py::str(name + "_ug_per_cm3")] = s.layer_ug_per_cm3[l];
    layers[py::str("intact_" + name + "_ug_per_cm3")] = s.intact_layer_ug_per_cm3[l];
  }

  py::object plasma = py::none();
  if (product.plasma) {
    py::dict columns;
    columns["time_h"] = s.time_h;
    columns["ng_per_ml"] = product.plasma->ng_per_ml;
    columns["intact_ng_per_ml"] = product.plasma->intact_ng_per_ml;
    plasma = columns;
  }

  py::dict out;
  out["name"] = product.name;
  out["compound"] = product.compound;
  out["destination"] = product.destination;
  out["series"] = series;
  out["layers"] = layers;
  out["depth"] = py::dict(py::arg("treated") = depth_columns(product.depth_profile),
                          py::arg("intact") = depth_columns(product.intact_depth_profile));
  out["plasma"] = plasma;
  out["fields"] = field_arrays(product.fields);
  return out;
}

py::dict band_columns(const std::vector<plan::Band>& bands) {
  py::dict out;
  for (const auto& band : bands) {
    py::dict columns;
    columns["unit"] = band.unit;
    columns["time_h"] = band.t_h;
    columns["median"] = band.median;
    columns["p5"] = band.p5;
    columns["p95"] = band.p95;
    out[py::str(band.name)] = columns;
  }
  return out;
}

py::list plasma_columns(const std::vector<plan::SystemicExposure>& systemic) {
  py::list out;
  for (const auto& exposure : systemic) {
    py::dict columns;
    columns["compound"] = exposure.compound;
    columns["products"] = exposure.products;
    columns["time_h"] = exposure.time_h;
    columns["ng_per_ml"] = exposure.ng_per_ml;
    columns["intact_ng_per_ml"] = exposure.intact_ng_per_ml;
    out.append(columns);
  }
  return out;
}

}  // namespace mnsim::python
