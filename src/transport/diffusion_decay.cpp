#include "transport/diffusion_decay.hpp"

#include <stdexcept>

namespace mnsim::transport {

namespace {

// Solves the x-lines of a plane: `rows` contiguous rows of `n` points. One line on its own is a
// chain of dependent multiply-adds that keeps the processor waiting (three times slower, measured),
// so every step of the recurrence is taken for all rows of the plane before the next; the rows
// are independent, and the plane stays in cache. The recurrence is written as two products rather
// than (rho + c prev) / pivot to keep the chain from point to point one multiply-add long.
void solve_along_rows(double* rho, std::size_t n, std::size_t rows, const double* inverse_pivot, const double* ratio) {
  const double first = inverse_pivot[0];
  for (std::size_t y = 0; y < rows; ++y) rho[y * n] *= first;
  for (std::size_t i = 1; i < n; ++i) {
    const double a = inverse_pivot[i];
    const double b = ratio[i];
    for (std::size_t y = 0; y < rows; ++y) {
      double* line = rho + y * n;
      line[i] = a * line[i] + b * line[i - 1];
    }
  }
  for (std::size_t i = n - 1; i-- > 0;) {
    const double b = ratio[i];
    for (std::size_t y = 0; y < rows; ++y) {
      double* line = rho + y * n;
      line[i] += b * line[i + 1];
    }
  }
}

// Solves `width` lines of `n` points that run across rows: point k of every line is in the
// contiguous row that starts at rho + k * stride. Each step of the recurrence is then a vector
// operation over the row, instead of a strided walk down one line at a time.
void solve_across_rows(double* rho, std::size_t n, std::size_t stride, std::size_t width, const double* inverse_pivot,
                       const double* ratio) {
  const double first = inverse_pivot[0];
#pragma omp simd
  for (std::size_t x = 0; x < width; ++x) rho[x] *= first;
  for (std::size_t k = 1; k < n; ++k) {
    double* row = rho + k * stride;
    const double* previous = row - stride;
    const double a = inverse_pivot[k];
    const double b = ratio[k];
#pragma omp simd
    for (std::size_t x = 0; x < width; ++x) row[x] = a * row[x] + b * previous[x];
  }
  for (std::size_t k = n - 1; k-- > 0;) {
    double* row = rho + k * stride;
    const double* next = row + stride;
    const double b = ratio[k];
#pragma omp simd
    for (std::size_t x = 0; x < width; ++x) row[x] += b * next[x];
  }
}

}  // namespace

Field::Field(const Grid& grid, std::size_t substrates)
    : grid_(grid), values_(substrates, std::vector<double>(grid.voxels(), 0.0)) {
  if (grid.voxels() == 0) throw std::invalid_argument("a field needs at least one voxel on every axis");
}

DiffusionDecaySolver::DiffusionDecaySolver(const Grid& grid, std::span<const Substrate> substrates, double dt)
    : grid_(grid) {
  if (grid.voxels() == 0) throw std::invalid_argument("the grid needs at least one voxel on every axis");
  if (!(grid.spacing > 0.0) || !(dt > 0.0)) throw std::invalid_argument("grid spacing and time step must be positive");
  for (const auto& s : substrates) {
    if (!(s.diffusivity >= 0.0) || !(s.decay_rate >= 0.0))
      throw std::invalid_argument("diffusivity and decay rate must be non-negative");
    const double coupling = s.diffusivity * dt / (grid.spacing * grid.spacing);
    // Decay is split evenly over the three sweeps.
    const double decay_share = s.decay_rate * dt / 3.0;
    factors_.push_back({factor_axis(grid.nx, coupling, decay_share), factor_axis(grid.ny, coupling, decay_share),
                        factor_axis(grid.nz, coupling, decay_share)});
  }
}

// The matrix of one sweep has -c off the diagonal and 1 + lambda dt / 3 + c per neighbour on it:
// 2c inside, c at a wall, since no flux crosses a wall (a single point only decays).
DiffusionDecaySolver::AxisFactors DiffusionDecaySolver::factor_axis(std::size_t points, double coupling,
                                                                    double decay_share) {
  AxisFactors f{std::vector<double>(points), std::vector<double>(points)};
  for (std::size_t i = 0; i < points; ++i) {
    const double neighbours = (i > 0 ? 1.0 : 0.0) + (i + 1 < points ? 1.0 : 0.0);
    const double diagonal = 1.0 + neighbours * coupling + decay_share;
    const double pivot = i == 0 ? diagonal : diagonal - coupling * f.coupling_ratio[i - 1];
    f.inverse_pivot[i] = 1.0 / pivot;
    f.coupling_ratio[i] = coupling / pivot;
  }
  return f;
}

void DiffusionDecaySolver::step(Field& field) const {
  const auto& g = field.grid();
  if (g.nx != grid_.nx || g.ny != grid_.ny || g.nz != grid_.nz || field.substrates() != factors_.size())
    throw std::invalid_argument("the field does not have the grid and substrates the solver was built for");
  const std::size_t nx = grid_.nx;
  const std::size_t ny = grid_.ny;
  const std::size_t nz = grid_.nz;
  const std::size_t plane = nx * ny;

#pragma omp parallel
  for (std::size_t s = 0; s < factors_.size(); ++s) {
    double* rho = field.values(s).data();
    const auto& f = factors_[s];
    // The x- and y-sweeps of a z-plane touch only that plane, so each thread does both while the
    // plane is still in its cache.
#pragma omp for schedule(static)
    for (std::size_t z = 0; z < nz; ++z) {
      double* p = rho + z * plane;
      solve_along_rows(p, nx, ny, f.x.inverse_pivot.data(), f.x.coupling_ratio.data());
      solve_across_rows(p, ny, nx, nx, f.y.inverse_pivot.data(), f.y.coupling_ratio.data());
    }
#pragma omp for schedule(static)
    for (std::size_t y = 0; y < ny; ++y)
      solve_across_rows(rho + y * nx, nz, plane, nx, f.z.inverse_pivot.data(), f.z.coupling_ratio.data());
  }
}

}  // namespace mnsim::transport
