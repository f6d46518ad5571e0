// The treatment planner on one patient (examples/patients/healthy_fine_lines.toml): screening,
// candidate sweep with the response engine, the recommendation with 1000 sampled persons, three
// comparators and the aftercare. Goal of the planner issue: under 2 s on 2 cores.
// Run: OMP_NUM_THREADS=2 build/bin/plan_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>

#include "app/plan_builder.hpp"
#include "io/scenario_reader.hpp"

namespace {

void BM_PlanOnePatient1000Samples(benchmark::State& state) {
  mnsim::app::Session session(std::filesystem::path(MNSIM_SOURCE_DIR) / "data");
  const auto file = std::filesystem::path(MNSIM_SOURCE_DIR) / "examples" / "patients" / "healthy_fine_lines.toml";
  auto parameters = mnsim::io::read_scenario_file(file, session.registry());
  mnsim::io::apply_override(parameters, session.registry(), "planner.samples=1000");
  parameters.complete(session.registry(), file.string());
  for (auto _ : state) {
    auto plan = mnsim::app::build_plan(parameters, session, file.string());
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_PlanOnePatient1000Samples)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
