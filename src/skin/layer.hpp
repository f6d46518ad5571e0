#pragma once
// The five layers of the skin stack, from the surface down.
#include <array>
#include <optional>
#include <string_view>

namespace mnsim::skin {

enum class LayerId { stratum_corneum, viable_epidermis, papillary_dermis, reticular_dermis, hypodermis };

inline constexpr std::array<LayerId, 5> all_layers{LayerId::stratum_corneum, LayerId::viable_epidermis,
                                                   LayerId::papillary_dermis, LayerId::reticular_dermis,
                                                   LayerId::hypodermis};

std::string_view layer_name(LayerId id);
std::optional<LayerId> layer_from_name(std::string_view name);
// Whether a layer belongs to a group name used in the data tables ("epidermis", "dermis").
bool layer_in_group(LayerId id, std::string_view group);

}  // namespace mnsim::skin
