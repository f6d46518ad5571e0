#include "io/measured_series.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

#include "core/csv_table.hpp"
#include "core/error.hpp"
#include "io/transport_output.hpp"

namespace mnsim::io {

namespace {

constexpr std::size_t quantity_count = fittable_series.size();
constexpr std::size_t column_count = 1 + 2 * quantity_count;
constexpr const char* columns_hint =
    "columns: time_h and one or more of cumulative_ug_per_cm2, flux_ug_per_cm2_h, skin_ug_per_cm2, "
    "intact_cumulative_ug_per_cm2, intact_flux_ug_per_cm2_h, intact_skin_ug_per_cm2 (each optionally with "
    "<name>_sd)";

std::array<std::string, column_count> column_names() {
  std::array<std::string, column_count> names;
  names[0] = "time_h";
  for (std::size_t q = 0; q < quantity_count; ++q) {
    names[1 + q] = fittable_series[q];
    names[1 + quantity_count + q] = std::string(fittable_series[q]) + "_sd";
  }
  return names;
}

double number_in(const std::string& field, const std::string& file, unsigned line, const std::string& column) {
  double value = 0.0;
  const char* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    throw InputError({file, static_cast<int>(line), 0}, column, fmt::format("expected a number, got \"{}\"", field));
  }
  return value;
}

}  // namespace

std::size_t MeasuredSeries::count() const {
  std::size_t n = 0;
  for (const auto& q : quantities) n += q.value.size();
  return n;
}

MeasuredSeries read_measured_series(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec == std::errc::too_many_symbolic_link_levels) {
    throw InputError({file, 0, 0}, "", fmt::format("a loop of symbolic links ({})", ec.message()),
                     "point the link at the CSV file itself");
  }
  if (std::filesystem::is_directory(status)) {
    throw InputError({file, 0, 0}, "", "this is a directory, not a CSV file",
                     "give the path of the CSV file of measurements in it");
  }
  if (!std::filesystem::is_regular_file(status)) {
    const bool missing = status.type() == std::filesystem::file_type::not_found;
    throw InputError(
        {file, 0, 0}, "",
        missing || !ec ? std::string("no such file") : fmt::format("cannot read the file: {}", ec.message()),
        "give the path of a CSV file of measurements");
  }
  const auto names = column_names();
  MeasuredSeries out{.file = file};
  std::array<MeasuredQuantity, quantity_count> quantities;
  std::array<bool, column_count> present{};
  unsigned line = 1;
  try {
    ::io::CSVReader<column_count, ::io::trim_chars<' ', '\t'>, ::io::double_quote_escape<',', '"'>> reader(file);
    std::apply(
        [&](const auto&... n) {
          reader.read_header(::io::ignore_extra_column | ::io::ignore_missing_column, n.c_str()...);
        },
        names);
    for (std::size_t c = 0; c < column_count; ++c) present[c] = reader.has_column(names[c]);
    if (!present[0]) throw InputError({file, 1, 0}, "time_h", "no time_h column", columns_hint);
    bool any = false;
    for (std::size_t q = 0; q < quantity_count; ++q) {
      any = any || present[1 + q];
      if (present[1 + quantity_count + q] && !present[1 + q]) {
        throw InputError({file, 1, 0}, names[1 + quantity_count + q], "standard deviations of a quantity not given",
                         fmt::format("add the column {}", names[1 + q]));
      }
    }
    if (!any) throw InputError({file, 1, 0}, "", "no measured quantity among the columns", columns_hint);
    std::array<std::string, column_count> fields;
    while (std::apply([&](auto&... f) { return reader.read_row(f...); }, fields)) {
      line = reader.get_file_line();
      const double t = number_in(fields[0], file, line, "time_h");
      if (t < 0.0) throw InputError({file, static_cast<int>(line), 0}, "time_h", "a time before the product went on");
      for (std::size_t q = 0; q < quantity_count; ++q) {
        if (!present[1 + q] || fields[1 + q].empty()) continue;
        auto& m = quantities[q];
        const double value = number_in(fields[1 + q], file, line, names[1 + q]);
        if (value < 0.0) throw InputError({file, static_cast<int>(line), 0}, names[1 + q], "a negative amount");
        if (!m.time_h.empty() && t <= m.time_h.back()) {
          throw InputError({file, static_cast<int>(line), 0}, "time_h", "times must increase down the file");
        }
        m.time_h.push_back(t);
        m.value.push_back(value);
        if (present[1 + quantity_count + q]) {
          const auto& sd_name = names[1 + quantity_count + q];
          const double sd = number_in(fields[1 + quantity_count + q], file, line, sd_name);
          if (sd <= 0.0) {
            throw InputError({file, static_cast<int>(line), 0}, sd_name, "a standard deviation must be above 0",
                             "leave the whole column out to weigh every measurement alike");
          }
          m.sd.push_back(sd);
        }
      }
    }
  } catch (const ::io::error::base& e) {
    // The parser knows the line it failed on; `line` is only the last row read whole.
    int at = static_cast<int>(line);
    if (const auto* where = dynamic_cast<const ::io::error::with_file_line*>(&e);
        where != nullptr && where->file_line > 0)
      at = where->file_line;
    const bool too_many = dynamic_cast<const ::io::error::too_many_columns*>(&e) != nullptr;
    if (too_many || dynamic_cast<const ::io::error::too_few_columns*>(&e) != nullptr) {
      throw InputError({file, at, 0}, "",
                       fmt::format("not a readable CSV table: this row has {} fields than the header has columns",
                                   too_many ? "more" : "fewer"),
                       "give every row one field per column; leave a field empty for a missing measurement (2,,5)");
    }
    throw InputError({file, at, 0}, "", fmt::format("not a readable CSV table: {}", e.what()), columns_hint);
  }
  for (std::size_t q = 0; q < quantity_count; ++q) {
    if (quantities[q].value.empty()) continue;
    quantities[q].name = fittable_series[q];
    out.quantities.push_back(std::move(quantities[q]));
  }
  if (out.quantities.empty()) throw InputError({file, 0, 0}, "", "no measurements in the file", columns_hint);
  return out;
}

}  // namespace mnsim::io
