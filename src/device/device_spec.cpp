#include "device/device_spec.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <numbers>

#include "core/csv_table.hpp"
#include "core/error.hpp"

namespace mnsim::device {

DeviceType device_type_from(const std::string& name) {
  if (name == "pen") return DeviceType::pen;
  if (name == "roller") return DeviceType::roller;
  if (name == "stamp") return DeviceType::stamp;
  if (name == "patch") return DeviceType::patch;
  throw DataError("unknown device type " + name);
}

const char* device_type_name(DeviceType type) {
  switch (type) {
    case DeviceType::pen:
      return "pen";
    case DeviceType::roller:
      return "roller";
    case DeviceType::stamp:
      return "stamp";
    case DeviceType::patch:
      return "patch";
  }
  return "unknown";
}

Catalog Catalog::load(const std::filesystem::path& data_dir) {
  Catalog catalog;
  const auto dir = data_dir / "devices";
  read_csv_table<17>(dir / "catalog.csv",
                     {"name", "type", "needles", "needle_length_mm", "needle_diameter_um", "tip_radius_um",
                      "tip_half_angle_deg", "pitch_mm", "rows", "drum_diameter_mm", "drum_width_mm", "head_diameter_mm",
                      "frequency_hz", "max_depth_mm", "material", "source", "tag"},
                     [&](const auto& f, const CsvRowContext& where) {
                       CatalogEntry e;
                       e.name = f[0];
                       e.type = device_type_from(f[1]);
                       e.needles = csv_optional_number(f[2], where, "needles");
                       e.needle_length_mm = csv_optional_number(f[3], where, "needle_length_mm");
                       e.needle_diameter_um = csv_optional_number(f[4], where, "needle_diameter_um");
                       e.tip_radius_um = csv_optional_number(f[5], where, "tip_radius_um");
                       e.tip_half_angle_deg = csv_optional_number(f[6], where, "tip_half_angle_deg");
                       e.pitch_mm = csv_optional_number(f[7], where, "pitch_mm");
                       e.rows = csv_optional_number(f[8], where, "rows");
                       e.drum_diameter_mm = csv_optional_number(f[9], where, "drum_diameter_mm");
                       e.drum_width_mm = csv_optional_number(f[10], where, "drum_width_mm");
                       e.head_diameter_mm = csv_optional_number(f[11], where, "head_diameter_mm");
                       e.frequency_hz = csv_optional_number(f[12], where, "frequency_hz");
                       e.max_depth_mm = csv_optional_number(f[13], where, "max_depth_mm");
                       e.material = f[14];
                       e.source = f[15];
                       catalog.entries_.push_back(std::move(e));
                     });
  read_csv_table<4>(dir / "gauges.csv", {"gauge", "outer_diameter_um", "source", "tag"},
                    [&](const auto& f, const CsvRowContext& where) {
                      catalog.gauges_um_[static_cast<int>(csv_number(f[0], where, "gauge"))] =
                          csv_number(f[1], where, "outer_diameter_um");
                    });
  return catalog;
}

const CatalogEntry* Catalog::find(const std::string& name) const {
  for (const auto& e : entries_) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::vector<std::string> Catalog::names() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) out.push_back(e.name);
  return out;
}

std::optional<double> Catalog::gauge_diameter_um(int gauge) const {
  const auto it = gauges_um_.find(gauge);
  return it == gauges_um_.end() ? std::nullopt : std::optional<double>(it->second);
}

double DeviceSpec::tip_length_um() const {
  const double half_angle = tip_half_angle_deg * std::numbers::pi / 180.0;
  return std::max(0.0, (0.5 * needle_diameter_um - tip_radius_um) / std::tan(half_angle));
}

double DeviceSpec::radius_at_um(double height_above_tip_um) const {
  const double half_angle = tip_half_angle_deg * std::numbers::pi / 180.0;
  const double r = tip_radius_um + std::max(0.0, height_above_tip_um) * std::tan(half_angle);
  return std::min(r, 0.5 * needle_diameter_um);
}

namespace {

// The scenario value of a key if set, else the catalog model's, else the generic model's of the
// same type (a documented assumption), else an InputError naming the key.
class Resolver {
 public:
  Resolver(const ParameterSet& p, const CatalogEntry& model, const CatalogEntry* generic)
      : parameters_(p), model_(model), generic_(generic) {}

  double number(const std::string& key, std::optional<double> CatalogEntry::*field) {
    const std::string path = "device." + key;
    if (parameters_.has(path)) {
      const auto& v = parameters_.entry(path).value;
      return std::holds_alternative<std::int64_t>(v) ? static_cast<double>(std::get<std::int64_t>(v))
                                                     : std::get<double>(v);
    }
    if (model_.*field) return *(model_.*field);
    if (generic_ != nullptr && generic_->*field) {
      used_generic_ = true;
      return *(generic_->*field);
    }
    throw InputError({}, path,
                     fmt::format("the {} \"{}\" has no value for {}", device_type_name(model_.type), model_.name, key),
                     fmt::format("set it in [device]: {} = ...", key));
  }
  [[nodiscard]] bool used_generic() const { return used_generic_; }

 private:
  const ParameterSet& parameters_;
  const CatalogEntry& model_;
  const CatalogEntry* generic_;
  bool used_generic_ = false;
};

void refuse(const ParameterSet& p, const std::string& key, const std::string& message, const std::string& hint) {
  const std::string path = "device." + key;
  const SourceLocation where = p.has(path) ? p.entry(path).origin : SourceLocation{};
  throw InputError(where, path, message, hint);
}

// The key to blame for needles closer than their diameter: the one the scenario set. A roller's
// spacing is not pitch_mm (ignored for rollers) but the drum's: its width over the rows, or its
// circumference over the needles of a row, whichever is smaller.
std::string spacing_key(const ParameterSet& p, const DeviceSpec& d) {
  const auto set = [&](const char* key) {
    const std::string path = fmt::format("device.{}", key);
    return p.has(path) && !p.entry(path).origin.file.empty();
  };
  std::vector<const char*> keys;
  if (d.type == DeviceType::roller) {
    const bool across = d.drum_width_mm / d.rows <= std::numbers::pi * d.drum_diameter_mm / (d.needles / d.rows);
    keys = across ? std::vector<const char*>{"rows", "drum_width_mm"}
                  : std::vector<const char*>{"needles", "rows", "drum_diameter_mm"};
  } else {
    keys = {"pitch_mm"};
  }
  keys.insert(keys.end(), {"needle_diameter_um", "gauge"});
  for (const char* key : keys)
    if (set(key)) return key;
  return keys.front();
}

}  // namespace

DeviceSpec resolve_device(const ParameterSet& parameters, const Catalog& catalog) {
  const auto type = device_type_from(parameters.text("device.type"));
  std::string model = parameters.text("device.model");
  if (model.empty()) model = fmt::format("generic_{}", device_type_name(type));
  const CatalogEntry* entry = catalog.find(model);
  if (entry == nullptr) {
    refuse(parameters, "model", fmt::format("no device \"{}\" in the catalog", model),
           fmt::format("catalog devices: {}", fmt::join(catalog.names(), ", ")));
  }
  // A named model brings its own type; saying another type in the file is a contradiction.
  const bool model_given = !parameters.text("device.model").empty();
  const bool type_given = !parameters.entry("device.type").origin.file.empty();
  if (model_given && type_given && entry->type != type) {
    refuse(parameters, "type",
           fmt::format("device.model \"{}\" is a {}, not a {}", model, device_type_name(entry->type),
                       device_type_name(type)),
           "remove device.type or choose a matching model");
  }

  Resolver r(parameters, *entry, catalog.find(fmt::format("generic_{}", device_type_name(entry->type))));
  DeviceSpec d;
  d.model = entry->name;
  d.type = entry->type;
  d.sources.push_back(entry->source);
  d.needles = static_cast<int>(std::lround(r.number("needles", &CatalogEntry::needles)));
  if (parameters.has("device.gauge")) {
    const auto gauge = static_cast<int>(parameters.integer("device.gauge"));
    const auto diameter = catalog.gauge_diameter_um(gauge);
    if (!diameter)
      refuse(parameters, "gauge", fmt::format("no diameter known for gauge {}", gauge), "use needle_diameter_um");
    d.needle_diameter_um = *diameter;
  } else {
    d.needle_diameter_um = r.number("needle_diameter_um", &CatalogEntry::needle_diameter_um);
  }
  d.tip_radius_um = r.number("tip_radius_um", &CatalogEntry::tip_radius_um);
  d.tip_half_angle_deg = r.number("tip_half_angle_deg", &CatalogEntry::tip_half_angle_deg);
  // The scenario's needle length (or pen depth setting) when it sets one; else a named catalog
  // model's own fixed length (a 600 um patch is 600 um long); else the registry default.
  const bool length_given = !parameters.entry("device.needle_length_mm").origin.file.empty();
  d.needle_length_um =
      1000.0 * (model_given && !length_given && entry->needle_length_mm ? *entry->needle_length_mm
                                                                        : parameters.real("device.needle_length_mm"));

  switch (d.type) {
    case DeviceType::pen:
      d.frequency_hz = r.number("frequency_hz", &CatalogEntry::frequency_hz);
      d.stroke_mm = r.number("max_depth_mm", &CatalogEntry::max_depth_mm);
      d.pitch_mm = r.number("pitch_mm", &CatalogEntry::pitch_mm);
      if (d.needle_length_um > 1000.0 * d.stroke_mm) {
        refuse(parameters, "needle_length_mm",
               fmt::format("depth setting {} mm is beyond this pen's maximum of {} mm", d.needle_length_um / 1000.0,
                           d.stroke_mm),
               "lower the setting or choose another pen (device.model)");
      }
      break;
    case DeviceType::roller:
      d.rows = static_cast<int>(std::lround(r.number("rows", &CatalogEntry::rows)));
      d.drum_diameter_mm = r.number("drum_diameter_mm", &CatalogEntry::drum_diameter_mm);
      d.drum_width_mm = r.number("drum_width_mm", &CatalogEntry::drum_width_mm);
      if (d.rows < 1 || d.needles % d.rows != 0) {
        refuse(parameters, "rows", fmt::format("{} needles cannot be laid in {} equal rows", d.needles, d.rows),
               "needles must be a multiple of rows (e.g. 192 needles in 8 rows of 24)");
      }
      d.pitch_mm = std::min(d.drum_width_mm / d.rows, std::numbers::pi * d.drum_diameter_mm / (d.needles / d.rows));
      if (d.needle_length_um >= 500.0 * d.drum_diameter_mm) {
        refuse(parameters, "needle_length_mm", "needles as long as the drum radius cannot roll",
               "check drum_diameter_mm");
      }
      break;
    case DeviceType::stamp:
    case DeviceType::patch:
      d.pitch_mm = r.number("pitch_mm", &CatalogEntry::pitch_mm);
      break;
  }

  if (d.needles < 1) refuse(parameters, "needles", "a device needs at least one needle", "set needles >= 1");
  if (d.needle_diameter_um <= 0.0) refuse(parameters, "needle_diameter_um", "the needle diameter must be positive", "");
  if (d.tip_radius_um <= 0.0 || d.tip_radius_um > 0.5 * d.needle_diameter_um) {
    refuse(parameters, "tip_radius_um",
           fmt::format("tip radius {} um must be positive and at most half the needle diameter ({} um)",
                       d.tip_radius_um, d.needle_diameter_um / 2),
           "sharp microneedles have tip radii of 1-40 um");
  }
  if (d.needles > 1 && 1000.0 * d.pitch_mm <= d.needle_diameter_um) {
    const auto key = spacing_key(parameters, d);
    refuse(parameters, key,
           fmt::format("needle spacing {} mm is not larger than the needle diameter {} mm: the needles would overlap",
                       d.pitch_mm, d.needle_diameter_um / 1000.0),
           d.type == DeviceType::roller
               ? "a roller's spacing follows from its drum: fewer rows, a wider or larger drum, or thinner needles"
               : "increase pitch_mm or reduce needle_diameter_um");
  }
  if (r.used_generic() && d.model.rfind("generic_", 0) != 0) {
    d.sources.push_back(catalog.find(fmt::format("generic_{}", device_type_name(d.type)))->source);
  }
  return d;
}

}  // namespace mnsim::device
