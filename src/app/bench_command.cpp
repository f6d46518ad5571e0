#include "app/bench_command.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <chrono>
#include <vector>

#include "core/error.hpp"
#include "core/memory.hpp"
#include "transport/diffusion_decay.hpp"

namespace mnsim::app {

namespace {

void require_at_least(const char* option, long long value, long long minimum) {
  if (value < minimum) throw InputError({}, option, fmt::format("must be at least {}, got {}", minimum, value));
}

// Refuses a field that cannot fit in the physical memory of this machine, before allocating it.
void require_field_fits(long long grid, long long substrates) {
  const double n = static_cast<double>(grid);
  const double field_bytes = n * n * n * static_cast<double>(substrates) * static_cast<double>(sizeof(double));
  const double memory_bytes = physical_memory_bytes();
  if (field_bytes > memory_bytes)
    throw InputError({}, "--grid",
                     fmt::format("{}^3 voxels x {} substrates need {:.3g} GB, more than the {:.3g} GB of this machine",
                                 grid, substrates, field_bytes * 1e-9, memory_bytes * 1e-9),
                     "use a smaller --grid or fewer --substrates");
}

// The kernel problem: a cube of n^3 voxels of 10 um, dt = 0.01 min, D = 1e5 um^2/min and
// lambda = 0.1 /min for every substrate, zero-flux walls, starting from rho = 100 (1 + (i mod 7))
// at voxel index i (x fastest), a pattern that all three sweeps have to smooth. It is the problem
// whose diagnostics after 100 steps were published for BioFVM, so they compare digit for digit.
int bench_transport(long long grid, long long substrates, long long steps, int threads) {
  require_at_least("--grid", grid, 2);
  require_at_least("--substrates", substrates, 1);
  require_at_least("--steps", steps, 2);
  require_at_least("--threads", threads, 1);
  require_field_fits(grid, substrates);

  const auto n = static_cast<std::size_t>(grid);
  const transport::Grid cube{.nx = n, .ny = n, .nz = n, .spacing = 10.0};
  const std::vector<transport::Substrate> species(static_cast<std::size_t>(substrates),
                                                  {.diffusivity = 1e5, .decay_rate = 0.1});
  transport::Field field(cube, species.size());
  for (std::size_t s = 0; s < field.substrates(); ++s) {
    auto rho = field.values(s);
    for (std::size_t i = 0; i < rho.size(); ++i) rho[i] = 100.0 * static_cast<double>(1 + i % 7);
  }

  omp_set_num_threads(threads);
  // The first step is not timed: it pays for first touches of the memory and for starting the threads.
  const transport::DiffusionDecaySolver solver(cube, species, 0.01);
  solver.step(field);
  const auto start = std::chrono::steady_clock::now();
  for (long long k = 1; k < steps; ++k) solver.step(field);
  const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;

  const auto rho = field.values(0);
  double sum = 0.0;
  double sum_sq = 0.0;
  for (const double v : rho) {
    sum += v;
    sum_sq += v * v;
  }
  fmt::print("ms_per_step {:.9e}\n", elapsed.count() / static_cast<double>(steps - 1));
  fmt::print("sum {:.9e}\n", sum);
  fmt::print("sum_sq {:.9e}\n", sum_sq);
  fmt::print("rho_000 {:.9e}\n", rho[cube.index(0, 0, 0)]);
  fmt::print("rho_mid {:.9e}\n", rho[cube.index(n / 2, n / 2, n / 2)]);
  return 0;
}

}  // namespace

BenchCommand::BenchCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand("bench", "Time a numerical kernel on a fixed problem (name value lines)");
  subcommand_->require_subcommand(1);

  auto& t = transport_options_;
  t.threads = omp_get_max_threads();
  transport_ = subcommand_->add_subcommand(
      "transport",
      "Diffusion-decay kernel of product transport (implicit LOD sweeps, Thomas algorithm) on an n^3 cube");
  transport_->footer(
      "Problem: voxels of 10 um, dt = 0.01 min, D = 1e5 um^2/min and lambda = 0.1 /min for every substrate, "
      "zero-flux walls, rho = 100 (1 + (i mod 7)) at voxel i = x + n y + n^2 z.\n"
      "Prints one name-value line each: ms_per_step (mean over steps 2 to K; step 1 is an untimed warm-up), then "
      "sum, sum_sq, rho_000 and rho_mid (voxel n/2, n/2, n/2) of substrate 0 after all K steps. "
      "--steps 100 gives the 100-step diagnostics published for the same scheme.");
  transport_->add_option("--grid", t.grid, "Voxels per side n (at least 2)")->capture_default_str();
  transport_->add_option("--substrates", t.substrates, "Number of substrates S, all alike")->capture_default_str();
  transport_->add_option("--steps", t.steps, "Steps K in all, the warm-up included (at least 2)")
      ->capture_default_str();
  transport_->add_option("--threads", t.threads, "OpenMP threads (default: all available)")->capture_default_str();
}

int BenchCommand::run(Session& /*session*/) {
  if (transport_->parsed()) {
    const auto& t = transport_options_;
    return bench_transport(t.grid, t.substrates, t.steps, t.threads);
  }
  return static_cast<int>(ExitCode::other);
}

}  // namespace mnsim::app
