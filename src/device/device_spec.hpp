#pragma once
// Devices: the catalog of real instruments (data/devices/catalog.csv, cited) and the resolved
// geometry of the device a scenario uses (catalog model, overridden key by key by the scenario).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/parameter_set.hpp"

namespace mnsim::device {

enum class DeviceType { pen, roller, stamp, patch };
DeviceType device_type_from(const std::string& name);
const char* device_type_name(DeviceType type);

// One catalog row; absent numbers are not applicable to that kind of device or not known.
struct CatalogEntry {
  std::string name;
  DeviceType type = DeviceType::pen;
  std::optional<double> needles, needle_length_mm, needle_diameter_um, tip_radius_um, tip_half_angle_deg, pitch_mm,
      rows, drum_diameter_mm, drum_width_mm, head_diameter_mm, frequency_hz, max_depth_mm;
  std::string material;
  std::string source;
};

class Catalog {
 public:
  static Catalog load(const std::filesystem::path& data_dir);
  [[nodiscard]] const CatalogEntry* find(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] const std::vector<CatalogEntry>& entries() const { return entries_; }
  // Outer diameter of a needle gauge (ISO 9626), for `device.gauge`.
  [[nodiscard]] std::optional<double> gauge_diameter_um(int gauge) const;

 private:
  std::vector<CatalogEntry> entries_;
  std::map<int, double> gauges_um_;
};

// The device a run uses: every number the puncture map and insertion model need.
struct DeviceSpec {
  std::string model;  // catalog name
  DeviceType type = DeviceType::pen;
  int needles = 0;
  double needle_length_um = 0.0;  // fixed length, or the pen's depth setting
  double needle_diameter_um = 0.0;
  double tip_radius_um = 0.0;
  double tip_half_angle_deg = 0.0;
  double pitch_mm = 0.0;             // needle spacing (stamp, patch, pen head layout)
  int rows = 0;                      // roller rows across the drum
  double drum_diameter_mm = 0.0;     // roller
  double drum_width_mm = 0.0;        // roller
  double frequency_hz = 0.0;         // pen strokes per second
  double stroke_mm = 0.0;            // pen stroke amplitude (the cartridge's maximum depth)
  std::vector<std::string> sources;  // citations of the catalog values used

  // Length of the conical tip: from the tip radius up to the full shaft diameter.
  [[nodiscard]] double tip_length_um() const;
  // Needle radius at a height h above the tip end (0 at the very tip, shaft radius above the cone).
  [[nodiscard]] double radius_at_um(double height_above_tip_um) const;
};

// Builds the device from [device]: the catalog model named by device.model (or the generic model
// of device.type), each key the scenario sets overriding it; geometry the model's row lacks comes
// from the generic model of its type (an assumption the run's sources list). Throws InputError for a device that
// cannot exist (zero needles, spacing below the needle diameter, a needle longer than the device
// can drive, ...), naming the key.
DeviceSpec resolve_device(const ParameterSet& parameters, const Catalog& catalog);

}  // namespace mnsim::device
