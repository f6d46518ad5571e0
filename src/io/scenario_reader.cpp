#include "io/scenario_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

namespace mnsim::io {

namespace {

SourceLocation location_of(const toml::source_region& region, const std::string& file) {
  return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

// The TOML value as a registry Value; nullopt for shapes no scenario key takes (tables, dates,
// lists that mix strings and numbers or hold anything else).
std::optional<Value> to_value(const toml::node& node) {
  if (const auto* v = node.as_floating_point()) return Value{v->get()};
  if (const auto* v = node.as_integer()) return Value{v->get()};
  if (const auto* v = node.as_boolean()) return Value{v->get()};
  if (const auto* v = node.as_string()) return Value{v->get()};
  if (const auto* array = node.as_array()) {
    StringList strings;
    NumberList numbers;
    for (const auto& element : *array) {
      if (const auto* s = element.as_string()) {
        strings.push_back(s->get());
      } else if (const auto* d = element.as_floating_point()) {
        numbers.push_back(d->get());
      } else if (const auto* i = element.as_integer()) {
        numbers.push_back(static_cast<double>(i->get()));
      } else {
        return std::nullopt;
      }
    }
    if (!strings.empty() && !numbers.empty()) return std::nullopt;
    if (!numbers.empty()) return Value{std::move(numbers)};
    return Value{std::move(strings)};
  }
  return std::nullopt;
}

void check_is_text(std::string_view text, const std::string& file) {
  int line = 1;
  int column = 1;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0 || (byte < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
      throw InputError({file, line, column}, "", fmt::format("this is not a text file (control byte 0x{:02x})", byte),
                       "a scenario is a TOML text file; see examples/default.toml");
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

// Byte offset of a toml++ position (1-based line, and column in code points) in `text`.
std::size_t offset_of(std::string_view text, const toml::source_position& position) {
  std::size_t at = 0;
  for (toml::source_index line = 1; line < position.line && at < text.size(); ++line) {
    at = text.find('\n', at);
    at = at == std::string_view::npos ? text.size() : at + 1;
  }
  for (toml::source_index column = 1; column < position.column && at < text.size(); ++column) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0U) == 0x80U) ++at;  // UTF-8 continuation
  }
  return at;
}

// An optional sign and decimal digits (TOML's underscores between them included).
bool is_integer_literal(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0 &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string unknown_section_hint(const Registry& registry, std::string_view name) {
  if (auto near = registry.closest_section(name); !near.empty()) return fmt::format("did you mean [{}]?", near);
  return fmt::format("valid sections: {}", fmt::join(registry.sections(), ", "));
}

std::string unknown_key_hint(const Registry& registry, std::string_view section, std::string_view key) {
  if (auto near = registry.closest_key(section, key); !near.empty()) return fmt::format("did you mean {}?", near);
  return fmt::format("valid keys in [{}]: {}", section, fmt::join(registry.keys_of(section), ", "));
}

void read_table(const toml::table& table, const std::string& section, const std::string& path_prefix,
                const std::string& file, const Registry& registry, ParameterSet& parameters) {
  for (const auto& [key, node] : table) {
    const std::string key_text(key.str());
    const std::string path = path_prefix + "." + key_text;
    const ParamSpec* spec = registry.find(path);
    if (spec == nullptr) {
      throw InputError(location_of(key.source(), file), path,
                       fmt::format("unknown key \"{}\" in [{}]", key_text, section),
                       unknown_key_hint(registry, section, key_text));
    }
    const auto where = location_of(node.source(), file);
    const auto value = to_value(node);
    if (!value) {
      throw InputError(where, path, fmt::format("expected {}, got {}", spec->expectation(), toml_type_name(node)),
                       spec->description);
    }
    parameters.set(path, registry.coerce(*spec, *value, where, path), where);
  }
}

}  // namespace

ParameterSet read_scenario_text(std::string_view text, const std::string& file, const Registry& registry) {
  check_is_text(text, file);
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(location_of(e.source(), file), "", fmt::format("not valid TOML: {}", e.description()),
                     "check quotes, brackets and '=' on that line; see examples/default.toml");
  }
  if (root.empty()) {
    throw InputError({file, 0, 0}, "", "the scenario is empty (no sections, no keys)",
                     "start from examples/default.toml; every key has a default, so [patient] alone is enough");
  }

  ParameterSet parameters;
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    const auto where = location_of(key.source(), file);
    if (!registry.is_section(name)) {
      throw InputError(where, name,
                       node.is_table() || node.is_array_of_tables()
                           ? fmt::format("unknown section [{}]", name)
                           : fmt::format("unknown top-level key \"{}\" (keys belong in a [section])", name),
                       unknown_section_hint(registry, name));
    }
    if (registry.is_array_section(name)) {
      const auto* array = node.as_array();
      if (array == nullptr || !array->is_array_of_tables()) {
        throw InputError(where, name, fmt::format("[{0}] is a list: write each entry as [[{0}]]", name));
      }
      for (const auto& element : *array) {
        const std::size_t index = parameters.array_size(name);
        parameters.add_array_element(name, location_of(element.source(), file));
        read_table(*element.as_table(), name, fmt::format("{}[{}]", name, index), file, registry, parameters);
      }
      continue;
    }
    const auto* table = node.as_table();
    if (table == nullptr) {
      throw InputError(where, name,
                       fmt::format("\"{}\" is a section: write it as [{}] followed by its keys", name, name));
    }
    read_table(*table, name, name, file, registry, parameters);
  }
  return parameters;
}

ParameterSet read_scenario_file(const std::filesystem::path& file, const Registry& registry) {
  const std::string shown = file.string();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    // exists() is false for a path it cannot follow too: say why (ELOOP: a loop of symbolic links).
    if (ec == std::errc::too_many_symbolic_link_levels) {
      throw InputError({shown, 0, 0}, "", fmt::format("a loop of symbolic links ({})", ec.message()),
                       "point the link at the scenario file itself");
    }
    if (ec) throw InputError({shown, 0, 0}, "", fmt::format("cannot read the file: {}", ec.message()));
    throw InputError({shown, 0, 0}, "", "file not found", "check the path; example scenarios are in examples/");
  }
  if (std::filesystem::is_directory(file, ec)) {
    throw InputError({shown, 0, 0}, "", "this is a directory, not a scenario file", "pass a .toml file");
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw InputError({shown, 0, 0}, "", fmt::format("cannot read the file: {}", ec.message()));
  if (size > max_scenario_bytes) {
    throw InputError({shown, 0, 0}, "",
                     fmt::format("file is {:.1f} MB; scenario files are at most 1 MB", static_cast<double>(size) / 1e6),
                     "is this the right file? a scenario is a short TOML text");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError({shown, 0, 0}, "", "cannot open the file for reading", "check its permissions");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return read_scenario_text(buffer.str(), shown, registry);
}

void apply_override(ParameterSet& parameters, const Registry& registry, std::string_view assignment,
                    const std::string& origin) {
  const SourceLocation where{origin, 0, 0};
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    throw InputError(where, std::string(assignment), "expected dotted.path=value",
                     "for example --set patient.age_y=45");
  }
  const std::string path(assignment.substr(0, equals));
  const std::string text(assignment.substr(equals + 1));
  const ParamSpec* spec = registry.find(path);
  if (spec == nullptr) {
    std::string near;
    std::size_t best = std::max<std::size_t>(2, path.size() / 3) + 1;
    for (const auto& s : registry.specs()) {
      if (const auto d = edit_distance(normalize_path(path), s.path); d < best) {
        best = d;
        near = s.path;
      }
    }
    throw InputError(where, path, "unknown parameter",
                     near.empty() ? "list them with: mnsim params" : fmt::format("did you mean {}?", near));
  }
  if (spec->in_array()) {
    // "product[N].key": N may name an existing entry or append the next one.
    const auto open = path.find('[');
    const auto close = path.find(']');
    std::size_t index = 0;
    const auto digits = path.substr(open + 1, close - open - 1);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw InputError(where, path, "an entry of a list needs its index",
                       fmt::format("for example {}[0].{}", spec->section(), spec->key()));
    }
    const auto size = parameters.array_size(spec->section());
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (ec != std::errc() || end != digits.data() + digits.size() || index > size) {
      throw InputError(where, path,
                       fmt::format("index {} is out of range: [[{}]] has {} entries, so the index is from 0 to {}",
                                   digits, spec->section(), size, size),
                       fmt::format("{} adds the next entry", size));
    }
    if (index == size) parameters.add_array_element(spec->section(), where);
  }
  Value value{text};
  const std::string line = "v = " + text;
  try {
    const auto parsed = toml::parse(line);
    const auto& node = *parsed.get("v");
    // TOML stops at the value: a comment or another line after it would be dropped unseen.
    const auto rest = line.substr(offset_of(line, node.source().end));
    if (parsed.size() != 1 || rest.find_first_not_of(" \t\r\n") != std::string::npos) {
      throw InputError(where, path, fmt::format("unexpected text after the value: \"{}\"", text),
                       fmt::format("give one value, e.g. {}=<{}>", path, spec->expectation()));
    }
    if (auto converted = to_value(node)) value = std::move(*converted);
  } catch (const toml::parse_error&) {
    // Not a TOML value: the text itself, as a string (bare words such as site names); a number
    // too long for 64 bits is still a number, and reads as one in the message.
    if (is_integer_literal(text) && (spec->type == ParamType::integer || spec->type == ParamType::real)) {
      throw InputError(where, path, fmt::format("value {} is out of range: expected {}", text, spec->expectation()),
                       spec->description);
    }
  }
  parameters.set(path, registry.coerce(*spec, value, where, path), where);
}

}  // namespace mnsim::io
