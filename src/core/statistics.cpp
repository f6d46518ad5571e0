#include "core/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mnsim {

namespace {
double sorted_quantile(const std::vector<double>& sample, double q) {
  const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(sample.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto above = std::min(below + 1, sample.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sample[below] + fraction * (sample[above] - sample[below]);
}
}  // namespace

double quantile(std::vector<double> sample, double q) { return quantiles(std::move(sample), {q}).front(); }

std::vector<double> quantiles(std::vector<double> sample, const std::vector<double>& qs) {
  if (sample.empty()) throw std::invalid_argument("quantile of an empty sample");
  std::sort(sample.begin(), sample.end());
  std::vector<double> out;
  out.reserve(qs.size());
  for (const double q : qs) out.push_back(sorted_quantile(sample, q));
  return out;
}

}  // namespace mnsim
