#include "plan/patient.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"

namespace mnsim::plan {

bool PatientFile::has_condition(const std::string& condition) const {
  return std::find(conditions.begin(), conditions.end(), condition) != conditions.end();
}

namespace {

std::optional<double> optional_real(const ParameterSet& p, const std::string& path) {
  if (!p.has(path)) return std::nullopt;
  return p.real(path);
}

}  // namespace

PatientFile read_patient(const ParameterSet& p) {
  PatientFile patient;
  patient.species = p.text("patient.species");
  patient.age_y = p.real("patient.age_y");
  patient.sex = p.text("patient.sex");
  patient.fitzpatrick = static_cast<int>(p.integer("patient.fitzpatrick"));
  patient.conditions = p.list("patient.conditions");
  patient.isotretinoin_stopped_months_ago = optional_real(p, "patient.isotretinoin_stopped_months_ago");
  patient.goal = p.text("goal.kind");
  patient.device_type = p.text("device.type");
  patient.device_needle_length_mm = p.real("device.needle_length_mm");
  patient.device_max_depth_mm = optional_real(p, "device.max_depth_mm");
  patient.clinic_name = p.text("clinic.name");

  const double default_area = p.real("protocol.area_cm2");
  const std::size_t n_areas = p.array_size("area");
  for (std::size_t i = 0; i < n_areas; ++i) {
    const auto key = [i](const char* name) { return fmt::format("area[{}].{}", i, name); };
    Area area;
    area.name = p.text(key("name"));
    // Areas are told apart by name (screening, recommendations, the report): two alike would
    // merge silently.
    for (std::size_t j = 0; j < i; ++j) {
      if (patient.areas[j].name != area.name) continue;
      const auto& first = p.entry(fmt::format("area[{}].name", j)).origin;
      throw InputError(p.entry(key("name")).origin, key("name"),
                       fmt::format("area \"{}\" is named twice{}", area.name,
                                   first.line > 0 ? fmt::format(" (first at line {})", first.line) : std::string()),
                       "give each [[area]] its own name, e.g. left_cheek and right_cheek");
    }
    area.site = p.text(key("site"));
    area.goal = p.has(key("goal")) ? p.text(key("goal")) : patient.goal;
    area.area_cm2 = p.has(key("area_cm2")) ? p.real(key("area_cm2")) : default_area;
    area.active_acne_lesions = static_cast<int>(p.integer(key("active_acne_lesions")));
    area.exclude_zones = p.list(key("exclude_zones"));
    area.open_wound = p.boolean(key("open_wound"));
    area.infection = p.boolean(key("infection"));
    area.recent_sunburn = p.boolean(key("recent_sunburn"));
    area.recent_resurfacing_weeks_ago = optional_real(p, key("recent_resurfacing_weeks_ago"));
    patient.areas.push_back(std::move(area));
  }
  if (patient.areas.empty()) {
    Area area;
    area.name = p.text("site.name");
    area.site = area.name;
    area.goal = patient.goal;
    area.area_cm2 = default_area;
    patient.areas.push_back(std::move(area));
  }
  // Whole-face skin state from the older patient.conditions list applies to every area; a
  // yes without a count or a date is taken at its most cautious reading.
  for (auto& area : patient.areas) {
    if (patient.has_condition("active_acne")) area.active_acne_lesions = std::max(area.active_acne_lesions, 1);
    area.open_wound = area.open_wound || patient.has_condition("open_wound");
    area.infection = area.infection || patient.has_condition("skin_infection");
    area.recent_sunburn = area.recent_sunburn || patient.has_condition("sunburn_recent");
    if (patient.has_condition("peel_or_laser_recent") && !area.recent_resurfacing_weeks_ago) {
      area.recent_resurfacing_weeks_ago = 0.0;
    }
  }
  if (patient.has_condition("isotretinoin_recent") && !patient.isotretinoin_stopped_months_ago) {
    patient.isotretinoin_stopped_months_ago = 0.0;
  }

  for (std::size_t i = 0; i < p.array_size("product"); ++i) {
    const auto key = [i](const char* name) { return fmt::format("product[{}].{}", i, name); };
    patient.products.push_back(
        {.name = p.text(key("name")),
         .compound = p.text(key("compound")),
         .intradermal_grade = p.boolean(key("intradermal_grade")),
         .concentration_pct = p.real(key("concentration_pct")),
         .applied_h = p.real(key("applied_h")),
         .removed_h = p.has(key("removed_h")) ? std::optional<double>(p.real(key("removed_h"))) : std::nullopt});
  }
  return patient;
}

}  // namespace mnsim::plan
