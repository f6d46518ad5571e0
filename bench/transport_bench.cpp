// Transport timings for the README: one step of the resolved unit cell the issue names
// (200 x 200 x 2000 um at 5 um, one open channel), one run of the reduced column over 24 h, and
// the sampled ranges of one product.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "transport/exposure_uncertainty.hpp"
#include "transport/reference_tissue.hpp"
#include "transport/resolved_solver.hpp"
#include "transport/two_pathway.hpp"
#include "transport/unit_cell.hpp"

namespace {

using namespace mnsim::transport;
using mnsim::transport::test::caffeine_like;

double closing(double t_s) { return std::exp2(-t_s / 1800.0); }

void BM_ResolvedUnitCellStep(benchmark::State& state) {
  DomainSpec spec;  // 200 x 200 um, 5 um voxels, uniform 5 um planes to 2000 um
  spec.max_dz_um = spec.dx_um;
  auto problem = build_domain(spec, caffeine_like(), {{100.0, 100.0, 400.0, 25.0}});
  problem.open_fraction = closing;
  const auto voxels = problem.geometry.voxels();
  ResolvedSolver solver(std::move(problem));
  ResolvedSchedule schedule;
  schedule.first_step_s = schedule.max_step_s = 10.0;
  schedule.growth = 1.0;
  schedule.output_times_s = {10.0 * static_cast<double>(state.range(0))};
  for (auto _ : state) benchmark::DoNotOptimize(solver.run(schedule));
  state.counters["voxels"] = static_cast<double>(voxels);
  state.counters["s_per_step"] = benchmark::Counter(
      static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ResolvedUnitCellStep)->Arg(20)->Unit(benchmark::kMillisecond);

// The same cell over 24 h of contact with the channel closing (half-life 30 min). Fixed
// schedule: steps growing from 0.1 s by 15 % to the argument (s), and limited to a tenth of the
// half-life while the channel is open. Error control: the argument is the tolerance in units of
// 1e-4. The goal: under 10 s on 2 cores. The counters are the receptor amounts (um of
// vehicle) at 1, 6 and 24 h, to compare the schedules' accuracy; steps growing to 5 s (Arg 5,
// about 6 minutes for the whole cell) are the reference. mnsim runs the quarter cell (the
// channel's axis on its corner, unit_cell.hpp), which is the whole cell by symmetry with 80
// channel voxels where the whole cell here takes the 79 nearest its axis.
enum class Cell { whole, quarter };
enum class Planes { uniform, graded };

void unit_cell_24h(benchmark::State& state, ResolvedSchedule schedule, Cell cell, Planes planes) {
  DomainSpec spec;
  if (planes == Planes::uniform) spec.max_dz_um = spec.dx_um;
  Channel channel{100.0, 100.0, 400.0, 25.0};
  if (cell == Cell::quarter) {
    spec.width_um = 100.0;
    channel.x_um = channel.y_um = 0.0;
  }
  auto problem = build_domain(spec, caffeine_like(), {channel});
  problem.open_fraction = closing;
  state.counters["voxels"] = static_cast<double>(problem.geometry.voxels());
  ResolvedSolver solver(std::move(problem));
  schedule.first_step_s = 0.1;
  schedule.closure_half_life_s = 1800.0;
  schedule.output_times_s = {3600.0, 6.0 * 3600.0, 24.0 * 3600.0};
  ResolvedSeries s;
  for (auto _ : state) s = solver.run(schedule);
  state.counters["steps"] = static_cast<double>(s.steps);
  state.counters["rejected"] = static_cast<double>(s.rejected);
  state.counters["q1h"] = s.receptor[0];
  state.counters["q6h"] = s.receptor[1];
  state.counters["q24h"] = s.receptor[2];
}

ResolvedSchedule fixed(const benchmark::State& state) {
  ResolvedSchedule schedule;
  schedule.max_step_s = static_cast<double>(state.range(0));
  return schedule;
}

ResolvedSchedule controlled(const benchmark::State& state) {
  ResolvedSchedule schedule;
  schedule.max_step_s = 3600.0;
  schedule.tolerance = 1e-4 * static_cast<double>(state.range(0));
  return schedule;
}

void BM_ResolvedUnitCell24h(benchmark::State& state) {
  unit_cell_24h(state, fixed(state), Cell::whole, Planes::uniform);
}
BENCHMARK(BM_ResolvedUnitCell24h)->Arg(300)->Arg(60)->Arg(5)->Iterations(1)->Unit(benchmark::kSecond);

void BM_ResolvedUnitCell24hControlled(benchmark::State& state) {
  unit_cell_24h(state, controlled(state), Cell::whole, Planes::uniform);
}
BENCHMARK(BM_ResolvedUnitCell24hControlled)->Arg(10)->Arg(3)->Arg(1)->Iterations(1)->Unit(benchmark::kSecond);

// The planes mnsim builds at transport.grid_um = 5: 5 um down to the channel tip and eight
// voxels below it, then growing by 15 % to 20 um (unit_cell.hpp).
void BM_ResolvedUnitCell24hControlledGradedPlanes(benchmark::State& state) {
  unit_cell_24h(state, controlled(state), Cell::whole, Planes::graded);
}
BENCHMARK(BM_ResolvedUnitCell24hControlledGradedPlanes)->Arg(10)->Iterations(1)->Unit(benchmark::kSecond);

void BM_ResolvedQuarterCell24h(benchmark::State& state) {
  unit_cell_24h(state, fixed(state), Cell::quarter, Planes::uniform);
}
BENCHMARK(BM_ResolvedQuarterCell24h)->Arg(5)->Arg(1)->Iterations(1)->Unit(benchmark::kSecond);

void BM_ResolvedQuarterCell24hControlled(benchmark::State& state) {
  unit_cell_24h(state, controlled(state), Cell::quarter, Planes::uniform);
}
BENCHMARK(BM_ResolvedQuarterCell24hControlled)->Arg(10)->Arg(3)->Arg(1)->Iterations(1)->Unit(benchmark::kSecond);

void BM_ResolvedQuarterCell24hControlledGradedPlanes(benchmark::State& state) {
  unit_cell_24h(state, controlled(state), Cell::quarter, Planes::graded);
}
BENCHMARK(BM_ResolvedQuarterCell24hControlledGradedPlanes)->Arg(10)->Iterations(1)->Unit(benchmark::kSecond);

// A 20 um film over 2500 channels/cm2 of 400 um in a 2 mm column.
TwoPathwayProblem reduced_column() {
  TwoPathwayProblem p;
  p.tissue = caffeine_like();
  p.channels = {2500.0, 400.0, 25.0};
  p.depth_um = 2000.0;
  p.finite_dose = true;
  p.vehicle_thickness_um = 20.0;
  return p;
}

void BM_ReducedColumn24h(benchmark::State& state) {
  auto p = reduced_column();
  p.open_fraction = closing;
  std::vector<double> times;
  for (int i = 1; i <= 120; ++i) times.push_back(36.0 * std::pow(2400.0, (i - 1) / 119.0));
  for (auto _ : state) benchmark::DoNotOptimize(simulate_two_pathway(p, times));
}
BENCHMARK(BM_ReducedColumn24h)->Unit(benchmark::kMillisecond);

// The 5-95 % ranges of one product (transport.samples = 40, the default): the same column and
// dose, 24 h, channels occluded for 2 h then open to air; two reduced runs per sample.
void BM_TransportRanges24h(benchmark::State& state) {
  const auto p = reduced_column();
  const ClosureLaw law(0.5, 23.0, 2.0);
  for (auto _ : state)
    benchmark::DoNotOptimize(sample_transport(p, law, 0.0, false, 86400.0, {}, static_cast<int>(state.range(0)), 1));
}
BENCHMARK(BM_TransportRanges24h)->Arg(40)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
