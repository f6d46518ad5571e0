#pragma once
// Where a product is in the skin over time, layer by layer, and how long the layer it is meant for
// holds the concentration it is meant to reach there (product[].target_layer, target_ug_per_ml).
#include <cstddef>
#include <vector>

#include "core/parameter_set.hpp"
#include "skin/skin_model.hpp"
#include "transport/exposure.hpp"

namespace mnsim::transport {

// The layers a model's depth cells (tops and widths, um) reach, in depth order.
std::vector<skin::LayerId> layers_reached(const std::vector<double>& cell_top_um,
                                          const std::vector<double>& cell_width_um, const skin::SkinModel& skin);

// Mean concentration of each of `layers` at each output, [layer][output], from what each cell
// held at each output ([output][cell], in the model's units) times `to_amount` (ug/cm2 per unit);
// cells are assigned to the layer their centre lies in (the grids have faces at the layer
// boundaries).
std::vector<std::vector<double>> layer_concentrations(const std::vector<double>& cell_top_um,
                                                      const std::vector<double>& cell_width_um,
                                                      const std::vector<std::vector<double>>& cell_held,
                                                      const skin::SkinModel& skin,
                                                      const std::vector<skin::LayerId>& layers, double to_amount);

struct TargetPlace {
  skin::LayerId layer;
  double top_um, bottom_um;  // within the domain
};

// The layer product i is meant for and where it lies in a domain `depth_um` deep; throws
// InputError naming product[i].target_layer, before any work, when the domain does not reach it.
TargetPlace checked_target_layer(const ParameterSet& parameters, std::size_t i, const skin::SkinModel& skin,
                                 double depth_um);

// How long the layer's mean concentration (series.layer_ug_per_cm3) holds the target.
TargetExposure target_exposure(skin::LayerId layer, double concentration_ug_per_ml, const ExposureSeries& series);

}  // namespace mnsim::transport
