// Resolved transport on an explicit patch (transport.geometry = "patch"): the punctures of the
// Injury inside a window at the centre of the treated area become channels where they fell, and
// a patch of identical channels on a regular grid, its walls carrying no flux, is the periodic
// unit cell repeated: the same amounts per area.
#include "transport/patch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "transport/reference_tissue.hpp"
#include "transport/resolved_fixtures.hpp"

namespace {

using namespace mnsim;
using namespace mnsim::transport;
using namespace mnsim::transport::test;

TEST(Patch, ChannelsAreTheOpenPuncturesInsideTheCentredWindow) {
  device::PunctureMap map;
  map.side_mm = 1.0;
  mechanics::Injury injury;
  // x, y (mm), channel depth and radius (um).
  const double punctures[][4] = {{0.50, 0.50, 120.0, 20.0},  // in: (100, 100) in the window
                                 {0.10, 0.10, 120.0, 20.0},  // outside
                                 {0.59, 0.45, 80.0, 15.0},   // in: (190, 50)
                                 {0.60, 0.45, 80.0, 15.0},   // on the far edge: outside
                                 {0.55, 0.55, 0.0, 0.0}};    // in the window, but no channel stayed
  for (const auto& p : punctures) {
    map.x_mm.push_back(p[0]);
    map.y_mm.push_back(p[1]);
    injury.channel_depth_um.push_back(static_cast<float>(p[2]));
    injury.channel_radius_um.push_back(static_cast<float>(p[3]));
  }
  const auto channels = patch_channels(map, injury, 200.0);
  ASSERT_EQ(channels.size(), 2U);
  EXPECT_NEAR(channels[0].x_um, 100.0, 1e-9);
  EXPECT_NEAR(channels[0].y_um, 100.0, 1e-9);
  EXPECT_DOUBLE_EQ(channels[0].depth_um, 120.0);
  EXPECT_DOUBLE_EQ(channels[0].radius_um, 20.0);
  EXPECT_NEAR(channels[1].x_um, 190.0, 1e-9);
  EXPECT_NEAR(channels[1].y_um, 50.0, 1e-9);
  EXPECT_DOUBLE_EQ(channels[1].depth_um, 80.0);

  injury.channel_radius_um.pop_back();
  EXPECT_THROW(patch_channels(map, injury, 200.0), std::invalid_argument);
}

// Four channels of 12 voxels on a 50 um grid in a 100 um patch against the 50 um cell around one.
TEST(Patch, ARegularPatchIsTheUnitCellRepeated) {
  const auto tissue = caffeine_like();
  DomainSpec cell_spec;
  cell_spec.width_um = 50.0;
  cell_spec.depth_um = 600.0;
  DomainSpec patch_spec = cell_spec;
  patch_spec.width_um = 100.0;
  const double radius = std::sqrt(12.0 * 25.0 / 3.14159265358979);
  auto cell = build_domain(cell_spec, tissue, {{25.0, 25.0, 200.0, radius}});
  std::vector<Channel> grid;
  for (const double x : {25.0, 75.0})
    for (const double y : {25.0, 75.0}) grid.push_back({x, y, 200.0, radius});
  auto patch = build_domain(patch_spec, tissue, grid);
  ASSERT_EQ(channel_columns(cell), 12U);
  ASSERT_EQ(channel_columns(patch), 48U);
  for (auto* p : {&cell, &patch}) apply_closing_product(*p, true);
  const auto schedule = four_hour_schedule();
  expect_same_amounts(ResolvedSolver(cell).run(schedule), ResolvedSolver(patch).run(schedule));
}

}  // namespace
