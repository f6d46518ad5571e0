#include "transport/unit_cell.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace mnsim::transport {

namespace {

constexpr std::size_t layer_count = 5;
constexpr std::uint8_t channel_material_offset = 5;

// Area of a channel's disc inside the domain [0, width] x [0, height]: exact when the disc lies
// inside, otherwise by the midpoint rule on a 512 x 512 grid over the disc's bounding square
// (relative error well below a voxel's share for any channel that spans a few voxels). A
// closed form for a disc cut by a rectangle exists but is a case analysis; this is simpler.
double disc_area_inside(const Channel& c, double width, double height) {
  const double r = c.radius_um;
  const double full = std::numbers::pi * r * r;
  if (c.x_um - r >= 0.0 && c.x_um + r <= width && c.y_um - r >= 0.0 && c.y_um + r <= height) return full;
  constexpr int n = 512;
  const double h = 2.0 * r / n;
  std::size_t inside = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const double px = -r + (static_cast<double>(i) + 0.5) * h;
      const double py = -r + (static_cast<double>(j) + 0.5) * h;
      const double x = c.x_um + px, y = c.y_um + py;
      if (px * px + py * py <= r * r && x >= 0.0 && x <= width && y >= 0.0 && y <= height) ++inside;
    }
  return static_cast<double>(inside) * h * h;
}

}  // namespace

std::vector<double> depth_planes(const DomainSpec& spec, const TissueTransport& tissue, double deepest_channel_um) {
  if (!(spec.dx_um > 0.0) || !(spec.depth_um > 0.0) || !(spec.max_dz_um >= spec.dx_um))
    throw std::invalid_argument("resolved transport: voxel sizes and depth must be positive, max_dz >= dx");
  return graded_depth_cells(tissue, spec.depth_um, deepest_channel_um,
                            {.sc_cells = 6,
                             .sc_cell_um = spec.dx_um,
                             .fine_um = spec.dx_um,
                             .fine_until_um = deepest_channel_um + 8.0 * spec.dx_um,
                             .coarsest_um = spec.max_dz_um});
}

std::size_t domain_voxels(const DomainSpec& spec, const TissueTransport& tissue, double deepest_channel_um) {
  const auto n = static_cast<std::size_t>(std::max(1.0, std::round(spec.width_um / spec.dx_um)));
  return n * n * depth_planes(spec, tissue, deepest_channel_um).size();
}

ResolvedProblem build_domain(const DomainSpec& spec, const TissueTransport& tissue,
                             const std::vector<Channel>& channels) {
  double deepest = 0.0;
  for (const auto& c : channels) deepest = std::max(deepest, std::min(c.depth_um, spec.depth_um));
  ResolvedProblem problem;
  auto& g = problem.geometry;
  g.nx = g.ny = static_cast<std::size_t>(std::max(1.0, std::round(spec.width_um / spec.dx_um)));
  g.dx_um = spec.width_um / static_cast<double>(g.nx);
  g.dz_um = depth_planes(spec, tissue, deepest);
  problem.bottom = spec.bottom;

  for (std::size_t l = 0; l < layer_count; ++l) {
    const auto& layer = tissue.layers[l];
    problem.materials.push_back({.partition = layer.partition,
                                 .diffusivity = layer.diffusivity_um2_per_s,
                                 .clearance_per_s = layer.clearance_per_s});
  }
  for (std::size_t l = 0; l < layer_count; ++l) {
    const auto& layer = tissue.layers[l];
    // Closed, the channel conducts like its host tissue: sigma = D_host K_host with the water's K.
    problem.materials.push_back(
        {.partition = tissue.channel_partition,
         .diffusivity = tissue.channel_diffusivity_um2_per_s,
         .closed_diffusivity = layer.diffusivity_um2_per_s * layer.partition / tissue.channel_partition,
         .closes = true,
         .clearance_per_s = layer.clearance_per_s,
         .unmade_partition = layer.partition});
  }

  // Layer of every plane, from the depth of its centre.
  std::vector<std::uint8_t> plane_layer(g.nz());
  std::vector<double> plane_centre(g.nz());
  double depth = 0.0;
  for (std::size_t z = 0; z < g.nz(); ++z) {
    plane_centre[z] = depth + 0.5 * g.dz_um[z];
    depth += g.dz_um[z];
    double top = 0.0;
    std::uint8_t id = layer_count - 1;
    for (std::size_t l = 0; l < layer_count; ++l) {
      top += tissue.layers[l].thickness_um;
      if (plane_centre[z] < top) {
        id = static_cast<std::uint8_t>(l);
        break;
      }
    }
    plane_layer[z] = id;
  }
  const std::size_t plane = g.nx * g.ny;
  g.material.resize(g.voxels());
  for (std::size_t z = 0; z < g.nz(); ++z)
    std::fill_n(g.material.begin() + static_cast<std::ptrdiff_t>(z * plane), plane, plane_layer[z]);

  const double width_um = g.dx_um * static_cast<double>(g.nx);
  for (const auto& c : channels) {
    // The voxels nearest the axis, as many as best match the channel's cross-section in the domain.
    const double area_voxels = disc_area_inside(c, width_um, g.dx_um * static_cast<double>(g.ny)) / (g.dx_um * g.dx_um);
    const auto count = static_cast<std::size_t>(std::max(1.0, std::round(area_voxels)));
    const double reach = c.radius_um + 2.0 * g.dx_um;
    const auto lo = [&](double p) {
      return static_cast<std::size_t>(
          std::clamp(std::floor((p - reach) / g.dx_um), 0.0, static_cast<double>(g.nx - 1)));
    };
    const auto hi = [&](double p) {
      return static_cast<std::size_t>(std::clamp(std::ceil((p + reach) / g.dx_um), 0.0, static_cast<double>(g.nx - 1)));
    };
    struct Candidate {
      double distance2;
      std::size_t column;
    };
    std::vector<Candidate> candidates;
    for (std::size_t y = lo(c.y_um); y <= std::min(hi(c.y_um), g.ny - 1); ++y)
      for (std::size_t x = lo(c.x_um); x <= hi(c.x_um); ++x) {
        const double ddx = (static_cast<double>(x) + 0.5) * g.dx_um - c.x_um;
        const double ddy = (static_cast<double>(y) + 0.5) * g.dx_um - c.y_um;
        candidates.push_back({ddx * ddx + ddy * ddy, x + g.nx * y});
      }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.distance2 != b.distance2 ? a.distance2 < b.distance2 : a.column < b.column;
    });
    candidates.resize(std::min(count, candidates.size()));
    for (std::size_t z = 0; z < g.nz() && plane_centre[z] < c.depth_um; ++z)
      for (const auto& cand : candidates)
        g.material[cand.column + z * plane] = static_cast<std::uint8_t>(channel_material_offset + plane_layer[z]);
  }
  return problem;
}

std::vector<double> unfold_quarter_cell(const std::vector<double>& quarter, std::size_t nx, std::size_t ny,
                                        std::size_t nz) {
  if (quarter.size() != nx * ny * nz) throw std::invalid_argument("unfold_quarter_cell: field size does not match");
  const std::size_t wide = 2 * nx, deep = 2 * ny;
  std::vector<double> whole(wide * deep * nz);
  // Whole-cell index nx + i (and its mirror nx - 1 - i) is the quarter's i.
  const auto fold = [](std::size_t i, std::size_t n) { return i < n ? n - 1 - i : i - n; };
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t y = 0; y < deep; ++y)
      for (std::size_t x = 0; x < wide; ++x)
        whole[x + wide * (y + deep * z)] = quarter[fold(x, nx) + nx * (fold(y, ny) + ny * z)];
  return whole;
}

}  // namespace mnsim::transport
