#include "skin/skin_model.hpp"

#include <stdexcept>

namespace mnsim::skin {

SkinModel::SkinModel(Subject subject, std::vector<Layer> layers, Vascular vascular)
    : subject_(std::move(subject)), layers_(std::move(layers)), vascular_(std::move(vascular)) {
  if (layers_.size() != all_layers.size()) throw std::logic_error("a skin model needs all five layers");
  double top = 0.0;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    if (layers_[i].id != all_layers[i]) throw std::logic_error("skin layers out of order");
    layers_[i].top_um = top;
    top += layers_[i].thickness_um;
  }
}

const Layer& SkinModel::layer(LayerId id) const { return layers_[static_cast<std::size_t>(id)]; }

double SkinModel::epidermis_um() const {
  return layer(LayerId::stratum_corneum).thickness_um + layer(LayerId::viable_epidermis).thickness_um;
}

double SkinModel::dermis_um() const {
  return layer(LayerId::papillary_dermis).thickness_um + layer(LayerId::reticular_dermis).thickness_um;
}

double SkinModel::total_um() const { return layers_.back().bottom_um(); }

LayerId SkinModel::layer_at(double depth_um) const {
  for (const auto& l : layers_) {
    if (depth_um < l.bottom_um()) return l.id;
  }
  return LayerId::hypodermis;
}

}  // namespace mnsim::skin
