#include "app/sweep_grid.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <set>

#include "core/error.hpp"
#include "io/csv_writer.hpp"

namespace mnsim::app {

namespace {

InputError bad_option(const std::string& option, const std::string& what, const std::string& hint) {
  return InputError({"--vary", 0, 0}, "", fmt::format("'{}': {}", option, what), hint);
}

bool read_number(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && std::isfinite(value);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find(separator); at != std::string::npos; at = text.find(separator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

constexpr const char* forms = "--vary KEY=V1,V2,... or KEY=FROM:TO:N or KEY=FROM:TO:N:log";

std::vector<std::string> range_values(const std::string& option, const std::vector<std::string>& parts) {
  double from = 0.0, to = 0.0, count = 0.0;
  if (!read_number(parts[0], from) || !read_number(parts[1], to) || !read_number(parts[2], count)) {
    throw bad_option(option, "FROM, TO and N of a range must be numbers", forms);
  }
  if (count < 2.0 || count != std::floor(count)) {
    throw bad_option(option, "N, the number of values of a range, must be a whole number of at least 2",
                     "a single value is --set KEY=VALUE");
  }
  constexpr double most_values = 100000.0;  // bounds the work before --max-points is checked
  if (count > most_values) {
    throw bad_option(option, fmt::format("a range has at most {:.0f} values", most_values), "give a smaller N");
  }
  const bool log = parts.size() == 4;
  if (log && parts[3] != "log") throw bad_option(option, "the fourth field of a range can only be 'log'", forms);
  if (log && (from <= 0.0 || to <= 0.0)) {
    throw bad_option(option, "a log range needs FROM and TO above 0", "use an evenly spaced range FROM:TO:N");
  }
  const auto n = static_cast<int>(count);
  std::vector<std::string> values;
  for (int i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / (n - 1);
    // Ends exactly as given, so a range and the list of its ends give the same runs.
    double value = i == 0 ? from : i == n - 1 ? to : 0.0;
    if (i != 0 && i != n - 1) value = log ? from * std::pow(to / from, t) : from + (to - from) * t;
    values.push_back(io::number_text(value));
  }
  return values;
}

}  // namespace

SweepAxis parse_sweep_axis(const std::string& option) {
  const auto equals = option.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == option.size()) {
    throw bad_option(option, "expected KEY=VALUES", forms);
  }
  SweepAxis axis{.key = option.substr(0, equals)};
  const std::string values = option.substr(equals + 1);
  const auto range = split(values, ':');
  if (range.size() == 3 || range.size() == 4) {
    axis.values = range_values(option, range);
    axis.log = range.size() == 4;
  } else if (range.size() == 1) {
    axis.values = split(values, ',');
    for (const auto& value : axis.values)
      if (value.empty()) throw bad_option(option, "an empty value in the list", forms);
  } else {
    throw bad_option(option, "a range has three or four fields separated by ':'", forms);
  }
  axis.numeric = true;
  for (const auto& value : axis.values) {
    double number = 0.0;
    axis.numeric = axis.numeric && read_number(value, number);
  }
  return axis;
}

std::vector<std::vector<std::string>> sweep_points(const std::vector<SweepAxis>& axes, std::size_t max_points) {
  std::set<std::string> keys;
  std::size_t count = axes.empty() ? 0 : 1;
  for (const auto& axis : axes) {
    if (!keys.insert(axis.key).second) {
      throw InputError({"--vary", 0, 0}, axis.key, "varied twice",
                       "give all of its values in one --vary option (V1,V2,...)");
    }
    count *= axis.values.size();
    if (count > max_points) {
      throw InputError({"--vary", 0, 0}, "",
                       fmt::format("the sweep has more than {} points (--max-points)", max_points),
                       "vary fewer keys or give fewer values, or raise --max-points");
    }
  }
  std::vector<std::vector<std::string>> points(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t rest = i;
    points[i].resize(axes.size());
    for (std::size_t a = axes.size(); a-- > 0;) {
      points[i][a] = axes[a].values[rest % axes[a].values.size()];
      rest /= axes[a].values.size();
    }
  }
  return points;
}

nlohmann::json::json_pointer summary_pointer(const std::string& key) {
  const auto bad = [&](const std::string& what) {
    return InputError({"--key", 0, 0}, key, what,
                      "a dotted path into summary.json, with [i] for a list entry: transport.products[0].window_h");
  };
  if (key.empty()) throw bad("empty key");
  std::string pointer;
  for (const auto& part : split(key, '.')) {
    std::string name = part;
    std::vector<std::string> indices;
    const auto open = part.find('[');
    if (open != std::string::npos) {
      name = part.substr(0, open);
      std::string rest = part.substr(open);
      while (!rest.empty()) {
        const auto close = rest.find(']');
        if (rest[0] != '[' || close == std::string::npos || close == 1) throw bad("a malformed [index]");
        const std::string index = rest.substr(1, close - 1);
        if (index.find_first_not_of("0123456789") != std::string::npos) throw bad("an index must be a whole number");
        indices.push_back(index);
        rest = rest.substr(close + 1);
      }
    }
    if (name.empty()) throw bad("an empty name between dots");
    // JSON pointer escapes (RFC 6901): '~' as ~0, '/' as ~1.
    std::string escaped;
    for (const char c : name)
      escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    pointer += "/" + escaped;
    for (const auto& index : indices) pointer += "/" + index;
  }
  return nlohmann::json::json_pointer(pointer);
}

}  // namespace mnsim::app
