#include "transport/target.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "transport/layer_course.hpp"

namespace mnsim::transport {

namespace {

constexpr double um_to_cm = 1e-4;

}  // namespace

std::vector<std::vector<double>> layer_concentrations(const std::vector<double>& cell_top_um,
                                                      const std::vector<double>& cell_width_um,
                                                      const std::vector<std::vector<double>>& cell_held,
                                                      const skin::SkinModel& skin,
                                                      const std::vector<skin::LayerId>& layers, double to_amount) {
  std::vector<std::size_t> layer_of_cell;
  std::vector<double> thickness_cm(layers.size(), 0.0);
  for (std::size_t i = 0; i < cell_top_um.size(); ++i) {
    const auto id = skin.layer_at(cell_top_um[i] + 0.5 * cell_width_um[i]);
    const auto l = static_cast<std::size_t>(std::find(layers.begin(), layers.end(), id) - layers.begin());
    layer_of_cell.push_back(l);
    thickness_cm[l] += cell_width_um[i] * um_to_cm;
  }
  std::vector<std::vector<double>> c(layers.size(), std::vector<double>(cell_held.size(), 0.0));
  for (std::size_t k = 0; k < cell_held.size(); ++k)
    for (std::size_t i = 0; i < layer_of_cell.size(); ++i)
      c[layer_of_cell[i]][k] += cell_held[k][i] * to_amount / thickness_cm[layer_of_cell[i]];
  return c;
}

std::vector<skin::LayerId> layers_reached(const std::vector<double>& cell_top_um,
                                          const std::vector<double>& cell_width_um, const skin::SkinModel& skin) {
  std::vector<skin::LayerId> layers;
  for (std::size_t i = 0; i < cell_top_um.size(); ++i) {
    const auto id = skin.layer_at(cell_top_um[i] + 0.5 * cell_width_um[i]);
    if (std::find(layers.begin(), layers.end(), id) == layers.end()) layers.push_back(id);
  }
  return layers;
}

TargetPlace checked_target_layer(const ParameterSet& parameters, std::size_t i, const skin::SkinModel& skin,
                                 double depth_um) {
  const auto key = fmt::format("product[{}].target_layer", i);
  const auto layer = *skin::layer_from_name(parameters.text(key));
  double top = 0.0;
  for (const auto id : skin::all_layers) {
    if (id == layer) break;
    top += skin.layer(id).thickness_um;
  }
  if (!(top < depth_um))
    throw InputError(parameters.entry(key).origin, key,
                     fmt::format("the {} starts {:.0f} um deep, below the {:.0f} um of skin the experiment holds",
                                 parameters.text(key), top, depth_um),
                     "choose a shallower target_layer, or a thicker experiment.membrane_um");
  return {layer, top, std::min(depth_um, top + skin.layer(layer).thickness_um)};
}

TargetExposure target_exposure(skin::LayerId layer, double concentration_ug_per_ml, const ExposureSeries& series) {
  TargetExposure t;
  t.layer = layer;
  t.concentration_ug_per_ml = concentration_ug_per_ml;
  const auto l =
      static_cast<std::size_t>(std::find(series.layers.begin(), series.layers.end(), layer) - series.layers.begin());
  const Course treated{series.time_h, series.layer_ug_per_cm3.at(l)};
  const Course intact{series.time_h, series.intact_layer_ug_per_cm3.at(l)};
  t.hours_above = hours_at_or_above(treated, concentration_ug_per_ml);
  t.intact_hours_above = hours_at_or_above(intact, concentration_ug_per_ml);
  t.reached_h = first_reached_h(treated, concentration_ug_per_ml);
  t.intact_reached_h = first_reached_h(intact, concentration_ug_per_ml);
  t.peak_ug_per_ml = *std::max_element(treated.value.begin(), treated.value.end());
  t.intact_peak_ug_per_ml = *std::max_element(intact.value.begin(), intact.value.end());
  return t;
}

}  // namespace mnsim::transport
