#include "app/fit_problem.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include "core/error.hpp"

namespace mnsim::app {

namespace {

// The parameters as the minimizer sees them: the logarithm of a log parameter, the value of
// another; mapped back and held inside the registry's range.
double natural(const FitParameter& p, double x) { return std::clamp(p.log ? std::exp(x) : x, p.low, p.high); }
double internal(const FitParameter& p, double value) { return p.log ? std::log(value) : value; }

struct Residuals {
  using Scalar = double;
  enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };
  using InputType = Eigen::VectorXd;
  using ValueType = Eigen::VectorXd;
  using JacobianType = Eigen::MatrixXd;

  const io::MeasuredSeries* data;
  const std::vector<FitParameter>* parameters;
  const FitModel* model;
  std::vector<double> scale;  // per quantity, when it has no standard deviations
  int* evaluations;

  [[nodiscard]] int inputs() const { return static_cast<int>(parameters->size()); }
  [[nodiscard]] int values() const { return static_cast<int>(data->count()); }

  std::vector<double> natural_values(const Eigen::VectorXd& x) const {
    std::vector<double> v(parameters->size());
    for (std::size_t j = 0; j < v.size(); ++j) v[j] = natural((*parameters)[j], x[static_cast<Eigen::Index>(j)]);
    return v;
  }

  void weigh(const std::vector<std::vector<double>>& series, Eigen::VectorXd& r) const {
    Eigen::Index i = 0;
    for (std::size_t q = 0; q < data->quantities.size(); ++q) {
      const auto& m = data->quantities[q];
      for (std::size_t k = 0; k < m.value.size(); ++k, ++i)
        r[i] = (series[q][k] - m.value[k]) / (m.sd.empty() ? scale[q] : m.sd[k]);
    }
  }

  int operator()(const Eigen::VectorXd& x, Eigen::VectorXd& r) const {
    ++*evaluations;
    try {
      weigh((*model)(natural_values(x)), r);
    } catch (const NumericalError&) {
      // A value the model cannot run at: a step the minimizer must not take.
      r.setConstant(1e10);
    }
    return 0;
  }
};

// The scale of a quantity measured without standard deviations: the root mean square of its
// values, computed on values divided by the largest (no overflow for values near 1e308). All-zero
// or non-finite measurements cannot weight a fit: refused.
double weight_scale(const std::string& file, const io::MeasuredQuantity& m) {
  double largest = 0.0;
  for (const double v : m.value) {
    if (!std::isfinite(v))
      throw InputError({file, 0, 0}, m.name, "a measured value is not a finite number", "remove or correct that row");
    largest = std::max(largest, std::abs(v));
  }
  if (!m.sd.empty()) {
    for (const double sd : m.sd)
      if (!(std::isfinite(sd) && sd > 0.0))
        throw InputError({file, 0, 0}, m.name + "_sd", "every standard deviation must be a positive finite number");
    return 1.0;  // not used: each value is weighted by its own standard deviation
  }
  if (largest == 0.0 || !std::isfinite(largest))
    throw InputError({file, 0, 0}, m.name,
                     "every measured value is 0: nothing to weight the fit by (the misfit would be infinite)",
                     fmt::format("give measurements that are not all zero, or a {}_sd column", m.name));
  double sum = 0.0;
  for (const double v : m.value) sum += (v / largest) * (v / largest);
  return largest * std::sqrt(sum / static_cast<double>(m.value.size()));
}

double rms(const Eigen::VectorXd& r) {
  return r.size() ? std::sqrt(r.squaredNorm() / static_cast<double>(r.size())) : 0.0;
}

std::string status_text(int status) {
  using S = Eigen::LevenbergMarquardtSpace::Status;
  switch (status) {
    case S::RelativeReductionTooSmall:
      return "converged: the sum of squares no longer decreases";
    case S::RelativeErrorTooSmall:
      return "converged: the parameters no longer change";
    case S::RelativeErrorAndReductionTooSmall:
      return "converged: neither the parameters nor the sum of squares change";
    case S::CosinusTooSmall:
      return "converged: the residuals are orthogonal to the Jacobian";
    case S::TooManyFunctionEvaluation:
      return "stopped: too many model runs (raise --max-runs)";
    case S::FtolTooSmall:
    case S::XtolTooSmall:
    case S::GtolTooSmall:
      return "stopped: no further improvement is possible at this precision";
    default:
      return "stopped: the minimizer could not proceed";
  }
}

}  // namespace

FitResult fit_parameters(const io::MeasuredSeries& data, const std::vector<FitParameter>& parameters,
                         const FitModel& model, int max_evaluations) {
  FitResult out;
  Residuals residuals{
      .data = &data, .parameters = &parameters, .model = &model, .scale = {}, .evaluations = &out.evaluations};
  for (const auto& m : data.quantities) residuals.scale.push_back(weight_scale(data.file, m));
  out.scale = residuals.scale;
  const auto n = static_cast<Eigen::Index>(data.count());
  const auto p = static_cast<Eigen::Index>(parameters.size());
  Eigen::VectorXd x(p);
  for (Eigen::Index j = 0; j < p; ++j) {
    const auto& parameter = parameters[static_cast<std::size_t>(j)];
    x[j] = internal(parameter, parameter.start);
  }
  out.start_model = model(residuals.natural_values(x));
  Eigen::VectorXd r(n);
  residuals.weigh(out.start_model, r);
  out.rms_start = rms(r);

  // Central differences of 0.1 % of each (internal) parameter: far above the transport solver's
  // tolerance (1e-7), far below the curvature of the fit.
  Eigen::NumericalDiff<Residuals, Eigen::Central> differences(residuals, 1e-6);
  Eigen::LevenbergMarquardt<Eigen::NumericalDiff<Residuals, Eigen::Central>> minimizer(differences);
  minimizer.parameters.maxfev = max_evaluations;
  minimizer.parameters.xtol = 1e-10;
  minimizer.parameters.ftol = 1e-12;
  const auto status = minimizer.minimize(x);
  out.status = status_text(status);

  out.values = residuals.natural_values(x);
  out.fitted_model = model(out.values);
  residuals.weigh(out.fitted_model, r);
  out.rms_fitted = rms(r);
  // A fit whose misfit is not a number has not converged, whatever the minimizer's criterion said.
  if (!std::isfinite(out.rms_fitted) || !std::isfinite(out.rms_start))
    out.status = "stopped: the misfit is not a finite number (check the measurements)";
  out.converged = out.status.rfind("converged", 0) == 0;

  Eigen::MatrixXd jacobian(n, p);
  differences.df(x, jacobian);
  const double variance =
      n > p ? r.squaredNorm() / static_cast<double>(n - p) : std::numeric_limits<double>::quiet_NaN();
  const Eigen::MatrixXd information = jacobian.transpose() * jacobian;
  Eigen::FullPivLU<Eigen::MatrixXd> lu(information);
  const bool identifiable = lu.isInvertible();
  const Eigen::MatrixXd covariance = identifiable ? Eigen::MatrixXd(variance * lu.inverse()) : Eigen::MatrixXd();
  for (Eigen::Index j = 0; j < p; ++j) {
    const auto& parameter = parameters[static_cast<std::size_t>(j)];
    const double se =
        identifiable ? std::sqrt(std::max(covariance(j, j), 0.0)) : std::numeric_limits<double>::quiet_NaN();
    out.standard_error.push_back(se);
    out.low95.push_back(natural(parameter, x[j] - 1.96 * se));
    out.high95.push_back(natural(parameter, x[j] + 1.96 * se));
    const double value = out.values[static_cast<std::size_t>(j)];
    out.at_bound.push_back(value <= parameter.low || value >= parameter.high);
  }
  return out;
}

}  // namespace mnsim::app
