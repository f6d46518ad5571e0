#pragma once
// Comparator procedures: dermabrasion, chemical peels, non-ablative and ablative fractional lasers,
// fully ablative resurfacing and a graduated scratch, each described by the wounds it leaves
// (data/comparators/procedures.csv, a source on every row) and turned into the same WoundGeometry
// that microneedling produces, so one hazard model answers "microneedling versus X" on one person.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mechanics/injury.hpp"
#include "response/hazard_inputs.hpp"
#include "skin/skin_model.hpp"

namespace mnsim::response {

enum class ProcedureKind { uniform, fractional, line };

struct ProcedureSpec {
  std::string name;   // command-line name: "dermabrasion", "fractional-co2", ...
  std::string label;  // for tables: "Dermabrasion"
  ProcedureKind kind = ProcedureKind::uniform;
  bool barrier_open = true;            // stratum corneum removed or breached
  bool seals_vessels = false;          // thermal or chemical coagulation: no bleeding from the wound
  double diameter_um = 0.0;            // fractional: ablated or coagulated column; line: wound width
  double depth_um = 0.0;               // depth of tissue loss (or of the non-ablative column)
  double coagulation_margin_um = 0.0;  // coagulated tissue around and below the loss
  double density_per_cm2 = 0.0;        // fractional columns per cm2 per session
  std::string source;
};

class ProcedureCatalog {
 public:
  // Reads data/comparators/procedures.csv; DataError names the file and line of a bad row.
  static ProcedureCatalog load(const std::filesystem::path& data_dir);

  [[nodiscard]] std::vector<std::string> names() const;
  // InputError listing the known names (and the closest) for an unknown one.
  [[nodiscard]] const ProcedureSpec& get(std::string_view name) const;

 private:
  std::vector<ProcedureSpec> procedures_;
};

// The wounds a comparator leaves on this skin over a treated area (broad wounds are as wide as the
// area).
WoundGeometry comparator_wound(const ProcedureSpec& procedure, const skin::SkinModel& skin, double area_cm2);

// The wounds a microneedling session left: residual channels or the widest merged wound.
// Residual channels of diameter D covering a share p of the surface at random leave wounded tissue
// whose mean chord is p / ((1 - p) (-ln(1 - p))) times that of one channel (Boolean model of discs):
// about D while channels are sparse, growing without bound as they merge into a denuded surface.
// That is the width the epithelium has to bridge. `damage_share` is hazards.puncture_damage_share.
WoundGeometry microneedling_wound(const mechanics::Injury& injury, const skin::SkinModel& skin, double damage_share);

}  // namespace mnsim::response
