// SkinModel on its own: stacking and depth lookups with hand-made layers.
#include "skin/skin_model.hpp"

#include <gtest/gtest.h>

namespace mnsim::skin {
namespace {

SkinModel three_hundred_micron_steps() {
  std::vector<Layer> layers;
  for (const auto id : all_layers) {
    Layer l;
    l.id = id;
    l.thickness_um = 300.0;
    layers.push_back(l);
  }
  return SkinModel({"human", "test", "female", 40}, layers, {});
}

TEST(SkinModel, ComputesLayerTopsAndGroupedThicknesses) {
  const auto m = three_hundred_micron_steps();
  EXPECT_DOUBLE_EQ(m.layer(LayerId::reticular_dermis).top_um, 900.0);
  EXPECT_DOUBLE_EQ(m.epidermis_um(), 600.0);
  EXPECT_DOUBLE_EQ(m.dermis_um(), 600.0);
  EXPECT_DOUBLE_EQ(m.total_um(), 1500.0);
}

TEST(SkinModel, LayerAtUsesHalfOpenIntervals) {
  const auto m = three_hundred_micron_steps();
  EXPECT_EQ(m.layer_at(0.0), LayerId::stratum_corneum);
  EXPECT_EQ(m.layer_at(299.999), LayerId::stratum_corneum);
  EXPECT_EQ(m.layer_at(300.0), LayerId::viable_epidermis);
  EXPECT_EQ(m.layer_at(1e9), LayerId::hypodermis);
}

TEST(SkinModel, RejectsIncompleteOrUnorderedStacks) {
  std::vector<Layer> two(2);
  EXPECT_THROW(SkinModel({}, two, {}), std::logic_error);
  std::vector<Layer> unordered(5);
  EXPECT_THROW(SkinModel({}, unordered, {}), std::logic_error);
}

TEST(LayerNames, RoundTripAndGroups) {
  for (const auto id : all_layers) EXPECT_EQ(layer_from_name(layer_name(id)), id);
  EXPECT_FALSE(layer_from_name("dermis").has_value());
  EXPECT_TRUE(layer_in_group(LayerId::papillary_dermis, "dermis"));
  EXPECT_TRUE(layer_in_group(LayerId::viable_epidermis, "epidermis"));
  EXPECT_FALSE(layer_in_group(LayerId::stratum_corneum, "epidermis"));
}

}  // namespace
}  // namespace mnsim::skin
