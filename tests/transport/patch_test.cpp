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

namespace {

using namespace mnsim;
using namespace mnsim::transport;
using mnsim::transport::test::caffeine_like;

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
  const auto open_columns = [](const ResolvedProblem& p) {
    const auto& g = p.geometry;
    return std::count_if(g.material.begin(), g.material.begin() + static_cast<std::ptrdiff_t>(g.nx * g.ny),
                         [](std::uint8_t m) { return m >= 5; });
  };
  ASSERT_EQ(open_columns(cell), 12);
  ASSERT_EQ(open_columns(patch), 48);

  for (auto* p : {&cell, &patch}) {
    p->finite_dose = true;
    p->vehicle_thickness_um = 20.0;
    p->open_fraction = [](double t) { return std::exp2(-t / 1800.0); };
  }
  ResolvedSchedule s;
  s.output_times_s = {600.0, 3600.0, 14400.0};
  s.first_step_s = 0.1;
  s.max_step_s = 3600.0;
  s.tolerance = 1e-3;
  s.closure_half_life_s = 1800.0;
  const auto a = ResolvedSolver(cell).run(s);
  const auto b = ResolvedSolver(patch).run(s);
  ASSERT_EQ(a.steps, b.steps);
  for (std::size_t k = 0; k < a.time_s.size(); ++k) {
    EXPECT_NEAR(b.receptor[k], a.receptor[k], 1e-9 * a.receptor[k]) << "output " << k;
    EXPECT_NEAR(b.skin[k], a.skin[k], 1e-9 * a.skin[k]) << "output " << k;
    EXPECT_NEAR(b.donor[k], a.donor[k], 1e-9 * std::abs(a.donor[k])) << "output " << k;
  }
}

}  // namespace
