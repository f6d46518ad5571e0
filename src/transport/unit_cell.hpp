#pragma once
// Geometry of resolved transport runs: a periodic unit cell around one channel (the pattern of a
// regular array, lateral walls are planes of symmetry and carry no flux) or a patch of skin with
// the channels of many punctures at their own positions, depths and radii. Both sit on the layer
// stack of a TissueTransport, cut at the receptor (in vitro) or at the bottom of the dermis.
#include <cstddef>
#include <vector>

#include "transport/resolved_solver.hpp"
#include "transport/tissue_transport.hpp"

namespace mnsim::transport {

struct Channel {
  double x_um = 0.0, y_um = 0.0;  // axis position in the domain
  double depth_um = 0.0;
  double radius_um = 0.0;
};

struct DomainSpec {
  double width_um = 200.0;   // lateral side (x and y)
  double dx_um = 5.0;        // lateral voxel side, and plane thickness near the channels
  double depth_um = 2000.0;  // bottom of the domain below the surface
  double max_dz_um = 20.0;   // planes grow to this thickness below the deepest channel
  Bottom bottom = Bottom::sink;
};

// Voxels and bytes a domain would need, to refuse one that does not fit before building it.
std::size_t domain_voxels(const DomainSpec& spec, const TissueTransport& tissue, double deepest_channel_um);
// Four fields of doubles (the state, the work field, and under error control the state before a
// step and after it whole) and one material byte per voxel.
constexpr std::size_t resolved_bytes_per_voxel = 4 * sizeof(double) + 1;

// Materials: 0-4 the layers by skin::LayerId; 5-9 a channel inside that layer, filled with an
// aqueous vehicle (K = 1, water diffusivity) and closing towards the host tissue's conductivity.
// Each channel takes the voxels nearest its axis whose count best matches the part of its
// cross-section pi r^2 inside the domain (at least one voxel), so the open cross-section is right
// to within a voxel on any grid; a channel on a corner of the domain keeps a quarter of it.
ResolvedProblem build_domain(const DomainSpec& spec, const TissueTransport& tissue,
                             const std::vector<Channel>& channels);

// The unit cell around one channel of a regular array is symmetric under reflection in the two
// planes through the channel's axis, and its walls carry no flux: a quarter of it, with the
// axis on a corner, is the same problem at a quarter of the voxels (Channel at 0, 0; width half
// the pitch). The quarter's voxel choice is mirrored, so the whole cell it stands for is exactly
// symmetric. This unfolds a field of the quarter (nx x ny x nz, x fastest) into the whole cell
// (2nx x 2ny x nz), the quarter's corner at the centre.
std::vector<double> unfold_quarter_cell(const std::vector<double>& quarter, std::size_t nx, std::size_t ny,
                                        std::size_t nz);

// Plane thicknesses from the surface down: the SC in at least six planes, dx down to the deepest
// channel plus eight voxels, then planes growing by 15 % up to max_dz; every layer boundary and
// channel tip falls on a plane face.
std::vector<double> depth_planes(const DomainSpec& spec, const TissueTransport& tissue, double deepest_channel_um);

}  // namespace mnsim::transport
