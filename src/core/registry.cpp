#include "core/registry.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mnsim {

std::string_view describe_type(ParamType type) {
  switch (type) {
    case ParamType::real:
      return "a number";
    case ParamType::integer:
      return "an integer";
    case ParamType::boolean:
      return "true or false";
    case ParamType::choice:
      return "a string";
    case ParamType::string:
      return "a string";
    case ParamType::string_list:
      return "a list of strings";
    case ParamType::number_list:
      return "a list of numbers";
  }
  return "a value";
}

bool ParamSpec::in_array() const { return path.find("[]") != std::string::npos; }

std::string ParamSpec::section() const {
  const auto dot = path.find('.');
  std::string head = path.substr(0, dot);
  if (const auto bracket = head.find('['); bracket != std::string::npos) head.resize(bracket);
  return head;
}

std::string ParamSpec::key() const { return path.substr(path.find('.') + 1); }

namespace {
std::string format_number(double v) { return fmt::format("{}", v); }
// Bounds of an integer key as integers: a double prints 9007199254740991 as 9.007199254740991e+15.
std::string format_bound(double v, ParamType type) {
  if (type == ParamType::integer) return fmt::format("{}", static_cast<std::int64_t>(v));
  return format_number(v);
}
}  // namespace

std::string ParamSpec::expectation() const {
  const std::string unit_suffix = unit.empty() ? "" : " " + unit;
  switch (type) {
    case ParamType::real:
    case ParamType::integer:
    case ParamType::number_list: {
      const bool has_min = std::isfinite(min);
      const bool has_max = std::isfinite(max);
      const std::string what(describe_type(type));
      if (has_min && has_max)
        return fmt::format("{} from {} to {}{}", what, format_bound(min, type), format_bound(max, type), unit_suffix);
      if (has_min) return fmt::format("{} >= {}{}", what, format_bound(min, type), unit_suffix);
      if (has_max) return fmt::format("{} <= {}{}", what, format_bound(max, type), unit_suffix);
      return what + unit_suffix;
    }
    case ParamType::boolean:
      return "true or false";
    case ParamType::choice:
      return fmt::format("one of: {}", fmt::join(choices, ", "));
    case ParamType::string:
      return "a string";
    case ParamType::string_list:
      if (choices.empty()) return "a list of strings";
      return fmt::format("a list of strings from: {}", fmt::join(choices, ", "));
  }
  return {};
}

std::string normalize_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    out.push_back(path[i]);
    if (path[i] == '[') {
      const auto close = path.find(']', i);
      if (close == std::string_view::npos) return std::string(path);
      i = close - 1;
    }
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

void Registry::add(ParamSpec spec) {
  if (spec.path.find('.') == std::string::npos) throw std::logic_error("registry path needs a section: " + spec.path);
  if (index_.contains(spec.path)) throw std::logic_error("parameter declared twice: " + spec.path);
  if (spec.default_value) {
    // A default must satisfy its own declaration; catching that here keeps the registry honest.
    (void)coerce(spec, *spec.default_value, SourceLocation{"registry default", 0, 0}, spec.path);
  }
  index_.emplace(spec.path, specs_.size());
  specs_.push_back(std::move(spec));
}

const ParamSpec* Registry::find(std::string_view path) const {
  const auto it = index_.find(normalize_path(path));
  return it == index_.end() ? nullptr : &specs_[it->second];
}

bool Registry::is_section(std::string_view name) const {
  return std::any_of(specs_.begin(), specs_.end(), [&](const ParamSpec& s) { return s.section() == name; });
}

bool Registry::is_array_section(std::string_view name) const {
  return std::any_of(specs_.begin(), specs_.end(),
                     [&](const ParamSpec& s) { return s.in_array() && s.section() == name; });
}

std::vector<std::string> Registry::sections() const {
  std::vector<std::string> out;
  for (const auto& s : specs_) {
    if (std::find(out.begin(), out.end(), s.section()) == out.end()) out.push_back(s.section());
  }
  return out;
}

std::vector<std::string> Registry::keys_of(std::string_view section) const {
  std::vector<std::string> out;
  for (const auto& s : specs_) {
    if (s.section() == section) out.push_back(s.key());
  }
  return out;
}

namespace {
std::string closest_of(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const auto d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}
}  // namespace

std::string Registry::closest_section(std::string_view name) const { return closest_of(name, sections()); }

std::string Registry::closest_key(std::string_view section, std::string_view key) const {
  return closest_of(key, keys_of(section));
}

Value Registry::coerce(const ParamSpec& spec, const Value& candidate, const SourceLocation& where,
                       std::string_view shown_key) const {
  const std::string key(shown_key);
  auto wrong_type = [&]() -> InputError {
    // A whole number written with a decimal point (4.0) reads as a float, which an integer key
    // refuses; "got 4" would hide why.
    if (const auto* d = std::get_if<double>(&candidate); d != nullptr && spec.type == ParamType::integer) {
      const bool whole = std::isfinite(*d) && *d == std::floor(*d) && std::abs(*d) < 1e15;
      return InputError(where, key,
                        fmt::format("expected {}, got {} (a float){}", spec.expectation(),
                                    whole ? fmt::format("{:.1f}", *d) : format_number(*d),
                                    whole ? fmt::format(": write {:.0f}", *d) : std::string()),
                        spec.description);
    }
    return InputError(where, key, fmt::format("expected {}, got {}", spec.expectation(), to_display(candidate)),
                      spec.description);
  };
  auto check_range = [&](double v, const std::string& shown) {
    if (!std::isfinite(v)) throw InputError(where, key, fmt::format("expected {}, got {}", spec.expectation(), v));
    if (v < spec.min || v > spec.max) {
      throw InputError(where, key, fmt::format("value {} is out of range: expected {}", shown, spec.expectation()),
                       spec.description);
    }
  };
  auto check_choice = [&](const std::string& s) {
    if (spec.choices.empty() || std::find(spec.choices.begin(), spec.choices.end(), s) != spec.choices.end()) return;
    const auto near = closest_of(s, spec.choices);
    throw InputError(where, key, fmt::format("\"{}\" is not valid: expected {}", s, spec.expectation()),
                     near.empty() ? spec.description : fmt::format("did you mean \"{}\"?", near));
  };

  switch (spec.type) {
    case ParamType::real: {
      double v = 0.0;
      std::string shown;
      if (const auto* d = std::get_if<double>(&candidate)) {
        v = *d;
        shown = format_number(v);
      } else if (const auto* i = std::get_if<std::int64_t>(&candidate)) {
        v = static_cast<double>(*i);
        shown = fmt::format("{}", *i);
      } else {
        throw wrong_type();
      }
      check_range(v, shown);
      return v;
    }
    case ParamType::integer: {
      const auto* i = std::get_if<std::int64_t>(&candidate);
      if (i == nullptr) throw wrong_type();
      // Shown as written: a large integer printed as a double (1e+17) is not what the user typed.
      check_range(static_cast<double>(*i), fmt::format("{}", *i));
      return *i;
    }
    case ParamType::boolean:
      if (!std::holds_alternative<bool>(candidate)) throw wrong_type();
      return candidate;
    case ParamType::choice:
    case ParamType::string: {
      const auto* s = std::get_if<std::string>(&candidate);
      if (s == nullptr) throw wrong_type();
      if (spec.type == ParamType::choice) check_choice(*s);
      return candidate;
    }
    case ParamType::string_list: {
      const auto* list = std::get_if<StringList>(&candidate);
      if (list == nullptr) throw wrong_type();
      for (const auto& s : *list) check_choice(s);
      return candidate;
    }
    case ParamType::number_list: {
      // An empty TOML array reads as an empty list of strings.
      if (const auto* strings = std::get_if<StringList>(&candidate); strings != nullptr && strings->empty())
        return NumberList{};
      const auto* list = std::get_if<NumberList>(&candidate);
      if (list == nullptr) throw wrong_type();
      for (const double v : *list) check_range(v, format_number(v));
      return candidate;
    }
  }
  throw wrong_type();
}

}  // namespace mnsim
