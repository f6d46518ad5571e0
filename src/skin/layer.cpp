#include "skin/layer.hpp"

namespace mnsim::skin {

std::string_view layer_name(LayerId id) {
  switch (id) {
    case LayerId::stratum_corneum:
      return "stratum_corneum";
    case LayerId::viable_epidermis:
      return "viable_epidermis";
    case LayerId::papillary_dermis:
      return "papillary_dermis";
    case LayerId::reticular_dermis:
      return "reticular_dermis";
    case LayerId::hypodermis:
      return "hypodermis";
  }
  return "unknown";
}

std::optional<LayerId> layer_from_name(std::string_view name) {
  for (const auto id : all_layers) {
    if (layer_name(id) == name) return id;
  }
  return std::nullopt;
}

bool layer_in_group(LayerId id, std::string_view group) {
  if (group == layer_name(id)) return true;
  if (group == "epidermis") return id == LayerId::viable_epidermis;
  if (group == "dermis") return id == LayerId::papillary_dermis || id == LayerId::reticular_dermis;
  return false;
}

}  // namespace mnsim::skin
