#pragma once
// Time series (a time column and the quantities sampled at those times) as CSV text.
#include <span>
#include <string>
#include <vector>

namespace mnsim::io {

// One column: its header carries the unit as a suffix (time_h, flux_ug_per_cm2_h).
struct TimeSeriesColumn {
  std::string name;
  std::span<const double> values;
};

// A header row of the names, then one row per index, numbers in shortest round-trip form.
// Throws std::invalid_argument for no columns, an empty or repeated name, or unequal lengths.
std::string time_series_csv(const std::vector<TimeSeriesColumn>& columns);

}  // namespace mnsim::io
