#pragma once
// Overlap of the wounds on the skin surface: the fraction of the area opened and the clusters of
// wounds that merge ("punctures closer than their radii merge": two wounds merge when one's axis
// comes within the larger radius of the other, i.e. when they overlap, not when merely tangent).
#include <cstdint>
#include <vector>

namespace mnsim::mechanics {

// Wounds on the surface: discs of radius r, torn by `elongation` along the motion direction into
// capsules (centred on the puncture).
struct SurfaceWounds {
  const std::vector<double>* x_mm = nullptr;
  const std::vector<double>* y_mm = nullptr;
  const std::vector<float>* radius_um = nullptr;
  const std::vector<float>* elongation_um = nullptr;
  const std::vector<float>* direction_rad = nullptr;
  double side_mm = 0.0;  // wounds lie in [0, side]^2
};

struct ConfluenceStats {
  double coverage_fraction = 0.0;        // area fraction inside at least one wound
  double max_confluent_width_um = 0.0;   // narrow dimension of the largest merged wound
  double max_confluent_length_um = 0.0;  // long dimension of the longest merged wound
  double confluent_fraction = 0.0;       // fraction of punctures that merge with another
  std::size_t clusters = 0;
};

// Coverage is estimated by stratified sampling: one random point (drawn from the seed) in each
// cell of a k x k grid, k^2 >= coverage_samples. Its standard error is at most that of as many
// independent points, sqrt(0.25/samples), and far smaller for shapes with smooth edges (only the
// cells a wound's edge crosses vary); a quarter of the points then estimate it as well as
// independent ones did. Merging is exact over all pairs of neighbouring wounds.
ConfluenceStats confluence(const SurfaceWounds& wounds, std::uint64_t seed, std::size_t coverage_samples = 50000);

}  // namespace mnsim::mechanics
