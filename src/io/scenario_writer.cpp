#include "io/scenario_writer.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <sstream>

#include "core/version.hpp"

namespace mnsim::io {

namespace {

void insert_value(toml::table& table, const std::string& key, const Value& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, StringList> || std::is_same_v<T, NumberList>) {
          toml::array array;
          for (const auto& element : v) array.push_back(element);
          table.insert_or_assign(key, std::move(array));
        } else {
          table.insert_or_assign(key, v);
        }
      },
      value);
}

}  // namespace

std::string resolved_scenario_toml(const ParameterSet& parameters, const Registry& registry) {
  std::ostringstream out;
  out << fmt::format("# Resolved scenario written by mnsim {}: every value this run used, defaults included.\n",
                     version_string);
  out << "# Run it again with: mnsim simulate scenario.resolved.toml\n\n";
  for (const auto& section : registry.sections()) {
    if (registry.is_array_section(section)) {
      toml::array elements;
      for (std::size_t i = 0; i < parameters.array_size(section); ++i) {
        toml::table element;
        for (const auto& spec : registry.specs()) {
          if (spec.section() != section) continue;
          const auto path = fmt::format("{}[{}].{}", section, i, spec.key());
          if (parameters.has(path)) insert_value(element, spec.key(), parameters.entry(path).value);
        }
        elements.push_back(std::move(element));
      }
      if (!elements.empty()) {
        toml::table wrapper;
        wrapper.insert(section, std::move(elements));
        out << toml::toml_formatter(wrapper) << "\n\n";
      }
      continue;
    }
    toml::table table;
    for (const auto& spec : registry.specs()) {
      if (spec.section() == section && parameters.has(spec.path))
        insert_value(table, spec.key(), parameters.entry(spec.path).value);
    }
    if (table.empty()) continue;
    toml::table wrapper;
    wrapper.insert(section, std::move(table));
    out << toml::toml_formatter(wrapper) << "\n\n";
  }
  return out.str();
}

}  // namespace mnsim::io
