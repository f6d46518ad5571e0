#pragma once
// Diffusion with first-order decay of several substrates, d(rho)/dt = D lap(rho) - lambda rho, on a
// uniform Cartesian grid with zero-flux walls, by the locally one-dimensional (LOD) implicit
// scheme: a step is three implicit 1-D sweeps (x, then y, then z), each a tridiagonal solve that
// also carries a third of the decay. Unconditionally stable, first order in time and second in
// space. It is the scheme of BioFVM's constant-coefficient 3-D solver, whose published numbers it
// reproduces to rounding.
#include <cstddef>
#include <span>
#include <vector>

namespace mnsim::transport {

// A box of nx x ny x nz cubic voxels of side `spacing`; voxel (x, y, z) is stored at
// x + nx (y + ny z), x fastest.
struct Grid {
  std::size_t nx = 1;
  std::size_t ny = 1;
  std::size_t nz = 1;
  double spacing = 1.0;  // voxel side, in the length unit of the diffusivities

  [[nodiscard]] std::size_t voxels() const { return nx * ny * nz; }
  [[nodiscard]] std::size_t index(std::size_t x, std::size_t y, std::size_t z) const { return x + nx * (y + ny * z); }
};

// One diffusing species, in the length and time units of the grid and the time step.
struct Substrate {
  double diffusivity = 0.0;  // D, length^2 / time
  double decay_rate = 0.0;   // lambda, 1 / time
};

// Concentrations of several substrates on one grid, as structure of arrays: one contiguous array
// per substrate rather than a small vector per voxel, so that every sweep streams through memory
// and a voxel costs 8 bytes per substrate.
class Field {
 public:
  Field(const Grid& grid, std::size_t substrates);

  [[nodiscard]] const Grid& grid() const { return grid_; }
  [[nodiscard]] std::size_t substrates() const { return values_.size(); }
  [[nodiscard]] std::span<double> values(std::size_t substrate) { return values_.at(substrate); }
  [[nodiscard]] std::span<const double> values(std::size_t substrate) const { return values_.at(substrate); }

 private:
  Grid grid_;
  std::vector<std::vector<double>> values_;  // [substrate][voxel]
};

// Advances a field by fixed steps of dt. The tridiagonal factors of every axis and substrate are
// computed once, here; a different dt, grid or diffusivity needs a new solver, so no factor can
// silently outlive the values it was computed from.
class DiffusionDecaySolver {
 public:
  DiffusionDecaySolver(const Grid& grid, std::span<const Substrate> substrates, double dt);

  // One LOD step of every substrate, in place, with OpenMP threads. Each line of the grid is
  // solved on its own by one thread, so the result is the same for any number of threads.
  void step(Field& field) const;

 private:
  // Forward elimination and back substitution of the Thomas algorithm reduce to two numbers per
  // point once the matrix is fixed: the reciprocal of the pivot and the coupling over the pivot.
  struct AxisFactors {
    std::vector<double> inverse_pivot;
    std::vector<double> coupling_ratio;
  };
  struct SubstrateFactors {
    AxisFactors x, y, z;
  };

  static AxisFactors factor_axis(std::size_t points, double coupling, double decay_share);

  Grid grid_;
  std::vector<SubstrateFactors> factors_;
};

}  // namespace mnsim::transport
