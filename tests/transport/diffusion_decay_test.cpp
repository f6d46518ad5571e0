// Verification of the LOD diffusion-decay solver: the published diagnostics of the same scheme,
// conservation of mass under decay, independence of the thread count, and the exact decay of the
// discrete cosine modes.
#include "transport/diffusion_decay.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace {

using mnsim::transport::DiffusionDecaySolver;
using mnsim::transport::Field;
using mnsim::transport::Grid;
using mnsim::transport::Substrate;

double sum_of(const Field& field, std::size_t substrate) {
  const auto rho = field.values(substrate);
  return std::accumulate(rho.begin(), rho.end(), 0.0);
}

struct Diagnostics {
  double sum = 0.0;
  double sum_sq = 0.0;
  double rho_000 = 0.0;
  double rho_mid = 0.0;
};

// The kernel benchmark problem (n^3 voxels of 10 um, dt = 0.01 min, D = 1e5 um^2/min,
// lambda = 0.1 /min, rho = 100 (1 + (i mod 7))) after 100 steps.
Diagnostics published_problem(std::size_t n) {
  const Grid cube{.nx = n, .ny = n, .nz = n, .spacing = 10.0};
  const std::vector<Substrate> species{{.diffusivity = 1e5, .decay_rate = 0.1}};
  Field field(cube, 1);
  auto rho = field.values(0);
  for (std::size_t i = 0; i < rho.size(); ++i) rho[i] = 100.0 * static_cast<double>(1 + i % 7);
  const DiffusionDecaySolver solver(cube, species, 0.01);
  for (int k = 0; k < 100; ++k) solver.step(field);
  return {sum_of(field, 0), std::inner_product(rho.begin(), rho.end(), rho.begin(), 0.0), rho[cube.index(0, 0, 0)],
          rho[cube.index(n / 2, n / 2, n / 2)]};
}

// The values are the 10 significant digits printed for BioFVM's LOD solver on the same problem.
void expect_digits(double actual, double printed) { EXPECT_NEAR(actual, printed, 5e-10 * printed); }

TEST(DiffusionDecay, ReproducesThePublishedDiagnosticsOn50Cubed) {
  const auto d = published_problem(50);
  expect_digits(d.sum, 4.524235332e+07);
  expect_digits(d.sum_sq, 1.637496427e+10);
  expect_digits(d.rho_000, 3.619383916e+02);
  expect_digits(d.rho_mid, 3.619388408e+02);
}

TEST(DiffusionDecay, ReproducesThePublishedDiagnosticsOn100Cubed) {
  const auto d = published_problem(100);
  expect_digits(d.sum, 3.619407267e+08);
  expect_digits(d.sum_sq, 1.310010897e+11);
  expect_digits(d.rho_000, 3.619402966e+02);
  expect_digits(d.rho_mid, 3.619407662e+02);
}

// An uneven pattern on a box with unequal sides, so that a sweep along the wrong axis or stride
// would show.
Field patterned_field(const Grid& grid, std::size_t substrates) {
  Field field(grid, substrates);
  for (std::size_t s = 0; s < substrates; ++s) {
    auto rho = field.values(s);
    for (std::size_t i = 0; i < rho.size(); ++i)
      rho[i] = 1.0 + static_cast<double>((i * 37 + s * 11) % 23) + 0.5 * std::sin(0.1 * static_cast<double>(i));
  }
  return field;
}

// Zero-flux walls keep the mass in; each sweep divides it by 1 + lambda dt / 3.
TEST(DiffusionDecay, MassDecaysAtTheSplitRateAndNothingLeaksThroughTheWalls) {
  const std::vector<Substrate> species{{.diffusivity = 1e5, .decay_rate = 0.1},
                                       {.diffusivity = 3e3, .decay_rate = 2.0},
                                       {.diffusivity = 5e4, .decay_rate = 0.0}};
  const double dt = 0.05;
  const int steps = 7;
  for (const Grid grid : {Grid{.nx = 13, .ny = 8, .nz = 5, .spacing = 10.0}, Grid{.nx = 9, .spacing = 2.0},
                          Grid{.nx = 1, .ny = 1, .nz = 6, .spacing = 4.0}}) {
    auto field = patterned_field(grid, species.size());
    std::vector<double> initial;
    for (std::size_t s = 0; s < species.size(); ++s) initial.push_back(sum_of(field, s));
    const DiffusionDecaySolver solver(grid, species, dt);
    for (int k = 0; k < steps; ++k) solver.step(field);
    for (std::size_t s = 0; s < species.size(); ++s) {
      const double expected = initial[s] * std::pow(1.0 + species[s].decay_rate * dt / 3.0, -3.0 * steps);
      EXPECT_NEAR(sum_of(field, s), expected, 1e-12 * expected) << grid.nx << "x" << grid.ny << "x" << grid.nz;
    }
  }
}

TEST(DiffusionDecay, ResultsDoNotDependOnTheThreadCount) {
  const Grid grid{.nx = 23, .ny = 17, .nz = 11, .spacing = 10.0};
  const std::vector<Substrate> species{{.diffusivity = 1e5, .decay_rate = 0.1},
                                       {.diffusivity = 2e4, .decay_rate = 1.0}};
  const DiffusionDecaySolver solver(grid, species, 0.01);
  const int threads = omp_get_max_threads();
  std::vector<Field> results;
  for (const int t : {1, 2}) {
    omp_set_num_threads(t);
    auto field = patterned_field(grid, species.size());
    for (int k = 0; k < 5; ++k) solver.step(field);
    results.push_back(std::move(field));
  }
  omp_set_num_threads(threads);
  for (std::size_t s = 0; s < species.size(); ++s) {
    const auto a = results[0].values(s);
    const auto b = results[1].values(s);
    EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin())) << "substrate " << s;
  }
}

// cos(pi m (i + 1/2) / n) is an eigenvector of the zero-flux sweep matrix of an axis of n points,
// with eigenvalue 1 + lambda dt / 3 + 4 c sin^2(pi m / (2 n)); a product of such modes is therefore
// multiplied by the same factor at every voxel in every step.
TEST(DiffusionDecay, ACosineModeDecaysByTheExactAmplificationFactor) {
  const Grid grid{.nx = 16, .ny = 12, .nz = 9, .spacing = 5.0};
  const Substrate species{.diffusivity = 2e3, .decay_rate = 0.3};
  const double dt = 0.02;
  const std::size_t mode[3] = {3, 1, 4};
  const std::size_t points[3] = {grid.nx, grid.ny, grid.nz};
  const double coupling = species.diffusivity * dt / (grid.spacing * grid.spacing);
  const double pi = std::numbers::pi;
  auto profile = [&](int axis, std::size_t i) {
    return std::cos(pi * static_cast<double>(mode[axis]) * (static_cast<double>(i) + 0.5) /
                    static_cast<double>(points[axis]));
  };
  double factor = 1.0;
  for (int axis = 0; axis < 3; ++axis) {
    const double s = std::sin(pi * static_cast<double>(mode[axis]) / (2.0 * static_cast<double>(points[axis])));
    factor /= 1.0 + species.decay_rate * dt / 3.0 + 4.0 * coupling * s * s;
  }

  Field field(grid, 1);
  auto rho = field.values(0);
  for (std::size_t z = 0; z < grid.nz; ++z)
    for (std::size_t y = 0; y < grid.ny; ++y)
      for (std::size_t x = 0; x < grid.nx; ++x)
        rho[grid.index(x, y, z)] = profile(0, x) * profile(1, y) * profile(2, z);
  const std::vector<double> initial(rho.begin(), rho.end());
  const DiffusionDecaySolver solver(grid, {&species, 1}, dt);
  const int steps = 10;
  for (int k = 0; k < steps; ++k) solver.step(field);
  const double expected_factor = std::pow(factor, steps);
  ASSERT_LT(expected_factor, 0.5);  // the mode has really decayed
  for (std::size_t i = 0; i < rho.size(); ++i) EXPECT_NEAR(rho[i], initial[i] * expected_factor, 1e-12) << i;
}

TEST(DiffusionDecay, RefusesAFieldOfAnotherShape) {
  const std::vector<Substrate> species{{.diffusivity = 1.0, .decay_rate = 0.0}};
  const DiffusionDecaySolver solver(Grid{.nx = 4, .ny = 4, .nz = 4}, species, 0.1);
  Field other_grid(Grid{.nx = 4, .ny = 4, .nz = 5}, 1);
  Field other_substrates(Grid{.nx = 4, .ny = 4, .nz = 4}, 2);
  EXPECT_THROW(solver.step(other_grid), std::invalid_argument);
  EXPECT_THROW(solver.step(other_substrates), std::invalid_argument);
  EXPECT_THROW(DiffusionDecaySolver(Grid{.nx = 0}, species, 0.1), std::invalid_argument);
  EXPECT_THROW(DiffusionDecaySolver(Grid{}, species, 0.0), std::invalid_argument);
}

}  // namespace
