// Reduced tissue course: six clinical pen sessions (1.5 mm, 2 weeks apart) for one person, with
// 1000 sampled persons for the uncertainty intervals. Goal: under 2 s on 2 cores.
// Run: build/bin/response_bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>
#include <omp.h>

#include "response/uncertainty.hpp"

namespace {

// The injury summary of examples/default.toml at 1.5 mm (12-needle pen, 4 passes).
mnsim::response::WoundLoad clinical_pen() {
  mnsim::response::WoundLoad l;
  l.wounds_per_cm2 = 5949;
  l.wounded_area_fraction = 0.546;
  l.wound_width_um_mean = 100;
  l.wound_width_um_p90 = 120;
  l.confluent_fraction = 0.72;
  l.max_confluent_width_um = 619;
  l.depth_um_mean = 1060;
  l.depth_um_p90 = 1199;
  l.dermal_involvement_fraction = 1.0;
  l.injured_volume_mm3_per_cm2 = 201.6;
  l.vascularised_volume_mm3_per_cm2 = 201.6 * (1060.0 - 140.0) / 1060.0;
  l.bleeding_fraction = 0.426;
  l.epidermis_um = 100;
  l.dermis_um = 1500;
  return l;
}

void BM_SixSessionCourse1000Samples(benchmark::State& state) {
  omp_set_num_threads(static_cast<int>(state.range(0)));
  std::vector<mnsim::response::SessionInput> sessions;
  for (int i = 0; i < 6; ++i) sessions.push_back({.start_d = 14.0 * i, .load = clinical_pen()});
  const mnsim::response::CourseParameters p;
  for (auto _ : state) {
    auto u = mnsim::response::sample_course(sessions, {.age_y = 45, .fitzpatrick = 3}, p, 1000, 42);
    benchmark::DoNotOptimize(u);
  }
}
BENCHMARK(BM_SixSessionCourse1000Samples)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
