#include "app/devices_command.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/listing.hpp"

namespace mnsim::app {

DevicesCommand::DevicesCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand("devices", "List the device catalog (use a name as device.model in a scenario)");
  subcommand_->add_option("--type", type_, "Only this kind of device")
      ->check(CLI::IsMember({"pen", "roller", "stamp", "patch"}));
  subcommand_->add_flag("--json", json_, "Print the catalog as JSON");
}

int DevicesCommand::run(Session& session) {
  nlohmann::json all = nlohmann::json::array();
  if (!json_) {
    fmt::print("{:<28} {:<7} {:>7} {:>10} {:>12} {:>9} {:>9}\n", "name", "type", "needles", "length mm", "diameter um",
               "tip um", "pitch mm");
  }
  for (const auto& e : session.catalog().entries()) {
    const std::string type = device::device_type_name(e.type);
    if (!type_.empty() && type != type_) continue;
    if (json_) {
      all.push_back({{"name", e.name},
                     {"type", type},
                     {"needles", as_json(e.needles)},
                     {"needle_length_mm", as_json(e.needle_length_mm)},
                     {"needle_diameter_um", as_json(e.needle_diameter_um)},
                     {"tip_radius_um", as_json(e.tip_radius_um)},
                     {"pitch_mm", as_json(e.pitch_mm)},
                     {"frequency_hz", as_json(e.frequency_hz)},
                     {"source", e.source}});
      continue;
    }
    fmt::print("{:<28} {:<7} {:>7} {:>10} {:>12} {:>9} {:>9}\n", e.name, type, shown(e.needles),
               shown(e.needle_length_mm), shown(e.needle_diameter_um), shown(e.tip_radius_um), shown(e.pitch_mm));
  }
  if (json_) {
    fmt::print("{}\n", all.dump(2));
  } else {
    fmt::print("A dash is taken from the generic model of the type. Sources: mnsim devices --json\n");
  }
  return 0;
}

}  // namespace mnsim::app
