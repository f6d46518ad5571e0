#pragma once
// A user's measurements to fit the model to (`mnsim fit --data FILE.csv`): a `time_h` column (hours
// after the product went on) and one or more columns named as the product's transport table
// (io::fittable_series: `cumulative_ug_per_cm2`, `intact_flux_ug_per_cm2_h`, ...), each with an
// optional `<name>_sd` column of standard deviations. An empty cell is a time without that
// measurement. Anything else in the file is refused as bad input naming file, line and column.
#include <filesystem>
#include <string>
#include <vector>

namespace mnsim::io {

struct MeasuredQuantity {
  std::string name;            // a transport table column
  std::vector<double> time_h;  // increasing, >= 0
  std::vector<double> value;   // >= 0
  std::vector<double> sd;      // > 0 where given; empty when the file has no <name>_sd column
};

struct MeasuredSeries {
  std::string file;
  std::vector<MeasuredQuantity> quantities;  // in io::fittable_series order
  [[nodiscard]] std::size_t count() const;   // measurements over all quantities
};

MeasuredSeries read_measured_series(const std::filesystem::path& file);

}  // namespace mnsim::io
