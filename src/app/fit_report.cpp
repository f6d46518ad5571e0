#include "app/fit_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "io/csv_writer.hpp"
#include "io/transport_output.hpp"

namespace mnsim::app {

namespace {

nlohmann::json number_or_null(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(); }

}  // namespace

double series_value_at(const std::vector<double>& time, std::span<const double> series, double t) {
  const auto after = std::lower_bound(time.begin(), time.end(), t);
  if (after == time.end()) return series.back();
  const auto k = static_cast<std::size_t>(after - time.begin());
  const double t0 = k == 0 ? 0.0 : time[k - 1], v0 = k == 0 ? 0.0 : series[k - 1];
  return time[k] > t0 ? v0 + (t - t0) / (time[k] - t0) * (series[k] - v0) : series[k];
}

nlohmann::json fit_json(const io::MeasuredSeries& data, const std::vector<FitParameter>& parameters,
                        const FitResult& result, std::size_t product) {
  nlohmann::json out{{"data_file", data.file},           {"product", product},
                     {"rms_start", result.rms_start},    {"rms_fitted", result.rms_fitted},
                     {"model_runs", result.evaluations}, {"status", result.status},
                     {"converged", result.converged}};
  out["quantities"] = nlohmann::json::array();
  for (const auto& m : data.quantities) {
    out["quantities"].push_back(
        {{"name", m.name}, {"points", m.value.size()}, {"weighted_by", m.sd.empty() ? "rms_of_measurements" : "sd"}});
  }
  out["parameters"] = nlohmann::json::array();
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    out["parameters"].push_back({{"key", parameters[j].key},
                                 {"start", parameters[j].start},
                                 {"fitted", result.values[j]},
                                 {"low95", number_or_null(result.low95[j])},
                                 {"high95", number_or_null(result.high95[j])},
                                 {"standard_error", number_or_null(result.standard_error[j])},
                                 {"log_scale", parameters[j].log},
                                 {"at_bound", static_cast<bool>(result.at_bound[j])}});
  }
  return out;
}

std::string fit_points_csv(const io::MeasuredSeries& data, const FitResult& result) {
  io::CsvWriter csv({"quantity", "time_h", "measured", "sd", "start_model", "fitted_model", "weighted_residual"});
  for (std::size_t q = 0; q < data.quantities.size(); ++q) {
    const auto& m = data.quantities[q];
    for (std::size_t k = 0; k < m.value.size(); ++k) {
      const double fitted = result.fitted_model[q][k];
      csv.row({m.name, io::number_text(m.time_h[k]), io::number_text(m.value[k]),
               m.sd.empty() ? std::string() : io::number_text(m.sd[k]), io::number_text(result.start_model[q][k]),
               io::number_text(fitted),
               io::number_text((fitted - m.value[k]) / (m.sd.empty() ? result.scale[q] : m.sd[k]))});
    }
  }
  return csv.str();
}

std::string fit_model_csv(const io::MeasuredSeries& data, const transport::ProductExposure& start,
                          const transport::ProductExposure& fitted) {
  std::vector<std::string> header{"time_h"};
  for (const auto& m : data.quantities) {
    header.push_back(m.name + "_start");
    header.push_back(m.name + "_fitted");
  }
  io::CsvWriter csv(header);
  const auto& time = fitted.series.time_h;
  for (std::size_t k = 0; k < time.size(); ++k) {
    std::vector<std::string> row{io::number_text(time[k])};
    for (const auto& m : data.quantities) {
      row.push_back(
          io::number_text(series_value_at(start.series.time_h, io::transport_series_values(start, m.name), time[k])));
      row.push_back(io::number_text(io::transport_series_values(fitted, m.name)[k]));
    }
    csv.row(row);
  }
  return csv.str();
}

io::FitFigureData fit_figure_data(const io::MeasuredSeries& data) {
  io::FitFigureData figure{.points_csv = "fit.csv", .model_csv = "fit_model.csv", .quantities = {}};
  for (const auto& m : data.quantities) figure.quantities.push_back({m.name, !m.sd.empty()});
  return figure;
}

std::string fit_text(const io::MeasuredSeries& data, const std::vector<FitParameter>& parameters,
                     const FitResult& result) {
  std::string text = fmt::format("Fit to {} measurement(s) in {}:", data.count(), data.file);
  for (const auto& m : data.quantities) text += fmt::format(" {} ({})", m.name, m.value.size());
  text += "\n";
  std::size_t width = 9;
  for (const auto& p : parameters) width = std::max(width, p.key.size());
  text +=
      fmt::format("{:<{}}  {:>12}  {:>12}  {:>27}\n", "parameter", width, "start", "fitted", "approx. 95 % interval");
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    std::string interval = "not identifiable";
    if (std::isfinite(result.standard_error[j])) {
      // Enough digits that a narrow interval's ends read apart.
      for (int digits = 4; digits <= 9; ++digits) {
        interval = fmt::format("{:.{}g} - {:.{}g}", result.low95[j], digits, result.high95[j], digits);
        if (fmt::format("{:.{}g}", result.low95[j], digits) != fmt::format("{:.{}g}", result.high95[j], digits)) break;
      }
    }
    text += fmt::format("{:<{}}  {:>12.5g}  {:>12.5g}  {:>27}{}\n", parameters[j].key, width, parameters[j].start,
                        result.values[j], interval, result.at_bound[j] ? "  (at the edge of its range)" : "");
  }
  text += fmt::format("weighted residuals, root mean square: {:.4g} at the start, {:.4g} fitted ({} model runs; {})\n",
                      result.rms_start, result.rms_fitted, result.evaluations, result.status);
  text += "The fitted values are in scenario.fitted.toml: mnsim simulate scenario.fitted.toml runs with them.\n";
  return text;
}

}  // namespace mnsim::app
