#include "transport/unit_cell.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace mnsim::transport {

namespace {

constexpr std::size_t layer_count = 5;
constexpr std::uint8_t channel_material_offset = 5;

}  // namespace

std::vector<double> depth_planes(const DomainSpec& spec, const TissueTransport& tissue, double deepest_channel_um) {
  if (!(spec.dx_um > 0.0) || !(spec.depth_um > 0.0) || !(spec.max_dz_um >= spec.dx_um))
    throw std::invalid_argument("resolved transport: voxel sizes and depth must be positive, max_dz >= dx");
  const auto b = layer_faces(tissue, spec.depth_um, deepest_channel_um);
  const double fine_until = deepest_channel_um + 8.0 * spec.dx_um;
  const double sc_bottom = tissue.layers[0].thickness_um;
  std::vector<double> dz;
  double last = spec.dx_um;
  for (std::size_t s = 0; s + 1 < b.size(); ++s) {
    double a = b[s];
    const double end = b[s + 1];
    if (end <= sc_bottom + 1e-9) {
      const auto n = static_cast<std::size_t>(std::max(6.0, std::ceil((end - a) / spec.dx_um - 1e-9)));
      dz.insert(dz.end(), n, (end - a) / static_cast<double>(n));
      continue;
    }
    while (a < end - 1e-9) {
      const double target = a < fine_until ? spec.dx_um : std::min(spec.max_dz_um, last * 1.15);
      const double remaining = end - a;
      double h = remaining <= 1.5 * target ? remaining : target;
      if (remaining > 1.5 * target && remaining < 2.0 * target) h = 0.5 * remaining;
      dz.push_back(h);
      last = std::max(h, spec.dx_um);
      a += h;
    }
  }
  return dz;
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
    // Closed, the channel conducts like its host tissue: sigma = D_host K_host with K = 1.
    problem.materials.push_back({.partition = 1.0,
                                 .diffusivity = tissue.channel_diffusivity_um2_per_s,
                                 .closed_diffusivity = layer.diffusivity_um2_per_s * layer.partition,
                                 .closes = true,
                                 .clearance_per_s = layer.clearance_per_s});
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

  for (const auto& c : channels) {
    // The voxels nearest the axis, as many as best match the channel's cross-section.
    const double area_voxels = std::numbers::pi * c.radius_um * c.radius_um / (g.dx_um * g.dx_um);
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

}  // namespace mnsim::transport
