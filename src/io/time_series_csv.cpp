#include "io/time_series_csv.hpp"

#include <fmt/format.h>

#include <set>
#include <stdexcept>
#include <string_view>

#include "io/csv_writer.hpp"

namespace mnsim::io {

std::string time_series_csv(const std::vector<TimeSeriesColumn>& columns) {
  if (columns.empty()) throw std::invalid_argument("time series CSV: no columns");
  std::vector<std::string> header;
  std::set<std::string_view> seen;
  for (const auto& c : columns) {
    if (c.name.empty()) throw std::invalid_argument("time series CSV: a column has no name");
    if (!seen.insert(c.name).second) {
      throw std::invalid_argument(fmt::format("time series CSV: column {} appears twice", c.name));
    }
    if (c.values.size() != columns.front().values.size()) {
      throw std::invalid_argument(fmt::format("time series CSV: column {} has {} values, column {} has {}", c.name,
                                              c.values.size(), columns.front().name, columns.front().values.size()));
    }
    header.push_back(c.name);
  }
  CsvWriter csv(header);
  std::vector<std::string> row(columns.size());
  for (std::size_t i = 0; i < columns.front().values.size(); ++i) {
    for (std::size_t j = 0; j < columns.size(); ++j) row[j] = number_text(columns[j].values[i]);
    csv.row(row);
  }
  return csv.str();
}

}  // namespace mnsim::io
