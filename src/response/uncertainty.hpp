#pragma once
// Uncertainty of the course: N sampled persons (log-normal person-to-person factors on the rates
// listed in sampled_parameters()), each from its own random stream, so the result does not depend
// on the number of threads.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/rng.hpp"
#include "response/course.hpp"

namespace mnsim::response {

struct Interval {
  double median = 0.0, p5 = 0.0, p95 = 0.0;
};

struct CourseUncertainty {
  int samples = 0;
  std::vector<std::pair<std::string, Interval>> scalars;  // same names and order as scalar_metrics()
  double fibrosis_probability = 0.0;
};

// The scalar outputs of a course by name: "barrier_recovery_h", ..., "collagen_change_pct.30", ...
std::vector<std::pair<std::string, double>> scalar_metrics(const CourseMetrics& m);

// One sampled person: every sampled parameter times exp(sigma z), sigma from its coefficient of
// variation (median factor 1).
CourseParameters sample_parameters(const CourseParameters& base, Rng& rng);

// Random stream of sample i (core/rng.hpp make_stream with the response module's offset).
Rng sample_stream(std::uint64_t seed, std::uint64_t sample);

// Quantiles over sampled persons of one derived signal at fixed times (a 90 % band over time).
struct SignalBand {
  std::string signal;       // "erythema" or "tewl_excess" (the TissueCourse series of that name)
  std::vector<double> t_h;  // hours after the first session
  std::vector<double> median, p5, p95;
};

// The courses of `samples` sampled persons, in sample order: metrics, session windows and, at
// `at_times_h` (hours after the first session), erythema and the TEWL excess, and collagen and
// epidermis on `extra_report_days` besides the standard days; no series is kept
// (OpenMP threads; each thread reuses one integrator; sample i always draws from stream i, so the
// result does not depend on threads).
std::vector<TissueCourse> sample_courses(const std::vector<SessionInput>& sessions, const PatientFactors& patient,
                                         const CourseParameters& p, int samples, std::uint64_t seed,
                                         const std::vector<double>& at_times_h = {},
                                         const std::vector<int>& extra_report_days = {});
// The bands of erythema and the TEWL excess at `at_times_h` over courses from sample_courses with
// those times (empty without courses or times). Each quantile reads the samples in sample order.
std::vector<SignalBand> signal_bands(const std::vector<TissueCourse>& courses, const std::vector<double>& at_times_h);

// The metrics of `samples` sampled courses, in sample order (OpenMP threads; each thread reuses
// one integrator; sample i always draws from stream i, so the result does not depend on threads).
std::vector<CourseMetrics> sample_course_metrics(const std::vector<SessionInput>& sessions,
                                                 const PatientFactors& patient, const CourseParameters& p, int samples,
                                                 std::uint64_t seed);
// Runs `samples` courses (OpenMP threads; each thread reuses one integrator).
CourseUncertainty sample_course(const std::vector<SessionInput>& sessions, const PatientFactors& patient,
                                const CourseParameters& p, int samples, std::uint64_t seed);

}  // namespace mnsim::response
