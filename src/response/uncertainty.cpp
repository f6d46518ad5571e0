#include "response/uncertainty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/parallel_failure.hpp"
#include "core/statistics.hpp"

namespace mnsim::response {

namespace {
// Offset of the response module's streams, so they do not coincide with other modules' streams
// drawn from the same run seed.
constexpr std::uint64_t stream_offset = 0x7265'7370'0000'0000ULL;
}  // namespace

std::vector<std::pair<std::string, double>> scalar_metrics(const CourseMetrics& m) {
  std::vector<std::pair<std::string, double>> out{
      {"barrier_recovery_h", m.barrier_recovery_h},
      {"channel_closure_half_life_h", m.channel_closure_half_life_h},
      {"erythema_duration_h", m.erythema_duration_h},
      {"oedema_duration_h", m.oedema_duration_h},
      {"reepithelialisation_h", m.reepithelialisation_h},
      {"downtime_d", m.downtime_d},
      {"inflammation_integral", m.inflammation_integral},
      {"barrier_open_h", m.barrier_open_h},
      {"peak_erythema", m.peak_erythema},
      {"fibrosis_score", m.fibrosis_score},
  };
  for (const auto& [day, v] : m.collagen_change_pct) out.emplace_back(fmt::format("collagen_change_pct.{}", day), v);
  for (const auto& [day, v] : m.epidermal_thickness_change_pct) {
    out.emplace_back(fmt::format("epidermal_thickness_change_pct.{}", day), v);
  }
  return out;
}

Rng sample_stream(std::uint64_t seed, std::uint64_t sample) { return make_stream(seed, stream_offset + sample); }

CourseParameters sample_parameters(const CourseParameters& base, Rng& rng) {
  CourseParameters p = base;
  std::normal_distribution<double> normal;
  for (const auto& s : sampled_parameters()) {
    const double cv = base.sample_cv * s.cv_scale;
    const double sigma = std::sqrt(std::log1p(cv * cv));
    p.*s.member = base.*s.member * std::exp(sigma * normal(rng));
  }
  return p;
}

std::vector<TissueCourse> sample_courses(const std::vector<SessionInput>& sessions, const PatientFactors& patient,
                                         const CourseParameters& p, int samples, std::uint64_t seed,
                                         const std::vector<double>& at_times_h,
                                         const std::vector<int>& extra_report_days) {
  std::vector<TissueCourse> courses(static_cast<std::size_t>(std::max(samples, 0)));
  const CourseOptions options{.record_series = false, .at_times_h = at_times_h, .extra_report_days = extra_report_days};
  ParallelFailure failure;
#pragma omp parallel
  {
    TissueIntegrator integrator(sampled_tolerances);
#pragma omp for schedule(dynamic, 8)
    for (int i = 0; i < samples; ++i) {
      const auto k = static_cast<std::size_t>(i);
      failure.run(k, [&] {
        auto rng = sample_stream(seed, k);
        const auto sampled = sample_parameters(p, rng);
        courses[k] = simulate_course(sessions, patient, sampled, options, integrator);
      });
    }
  }
  failure.rethrow_if_failed();
  return courses;
}

std::vector<SignalBand> signal_bands(const std::vector<TissueCourse>& courses, const std::vector<double>& at_times_h) {
  if (courses.empty() || at_times_h.empty()) return {};
  const auto band = [&](const char* name, std::vector<double> SignalsAt::*series) {
    SignalBand b{.signal = name, .t_h = at_times_h};
    std::vector<double> values(courses.size());
    for (std::size_t j = 0; j < at_times_h.size(); ++j) {
      for (std::size_t i = 0; i < courses.size(); ++i) values[i] = (courses[i].at_times.*series).at(j);
      const auto q = quantiles(values, {0.5, 0.05, 0.95});
      b.median.push_back(q[0]);
      b.p5.push_back(q[1]);
      b.p95.push_back(q[2]);
    }
    return b;
  };
  return {band("erythema", &SignalsAt::erythema), band("tewl_excess", &SignalsAt::tewl_excess)};
}

std::vector<CourseMetrics> sample_course_metrics(const std::vector<SessionInput>& sessions,
                                                 const PatientFactors& patient, const CourseParameters& p, int samples,
                                                 std::uint64_t seed) {
  std::vector<CourseMetrics> metrics;
  metrics.reserve(static_cast<std::size_t>(std::max(samples, 0)));
  for (auto& course : sample_courses(sessions, patient, p, samples, seed)) metrics.push_back(std::move(course.metrics));
  return metrics;
}

CourseUncertainty sample_course(const std::vector<SessionInput>& sessions, const PatientFactors& patient,
                                const CourseParameters& p, int samples, std::uint64_t seed) {
  CourseUncertainty result;
  result.samples = samples;
  if (samples <= 0) return result;
  const auto metrics = sample_course_metrics(sessions, patient, p, samples, seed);
  std::vector<std::vector<std::pair<std::string, double>>> scalars;
  scalars.reserve(metrics.size());
  for (const auto& m : metrics) scalars.push_back(scalar_metrics(m));
  const auto& names = scalars.front();
  for (std::size_t k = 0; k < names.size(); ++k) {
    std::vector<double> values;
    values.reserve(metrics.size());
    for (const auto& row : scalars) values.push_back(row[k].second);
    const auto q = quantiles(std::move(values), {0.5, 0.05, 0.95});
    result.scalars.emplace_back(names[k].first, Interval{q[0], q[1], q[2]});
  }
  int tipped = 0;
  for (const auto& m : metrics) tipped += m.fibrosis ? 1 : 0;
  result.fibrosis_probability = static_cast<double>(tipped) / samples;
  return result;
}

}  // namespace mnsim::response
