#include "core/parameter_set.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace mnsim {

void ParameterSet::set(const std::string& path, Value value, SourceLocation origin) {
  entries_.insert_or_assign(path, Entry{std::move(value), std::move(origin)});
}

bool ParameterSet::has(std::string_view path) const { return entries_.find(path) != entries_.end(); }

const ParameterSet::Entry& ParameterSet::entry(std::string_view path) const {
  const auto it = entries_.find(path);
  // Asking for an undeclared or unset key is a programming error, not bad input.
  if (it == entries_.end()) throw std::logic_error(fmt::format("parameter not set: {}", path));
  return it->second;
}

namespace {
template <typename T>
const T& get_as(const ParameterSet::Entry& e, std::string_view path) {
  const auto* v = std::get_if<T>(&e.value);
  if (v == nullptr) throw std::logic_error(fmt::format("parameter {} has another type", path));
  return *v;
}
}  // namespace

double ParameterSet::real(std::string_view path) const { return get_as<double>(entry(path), path); }
std::int64_t ParameterSet::integer(std::string_view path) const { return get_as<std::int64_t>(entry(path), path); }
bool ParameterSet::boolean(std::string_view path) const { return get_as<bool>(entry(path), path); }
const std::string& ParameterSet::text(std::string_view path) const { return get_as<std::string>(entry(path), path); }
const StringList& ParameterSet::list(std::string_view path) const { return get_as<StringList>(entry(path), path); }
const NumberList& ParameterSet::numbers(std::string_view path) const { return get_as<NumberList>(entry(path), path); }

void ParameterSet::add_array_element(const std::string& section, SourceLocation header) {
  arrays_[section].push_back(std::move(header));
}

std::size_t ParameterSet::array_size(std::string_view section) const {
  const auto it = arrays_.find(section);
  return it == arrays_.end() ? 0 : it->second.size();
}

const SourceLocation& ParameterSet::array_element_origin(std::string_view section, std::size_t index) const {
  return arrays_.find(section)->second.at(index);
}

void ParameterSet::complete(const Registry& registry, const std::string& file) {
  for (const auto& spec : registry.specs()) {
    if (!spec.in_array()) {
      if (has(spec.path)) continue;
      if (spec.default_value) {
        set(spec.path, *spec.default_value, {});
      } else if (spec.required()) {
        throw InputError({file, 0, 0}, spec.path, "required key is missing",
                         fmt::format("add it under [{}]: {} = <{}>", spec.section(), spec.key(), spec.expectation()));
      }
      continue;
    }
    const std::string section = spec.section();
    for (std::size_t i = 0; i < array_size(section); ++i) {
      const std::string path = fmt::format("{}[{}].{}", section, i, spec.key());
      if (has(path)) continue;
      if (spec.default_value) {
        set(path, *spec.default_value, {});
      } else if (spec.required()) {
        throw InputError(array_element_origin(section, i), path, "required key is missing",
                         fmt::format("add {} = <{}> to this [[{}]]", spec.key(), spec.expectation(), section));
      }
    }
  }
}

}  // namespace mnsim
