#include "app/validation_rows.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "core/csv_table.hpp"
#include "core/error.hpp"

namespace mnsim::app {

namespace fs = std::filesystem;

namespace {

constexpr std::array<const char*, 17> comparison_columns{
    "id",     "role", "calibrates", "case",      "scenario", "set",    "quantity", "time",       "measured",
    "spread", "low",  "high",       "band_rule", "unit",     "source", "tag",      "assumptions"};

const std::set<std::string> band_rules{"sd2",         "range",       "ci",         "fold2",   "fold3",
                                       "upper_bound", "lower_bound", "binomial95", "category"};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(separator, start), text.size());
    auto part = text.substr(start, end - start);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    if (!part.empty()) parts.push_back(std::move(part));
    start = end + 1;
  }
  return parts;
}

bool valid_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Role parse_role(const std::string& text, const SourceLocation& where) {
  if (text == "calibration") return Role::calibration;
  if (text == "validation") return Role::validation;
  throw InputError(where, "role", fmt::format("expected calibration or validation, got \"{}\"", text),
                   "calibration: a parameter was fitted to this number (name it in calibrates); validation: none was");
}

// A row's `set`: `key=value` overrides; the pseudo-key `compare` lists comparator procedures.
void parse_set(const std::vector<std::string>& assignments, RunSpec& run, const SourceLocation& where) {
  for (const auto& assignment : assignments) {
    const auto equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw InputError(where, "set", fmt::format("expected key=value, got \"{}\"", assignment),
                       "separate overrides with ';', as in device.needle_length_mm=1.5; protocol.sessions=3");
    }
    const auto key = assignment.substr(0, equals);
    const auto value = assignment.substr(equals + 1);
    if (key == "compare") {
      for (auto& name : split(value, ',')) run.compare.push_back(std::move(name));
    } else if (key == "command") {
      if (value != "simulate" && value != "plan") {
        throw InputError(where, "set", fmt::format("command={}: expected simulate or plan", value),
                         "command=plan runs a patient file through the planner and reads its plan.json");
      }
      run.command = value;
    } else {
      run.set.push_back(assignment);
    }
  }
  std::sort(run.compare.begin(), run.compare.end());
}

void check_provenance(const Provenance& p, const SourceLocation& where) {
  if (!valid_id(p.id)) throw InputError(where, "id", fmt::format("\"{}\" is not a slug of [a-z0-9_]", p.id));
  if (std::find(validation_modules.begin(), validation_modules.end(), p.module) == validation_modules.end()) {
    throw InputError(where, "module", fmt::format("unknown module \"{}\"", p.module),
                     "one of skin, mechanics, transport, response, comparators, plan");
  }
  if ((p.role == Role::calibration) == p.calibrates.empty()) {
    throw InputError(where, "calibrates",
                     p.role == Role::calibration ? "a calibration row names the parameters fitted to it"
                                                 : "a validation row has no parameter fitted to it",
                     "calibrates lists registry paths (or data files) for calibration rows only");
  }
  if (p.source.empty()) throw InputError(where, "source", "every row cites its source");
  if (p.tag != "V" && p.tag != "D" && p.tag != "M") {
    throw InputError(where, "tag", fmt::format("expected V, D or M, got \"{}\"", p.tag),
                     "V checked against the source, D derived from checked values, M from memory");
  }
}

std::optional<double> number_or_empty(const std::string& field, const SourceLocation& where, const char* column) {
  if (field.empty()) return std::nullopt;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc() || ptr != field.data() + field.size() || !std::isfinite(value)) {
    throw InputError(where, column, fmt::format("expected a number or nothing, got \"{}\"", field));
  }
  return value;
}

void check_band(const Band& band, bool category, const SourceLocation& where) {
  if (!band_rules.contains(band.rule)) {
    throw InputError(where, "band_rule", fmt::format("unknown rule \"{}\"", band.rule),
                     "one of sd2, range, ci, fold2, fold3, upper_bound, lower_bound, binomial95, category "
                     "(data/validation/README.md)");
  }
  if (category != (band.rule == "category")) {
    throw InputError(where, "band_rule", "a word is compared by the rule category, and only a word is");
  }
  if (!category && !band.low && !band.high) throw InputError(where, "low", "a numeric row needs low or high");
  if (band.low && band.high && *band.low > *band.high) throw InputError(where, "low", "low is above high");
}

void read_comparisons(const fs::path& file, const std::string& module, ValidationData& data) {
  read_csv_table<17>(file, comparison_columns, [&](const auto& f, const CsvRowContext& context) {
    const SourceLocation where{context.file, static_cast<int>(context.line), 0};
    ComparisonRow row;
    row.about = {.id = f[0],
                 .module = module,
                 .role = parse_role(f[1], where),
                 .calibrates = split(f[2], ';'),
                 .source = f[14],
                 .tag = f[15],
                 .assumptions = f[16],
                 .file = context.file,
                 .line = static_cast<int>(context.line)};
    check_provenance(row.about, where);
    row.case_name = f[3];
    row.run.scenario = f[4];
    if (row.run.scenario.empty()) throw InputError(where, "scenario", "every row names the scenario it runs");
    parse_set(split(f[5], ';'), row.run, where);
    row.quantity = f[6];
    if (row.quantity.empty()) throw InputError(where, "quantity", "every row names the summary.json path it reads");
    row.time = f[7];
    row.measured_text = f[8];
    row.spread = f[9];
    row.band = {number_or_empty(f[10], where, "low"), number_or_empty(f[11], where, "high"), f[12]};
    row.unit = f[13];
    const bool category = row.band.rule == "category";
    if (!category) row.measured = number_or_empty(f[8], where, "measured");
    if (category && row.measured_text.empty()) throw InputError(where, "measured", "a category row names its word");
    check_band(row.band, category, where);
    data.rows.push_back(std::move(row));
  });
}

SourceLocation location_of(const toml::source_region& region, const std::string& file) {
  return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

template <typename T>
T required(const toml::table& table, const char* key, const std::string& file, const char* what) {
  const auto value = table[key].value<T>();
  if (!value) {
    throw InputError(location_of(table.source(), file), key, fmt::format("{} needs {}", what, key),
                     "see the trial format in data/validation/README.md");
  }
  return *value;
}

std::vector<std::string> string_list(const toml::table& table, const char* key) {
  std::vector<std::string> out;
  if (const auto* array = table[key].as_array()) {
    for (const auto& item : *array) {
      if (const auto text = item.value<std::string>()) out.push_back(*text);
    }
  }
  return out;
}

Band band_of(const toml::table& table, const std::string& file) {
  Band band{table["low"].value<double>(), table["high"].value<double>(), table["band_rule"].value_or(std::string())};
  check_band(band, false, location_of(table.source(), file));
  return band;
}

TrialArm read_arm(const toml::table& table, const std::string& file) {
  const auto where = location_of(table.source(), file);
  TrialArm arm;
  arm.name = required<std::string>(table, "name", file, "an arm");
  arm.run.scenario = required<std::string>(table, "scenario", file, "an arm");
  parse_set(string_list(table, "set"), arm.run, where);
  arm.n = static_cast<int>(required<std::int64_t>(table, "n", file, "an arm"));
  if (arm.n < 1) throw InputError(where, "n", "an arm has at least one patient");
  if (const auto* mix = table["fitzpatrick"].as_table()) {
    for (const auto& [type, share] : *mix) {
      const int t = std::atoi(std::string(type.str()).c_str());
      const auto w = share.value<double>();
      if (t < 1 || t > 6 || !w || *w < 0.0) {
        throw InputError(where, "fitzpatrick", "types 1 to 6, each with a count or share of at least 0");
      }
      arm.fitzpatrick[t] = *w;
    }
  }
  double total = 0.0;
  for (const auto& [type, w] : arm.fitzpatrick) total += w;
  if (arm.fitzpatrick.empty() || total <= 0.0) {
    throw InputError(where, "fitzpatrick", "an arm gives its Fitzpatrick mix",
                     R"(fitzpatrick = { "3" = 20, "4" = 16 })");
  }
  arm.female_share = table["female_share"].value_or(0.5);
  if (arm.female_share < 0.0 || arm.female_share > 1.0) throw InputError(where, "female_share", "a share from 0 to 1");
  arm.age_y = table["age_y"].value<double>();
  return arm;
}

TrialEndpoint read_endpoint(const toml::table& table, const std::string& file) {
  const auto where = location_of(table.source(), file);
  TrialEndpoint e;
  const auto kind = table["kind"].value_or(std::string("events"));
  e.case_name = required<std::string>(table, "case", file, "an endpoint");
  e.quantity = required<std::string>(table, "quantity", file, "an endpoint");
  e.time = table["time"].value_or(std::string());
  e.unit = table["unit"].value_or(std::string());
  e.spread = table["spread"].value_or(std::string());
  if (kind == "events") {
    e.kind = EndpointKind::events;
    e.arm = required<std::string>(table, "arm", file, "an events endpoint");
    e.events = static_cast<int>(required<std::int64_t>(table, "events", file, "an events endpoint"));
  } else if (kind == "ordering") {
    e.kind = EndpointKind::ordering;
    e.greater = required<std::string>(table, "greater", file, "an ordering endpoint");
    e.lesser = required<std::string>(table, "lesser", file, "an ordering endpoint");
    e.greater_quantity = table["greater_quantity"].value_or(e.quantity);
    e.lesser_quantity = table["lesser_quantity"].value_or(e.quantity);
    e.band = {1.0, std::nullopt, "ordering"};
  } else if (kind == "ratio") {
    e.kind = EndpointKind::ratio;
    e.greater = required<std::string>(table, "numerator", file, "a ratio endpoint");
    e.lesser = required<std::string>(table, "denominator", file, "a ratio endpoint");
    e.greater_quantity = table["numerator_quantity"].value_or(e.quantity);
    e.lesser_quantity = table["denominator_quantity"].value_or(e.quantity);
    e.measured = table["measured"].value<double>();
    e.band = band_of(table, file);
  } else if (kind == "value") {
    e.kind = EndpointKind::value;
    e.arm = required<std::string>(table, "arm", file, "a value endpoint");
    e.measured = table["measured"].value<double>();
    e.band = band_of(table, file);
  } else {
    throw InputError(where, "kind", fmt::format("unknown endpoint kind \"{}\"", kind),
                     "events, ordering, ratio or value");
  }
  return e;
}

void read_trial(const fs::path& path, ValidationData& data) {
  const auto file = path.string();
  toml::table root;
  try {
    root = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw InputError(location_of(e.source(), file), "", fmt::format("not valid TOML: {}", e.description()));
  }
  Trial trial;
  trial.about = {.id = required<std::string>(root, "id", file, "a trial"),
                 .module = required<std::string>(root, "module", file, "a trial"),
                 .role = parse_role(required<std::string>(root, "role", file, "a trial"), {file, 0, 0}),
                 .calibrates = string_list(root, "calibrates"),
                 .source = root["source"].value_or(std::string()),
                 .tag = root["tag"].value_or(std::string()),
                 .assumptions = root["assumptions"].value_or(std::string()),
                 .file = file,
                 .line = 0};
  check_provenance(trial.about, {file, 0, 0});
  if (const auto* arms = root["arm"].as_array()) {
    for (const auto& node : *arms) {
      if (const auto* table = node.as_table()) trial.arms.push_back(read_arm(*table, file));
    }
  }
  if (const auto* endpoints = root["endpoint"].as_array()) {
    for (const auto& node : *endpoints) {
      if (const auto* table = node.as_table()) trial.endpoints.push_back(read_endpoint(*table, file));
    }
  }
  if (trial.arms.empty() || trial.endpoints.empty()) {
    throw InputError({file, 0, 0}, "arm", "a trial has at least one [[arm]] and one [[endpoint]]");
  }
  for (const auto& e : trial.endpoints) {
    for (const auto* name : {&e.arm, &e.greater, &e.lesser}) {
      if (!name->empty()) (void)trial.arm(*name);
    }
    if (e.kind == EndpointKind::events && (e.events < 0 || e.events > trial.arm(e.arm).n)) {
      throw InputError({file, 0, 0}, "events",
                       fmt::format("{}: events must lie between 0 and the arm's n", e.case_name));
    }
  }
  data.trials.push_back(std::move(trial));
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // directory order differs between file systems
  return files;
}

}  // namespace

const char* role_name(Role role) { return role == Role::calibration ? "calibration" : "validation"; }

const TrialArm& Trial::arm(const std::string& name) const {
  for (const auto& a : arms) {
    if (a.name == name) return a;
  }
  throw InputError({about.file, 0, 0}, "arm", fmt::format("trial {} has no arm \"{}\"", about.id, name));
}

ValidationData read_validation_data(const fs::path& validation_dir) {
  ValidationData data;
  for (const auto& module : validation_modules) {
    const auto file = validation_dir / "comparisons" / (module + ".csv");
    if (fs::exists(file)) read_comparisons(file, module, data);
  }
  for (const auto& file : files_in(validation_dir / "trials", ".toml")) read_trial(file, data);
  if (const auto reasons = validation_dir / "miss_reasons.csv"; fs::exists(reasons)) {
    read_csv_table<2>(reasons, std::array<const char*, 2>{"id", "reason"},
                      [&](const auto& f, const CsvRowContext&) { data.miss_reasons[f[0]] = f[1]; });
  }
  if (const auto criteria = validation_dir / "criteria.csv"; fs::exists(criteria))
    data.criteria = read_criteria(criteria);
  std::set<std::string> ids;
  const auto unique = [&](const Provenance& p) {
    if (!ids.insert(p.id).second) {
      throw InputError({p.file, p.line, 0}, "id", fmt::format("the id \"{}\" is used twice", p.id),
                       "ids are unique over every comparison row and trial");
    }
  };
  for (const auto& row : data.rows) unique(row.about);
  for (const auto& trial : data.trials) unique(trial.about);
  // Reports name files from the repository root (data/validation/...), the same on every machine.
  const auto root = validation_dir.parent_path().parent_path();
  for (auto* p : [&] {
         std::vector<Provenance*> all;
         for (auto& row : data.rows) all.push_back(&row.about);
         for (auto& trial : data.trials) all.push_back(&trial.about);
         return all;
       }()) {
    p->file = fs::path(p->file).lexically_relative(root).generic_string();
  }
  return data;
}

Band wilson_band(int events, int n) {
  constexpr double z = 1.96;
  const double p = static_cast<double>(events) / n;
  const double denominator = 1.0 + z * z / n;
  const double centre = (p + z * z / (2.0 * n)) / denominator;
  const double half = z * std::sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n)) / denominator;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half), "binomial95"};
}

}  // namespace mnsim::app
