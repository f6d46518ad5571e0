#pragma once
// A patient file as the planner sees it: the person, the treatment areas with today's skin
// state, the goal, the device and the planned products. Read from a completed ParameterSet
// (a scenario plus the planner sections declared in plan/parameters.hpp).
#include <optional>
#include <string>
#include <vector>

#include "core/parameter_set.hpp"

namespace mnsim::plan {

struct Area {
  std::string name;
  std::string site;
  std::string goal;
  double area_cm2 = 0.0;
  int active_acne_lesions = 0;
  std::vector<std::string> exclude_zones;
  bool open_wound = false;
  bool infection = false;
  bool recent_sunburn = false;
  std::optional<double> recent_resurfacing_weeks_ago;
};

struct PlannedProduct {
  std::string name;
  std::string compound;
  bool intradermal_grade = false;
  double concentration_pct = 0.0;  // product[].concentration_pct
  double applied_h = 0.0;
  std::optional<double> removed_h;  // product[].removed_h: wiped off then (hours from the session's start)
};

struct PatientFile {
  std::string species;
  double age_y = 0.0;
  std::string sex;
  int fitzpatrick = 2;
  std::vector<std::string> conditions;  // patient.conditions: history and whole-face skin state
  std::optional<double> isotretinoin_stopped_months_ago;
  std::string goal;  // goal.kind
  std::vector<Area> areas;
  std::string device_type;
  double device_needle_length_mm = 0.0;  // device.needle_length_mm: longest length/depth available
  std::optional<double> device_max_depth_mm;
  std::vector<PlannedProduct> products;
  std::string clinic_name;  // clinic.name; empty: the patient's page leaves a line to fill in

  [[nodiscard]] bool has_condition(const std::string& condition) const;
};

// Builds the patient file from completed parameters. Without [[area]] the file describes one
// area: site.name with goal.kind. Skin-state entries of patient.conditions (active_acne,
// open_wound, skin_infection, sunburn_recent, peel_or_laser_recent) apply to every area.
PatientFile read_patient(const ParameterSet& parameters);

}  // namespace mnsim::plan
