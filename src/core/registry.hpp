#pragma once
// The parameter registry: every scenario key and model parameter declared once, with its unit,
// valid range or choices, default and literature source. It drives scenario validation,
// --set overrides, the resolved scenario written to each run and docs/scenario.md.
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/value.hpp"

namespace mnsim {

enum class ParamType { real, integer, boolean, choice, string, string_list, number_list };

// Name of a type as an error message says it: "a number", "an integer", ...
std::string_view describe_type(ParamType type);

struct ParamSpec {
  // Dotted path. Members of an array of tables ([[product]]) are written "product[].name".
  std::string path;
  ParamType type = ParamType::real;
  std::string unit;  // SI-like unit string ("um", "y", "mg/cm2"); empty when dimensionless
  double min = -std::numeric_limits<double>::infinity();  // inclusive, numeric types only
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;    // choice and string_list; empty list = any string
                                       // (min and max bound each number of a number_list)
  std::optional<Value> default_value;  // absent: the key is required (or optional, below)
  bool optional = false;               // no default and may stay unset (e.g. user overrides)
  std::string description;             // one line for docs and error messages
  std::string source;                  // literature source of the default and range

  [[nodiscard]] bool required() const { return !default_value && !optional; }
  [[nodiscard]] bool in_array() const;        // member of an array of tables
  [[nodiscard]] std::string section() const;  // "patient", "product" (without [])
  [[nodiscard]] std::string key() const;      // last component: "age_y"
  // "a number from 0 to 120 y", "one of: human, pig, rat", ...
  [[nodiscard]] std::string expectation() const;
};

class Registry {
 public:
  // Declares a parameter. A second declaration of the same path is a programming error.
  void add(ParamSpec spec);

  // Looks a concrete path up ("product[2].name" finds "product[].name"); nullptr if unknown.
  [[nodiscard]] const ParamSpec* find(std::string_view path) const;
  [[nodiscard]] const std::vector<ParamSpec>& specs() const { return specs_; }

  [[nodiscard]] bool is_section(std::string_view name) const;
  [[nodiscard]] bool is_array_section(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> sections() const;
  [[nodiscard]] std::vector<std::string> keys_of(std::string_view section) const;

  // The closest declared name, for "did you mean" hints; empty when nothing is close.
  [[nodiscard]] std::string closest_section(std::string_view name) const;
  [[nodiscard]] std::string closest_key(std::string_view section, std::string_view key) const;

  // Checks a candidate value against its spec and returns it in canonical form (integers
  // accepted where a real is expected). Throws InputError naming `where` and the key.
  [[nodiscard]] Value coerce(const ParamSpec& spec, const Value& candidate, const SourceLocation& where,
                             std::string_view shown_key) const;

 private:
  std::vector<ParamSpec> specs_;
  std::unordered_map<std::string, std::size_t> index_;
};

// Replaces "[N]" by "[]" so concrete array paths match their declaration.
std::string normalize_path(std::string_view path);

// Levenshtein distance; small and specific enough that no library is worth pulling in for it.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace mnsim
