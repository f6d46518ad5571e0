// The geometry of resolved runs: channels keep the part of their cross-section that lies in the
// domain, and the quarter of a unit cell (the channel's axis on its corner, mnsim's resolved
// runs) is the whole cell by symmetry: same amounts, and a field that unfolds into the whole
// cell's field.
#include "transport/unit_cell.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "transport/reference_tissue.hpp"
#include "transport/resolved_fixtures.hpp"

namespace {

using namespace mnsim::transport;
using namespace mnsim::transport::test;

TEST(UnitCell, AChannelKeepsThePartOfItsCrossSectionInsideTheDomain) {
  DomainSpec spec;
  spec.width_um = 100.0;
  spec.depth_um = 300.0;
  const auto tissue = caffeine_like();
  // pi 25^2 / 5^2 = 78.5 voxels whole, 39.3 on an edge, 19.6 on a corner.
  EXPECT_EQ(channel_columns(build_domain(spec, tissue, {{50.0, 50.0, 100.0, 25.0}})), 79U);
  EXPECT_EQ(channel_columns(build_domain(spec, tissue, {{0.0, 50.0, 100.0, 25.0}})), 39U);
  EXPECT_EQ(channel_columns(build_domain(spec, tissue, {{0.0, 0.0, 100.0, 25.0}})), 20U);
  EXPECT_EQ(channel_columns(build_domain(spec, tissue, {{100.0, 100.0, 100.0, 25.0}})), 20U);
}

TEST(UnitCell, UnfoldingMirrorsTheQuarterAboutTheCentre) {
  // A quarter of 2 x 1 voxels in one plane: values 1 (at the corner) and 2.
  const auto whole = unfold_quarter_cell({1.0, 2.0}, 2, 1, 1);
  EXPECT_EQ(whole, (std::vector<double>{2.0, 1.0, 1.0, 2.0, 2.0, 1.0, 1.0, 2.0}));
  EXPECT_THROW(unfold_quarter_cell({1.0}, 2, 1, 1), std::invalid_argument);
}

// A channel of 12 voxels whose choice is symmetric in the whole cell (the four around the axis
// and the eight next to them): the quarter takes three. The two runs differ only in the order
// of floating-point sums.
TEST(UnitCell, TheQuarterCellIsTheWholeCellBySymmetry) {
  const auto tissue = caffeine_like();
  DomainSpec whole_spec;
  whole_spec.width_um = 100.0;
  whole_spec.depth_um = 600.0;
  DomainSpec quarter_spec = whole_spec;
  quarter_spec.width_um = 50.0;
  const double radius = std::sqrt(12.0 * 25.0 / 3.14159265358979);
  auto whole = build_domain(whole_spec, tissue, {{50.0, 50.0, 200.0, radius}});
  auto quarter = build_domain(quarter_spec, tissue, {{0.0, 0.0, 200.0, radius}});
  ASSERT_EQ(channel_columns(whole), 12U);
  ASSERT_EQ(channel_columns(quarter), 3U);
  const auto nx = quarter.geometry.nx, ny = quarter.geometry.ny, nz = quarter.geometry.nz();
  std::vector<double> material_whole(whole.geometry.material.begin(), whole.geometry.material.end());
  std::vector<double> material_quarter(quarter.geometry.material.begin(), quarter.geometry.material.end());
  ASSERT_EQ(unfold_quarter_cell(material_quarter, nx, ny, nz), material_whole);

  for (const bool finite : {false, true}) {
    for (auto* p : {&whole, &quarter}) apply_closing_product(*p, finite);
    const std::vector<std::size_t> snapshot = {1};
    const auto a = ResolvedSolver(whole).run(four_hour_schedule(), snapshot);
    const auto b = ResolvedSolver(quarter).run(four_hour_schedule(), snapshot);
    expect_same_amounts(a, b);
    const auto unfolded = unfold_quarter_cell(b.snapshots.front(), nx, ny, nz);
    const auto& field = a.snapshots.front();
    ASSERT_EQ(unfolded.size(), field.size());
    const double peak = *std::max_element(field.begin(), field.end());
    for (std::size_t i = 0; i < field.size(); ++i) ASSERT_NEAR(unfolded[i], field[i], 1e-9 * peak) << "voxel " << i;
  }
}

}  // namespace
