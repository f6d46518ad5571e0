#pragma once
// Reading the shipped data tables (CSV with a fixed header, one cited row per line) through the
// Fast C++ CSV Parser (Debian libfccp-dev). Every malformed table becomes a DataError naming the
// file and line.
#define CSV_IO_NO_THREAD
// The parser copies file names with strncpy, which GCC flags after inlining into our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>

#include "core/error.hpp"

namespace mnsim {

struct CsvRowContext {
  std::string file;
  unsigned line = 0;
};

// Calls on_row(fields, context) for every data row; the header must list exactly `columns`.
template <std::size_t N, typename OnRow>
void read_csv_table(const std::filesystem::path& file, const std::array<const char*, N>& columns, OnRow on_row) {
  try {
    ::io::CSVReader<N, ::io::trim_chars<' ', '\t'>, ::io::double_quote_escape<',', '"'>> reader(file.string());
    std::apply([&](auto... names) { reader.read_header(::io::ignore_no_column, names...); }, columns);
    std::array<std::string, N> fields;
    while (std::apply([&](auto&... f) { return reader.read_row(f...); }, fields)) {
      on_row(fields, CsvRowContext{file.string(), reader.get_file_line()});
    }
  } catch (const ::io::error::base& e) {
    throw DataError(fmt::format("data table {}: {}", file.string(), e.what()));
  }
}

// Parses a numeric field of a data table.
inline double csv_number(const std::string& field, const CsvRowContext& where, const char* column) {
  double value = 0.0;
  const auto* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, value);
  if (field.empty() || ec != std::errc() || ptr != end) {
    throw DataError(
        fmt::format("{}:{}: column {}: expected a number, got \"{}\"", where.file, where.line, column, field));
  }
  return value;
}

// A numeric field that may be empty: the tables' convention for unknown or not applicable.
inline std::optional<double> csv_optional_number(const std::string& field, const CsvRowContext& where,
                                                 const char* column) {
  if (field.empty()) return std::nullopt;
  return csv_number(field, where, column);
}

}  // namespace mnsim
