// Full-face pen treatment (300 cm2, 3 passes, the generic 12-needle pen at 1.0 mm): time to lay
// the puncture map, and to turn it into an Injury (insertion, bleeding, coverage, confluence).
// Run on one core: build/bin/mnsim_bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>
#include <omp.h>

#include "app/pipeline.hpp"
#include "core/data_dir.hpp"
#include "io/scenario_reader.hpp"
#include "skin/parameters.hpp"

namespace {

struct FullFace {
  mnsim::app::Session session{mnsim::data_dir()};
  mnsim::ParameterSet parameters;
  FullFace() {
    for (const char* o : {"device.type=pen", "device.needle_length_mm=1.0", "protocol.area_cm2=300",
                          "protocol.passes=3", "site.name=cheek"}) {
      mnsim::io::apply_override(parameters, session.registry(), o);
    }
    parameters.complete(session.registry(), "bench");
  }
};

void BM_FullFacePenPunctureMap(benchmark::State& state) {
  omp_set_num_threads(1);
  FullFace f;
  const auto device = mnsim::device::resolve_device(f.parameters, f.session.catalog());
  const auto protocol = mnsim::device::protocol_from(f.parameters);
  std::size_t punctures = 0;
  for (auto _ : state) {
    const auto map = mnsim::device::generate_puncture_map(device, protocol, 1);
    punctures = map.size();
    benchmark::DoNotOptimize(map.x_mm.data());
  }
  state.counters["punctures"] = static_cast<double>(punctures);
}
BENCHMARK(BM_FullFacePenPunctureMap)->Unit(benchmark::kMillisecond);

void BM_FullFacePenInjury(benchmark::State& state) {
  omp_set_num_threads(1);
  FullFace f;
  std::size_t punctures = 0;
  for (auto _ : state) {
    const auto result = mnsim::app::simulate_injury(f.parameters, f.session);
    punctures = result.map.size();
    benchmark::DoNotOptimize(result.injury.summary.confluence.coverage_fraction);
  }
  state.counters["punctures"] = static_cast<double>(punctures);
}
BENCHMARK(BM_FullFacePenInjury)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
