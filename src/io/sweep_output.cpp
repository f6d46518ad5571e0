#include "io/sweep_output.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "io/csv_writer.hpp"

namespace mnsim::io {

namespace {

std::string cell(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_number()) return number_text(value.get<double>());
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string short_number(const nlohmann::json& value) {
  if (value.is_number()) return fmt::format("{:.4g}", value.get<double>());
  return value.is_null() ? "-" : cell(value);
}

}  // namespace

std::string sweep_csv(const SweepTable& table) {
  std::vector<std::string> header{"point"};
  header.insert(header.end(), table.varied.begin(), table.varied.end());
  header.insert(header.end(), table.keys.begin(), table.keys.end());
  CsvWriter csv(header);
  for (std::size_t i = 0; i < table.values.size(); ++i) {
    std::vector<std::string> row{std::to_string(i)};
    row.insert(row.end(), table.values[i].begin(), table.values[i].end());
    for (const auto& value : table.results[i]) row.push_back(cell(value));
    csv.row(row);
  }
  return csv.str();
}

nlohmann::json sweep_json(const SweepTable& table) {
  nlohmann::json out{{"varied", table.varied}, {"keys", table.keys}, {"points", nlohmann::json::array()}};
  for (std::size_t i = 0; i < table.values.size(); ++i) {
    nlohmann::json point{{"point", i}, {"dir", table.point_dirs[i]}};
    for (std::size_t a = 0; a < table.varied.size(); ++a) point["values"][table.varied[a]] = table.values[i][a];
    for (std::size_t k = 0; k < table.keys.size(); ++k) point["results"][table.keys[k]] = table.results[i][k];
    out["points"].push_back(std::move(point));
  }
  return out;
}

std::string sweep_text(const SweepTable& table) {
  std::vector<std::string> header{"point"};
  header.insert(header.end(), table.varied.begin(), table.varied.end());
  header.insert(header.end(), table.keys.begin(), table.keys.end());
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < table.values.size(); ++i) {
    std::vector<std::string> row{std::to_string(i)};
    row.insert(row.end(), table.values[i].begin(), table.values[i].end());
    for (const auto& value : table.results[i]) row.push_back(short_number(value));
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  const auto line = [&](const std::vector<std::string>& fields) {
    std::string text;
    for (std::size_t c = 0; c < fields.size(); ++c)
      text += fmt::format("{:>{}}{}", fields[c], width[c], c + 1 < fields.size() ? "  " : "\n");
    return text;
  };
  std::string text = line(header);
  for (const auto& row : rows) text += line(row);
  return text;
}

}  // namespace mnsim::io
