#pragma once
// What `mnsim fit` writes and prints: the fit block of summary.json, the measurements beside the
// model before and after (fit.csv), the model's courses (fit_model.csv) and the terminal table.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "app/fit_problem.hpp"
#include "io/measured_series.hpp"
#include "io/plots.hpp"
#include "transport/exposure.hpp"

namespace mnsim::app {

// A transport series at time t (hours after application): linear between its output times, from
// 0 when the product went on, its last value after the end.
double series_value_at(const std::vector<double>& time, std::span<const double> series, double t);

// {data_file, product, quantities: [{name, points, weighted_by}], parameters: [{key, start, fitted,
// low95, high95, standard_error, log_scale, at_bound}], rms_start, rms_fitted, model_runs, status,
// converged}
nlohmann::json fit_json(const io::MeasuredSeries& data, const std::vector<FitParameter>& parameters,
                        const FitResult& result, std::size_t product);
// quantity, time_h, measured, sd, start_model, fitted_model, weighted_residual
std::string fit_points_csv(const io::MeasuredSeries& data, const FitResult& result);
// time_h, then <quantity>_start and <quantity>_fitted for each measured quantity, over the fitted
// run's output times.
std::string fit_model_csv(const io::MeasuredSeries& data, const transport::ProductExposure& start,
                          const transport::ProductExposure& fitted);
io::FitFigureData fit_figure_data(const io::MeasuredSeries& data);
std::string fit_text(const io::MeasuredSeries& data, const std::vector<FitParameter>& parameters,
                     const FitResult& result);

}  // namespace mnsim::app
