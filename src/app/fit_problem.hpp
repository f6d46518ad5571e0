#pragma once
// Calibration to one's own data (`mnsim fit`): the values of chosen model parameters that bring
// the product's transport series closest to measurements, by weighted least squares
// (Levenberg-Marquardt, Eigen's MINPACK port, with central differences).
#include <functional>
#include <string>
#include <vector>

#include "io/measured_series.hpp"

namespace mnsim::app {

struct FitParameter {
  std::string key;  // registry path of a real parameter (product[0].intact_kp_cm_per_h)
  double start = 0.0;
  double low = 0.0, high = 0.0;  // the registry's range; the fit stays inside it
  bool log = false;              // fitted as its logarithm (a positive range)
};

// The model's series, per measured quantity, at the measured times, for parameter values in
// natural units. May throw NumericalError for values the model cannot run at.
using FitModel = std::function<std::vector<std::vector<double>>(const std::vector<double>& values)>;

struct FitResult {
  std::vector<double> values;          // fitted, natural units
  std::vector<double> standard_error;  // of the value (log: of its natural logarithm); NaN if not identifiable
  std::vector<double> low95, high95;   // approximate 95 % interval (log parameters: log-symmetric)
  std::vector<bool> at_bound;          // stopped at the registry's range
  std::vector<std::vector<double>> start_model, fitted_model;  // per quantity, at the measured times
  std::vector<double> scale;                 // per quantity: what its residuals are divided by when it has no sd
  double rms_start = 0.0, rms_fitted = 0.0;  // root mean square of the weighted residuals
  int evaluations = 0;                       // model runs
  std::string status;                        // why the minimizer stopped
  bool converged = false;
};

// Residuals are (model - measured) / sd where the file gives standard deviations, otherwise
// divided by the root mean square of that quantity's measurements, so each quantity counts by
// its number of points whatever its unit. The covariance is s^2 (J^T J)^-1 at the optimum with
// s^2 the residual variance (sum of squares / (n - p)).
FitResult fit_parameters(const io::MeasuredSeries& data, const std::vector<FitParameter>& parameters,
                         const FitModel& model, int max_evaluations);

}  // namespace mnsim::app
