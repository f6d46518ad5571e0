#pragma once
// The values of one run: every registry key resolved to a value, with where each came from.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/registry.hpp"
#include "core/value.hpp"

namespace mnsim {

class ParameterSet {
 public:
  struct Entry {
    Value value;
    SourceLocation origin;  // empty file for registry defaults
  };

  // Stores a value that has already been checked against the registry.
  void set(const std::string& path, Value value, SourceLocation origin);
  [[nodiscard]] bool has(std::string_view path) const;
  [[nodiscard]] const Entry& entry(std::string_view path) const;

  [[nodiscard]] double real(std::string_view path) const;
  [[nodiscard]] std::int64_t integer(std::string_view path) const;
  [[nodiscard]] bool boolean(std::string_view path) const;
  [[nodiscard]] const std::string& text(std::string_view path) const;
  [[nodiscard]] const StringList& list(std::string_view path) const;
  [[nodiscard]] const NumberList& numbers(std::string_view path) const;

  // Array-of-tables elements ([[product]]): how many, and where each element's header is.
  void add_array_element(const std::string& section, SourceLocation header);
  [[nodiscard]] std::size_t array_size(std::string_view section) const;
  [[nodiscard]] const SourceLocation& array_element_origin(std::string_view section, std::size_t index) const;

  [[nodiscard]] const std::map<std::string, Entry, std::less<>>& entries() const { return entries_; }

  // Fills every unset key with its default; throws InputError naming the first missing
  // required key. `file` locates errors about keys missing from the whole file.
  void complete(const Registry& registry, const std::string& file);

 private:
  std::map<std::string, Entry, std::less<>> entries_;
  std::map<std::string, std::vector<SourceLocation>, std::less<>> arrays_;
};

}  // namespace mnsim
