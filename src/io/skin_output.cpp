#include "io/skin_output.hpp"

#include <fmt/format.h>

#include "io/csv_writer.hpp"

namespace mnsim::io {

namespace {
double rounded(double value) { return std::round(value * 1000.0) / 1000.0; }
}  // namespace

nlohmann::json skin_json(const skin::SkinModel& model) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : model.layers()) {
    nlohmann::json properties = nlohmann::json::object();
    for (const auto& [name, q] : *l.properties) {
      properties[name] = {{"value", q.value}, {"low", q.low}, {"high", q.high}, {"unit", q.unit}, {"source", q.source}};
    }
    layers.push_back({{"name", std::string(skin::layer_name(l.id))},
                      {"top_um", rounded(l.top_um)},
                      {"thickness_um", rounded(l.thickness_um)},
                      {"thickness_sd_um", rounded(l.thickness_sd_um)},
                      {"thickness_p5_um", rounded(l.thickness_p5_um)},
                      {"thickness_p95_um", rounded(l.thickness_p95_um)},
                      {"source", l.source},
                      {"properties", properties}});
  }
  const auto& s = model.subject();
  const auto& v = model.vascular();
  return {{"species", s.species},
          {"site", s.site},
          {"sex", s.sex},
          {"age_y", s.age_y},
          {"layers", layers},
          {"epidermis_um", rounded(model.epidermis_um())},
          {"dermis_um", rounded(model.dermis_um())},
          {"total_um", rounded(model.total_um())},
          {"vascular",
           {{"capillary_loop_apex_depth_um", rounded(v.capillary_loop_apex_depth_um)},
            {"superficial_plexus_depth_um", rounded(v.superficial_plexus_depth_um)},
            {"deep_plexus_depth_um", rounded(v.deep_plexus_depth_um)},
            {"capillary_loop_density_per_mm2", v.capillary_loop_density_per_mm2},
            {"capillary_diameter_um", v.capillary_diameter_um},
            {"plexus_vessel_diameter_um", v.plexus_vessel_diameter_um},
            {"sources", v.sources}}}};
}

std::string skin_layers_csv(const skin::SkinModel& model) {
  CsvWriter csv(
      {"layer", "top_um", "thickness_um", "thickness_sd_um", "thickness_p5_um", "thickness_p95_um", "source"});
  for (const auto& l : model.layers()) {
    csv.row({std::string(skin::layer_name(l.id)), number_text(rounded(l.top_um)), number_text(rounded(l.thickness_um)),
             number_text(rounded(l.thickness_sd_um)), number_text(rounded(l.thickness_p5_um)),
             number_text(rounded(l.thickness_p95_um)), l.source});
  }
  return csv.str();
}

std::string skin_text(const skin::SkinModel& model) {
  const auto& s = model.subject();
  std::string out = fmt::format("Skin stack: {} {}, {}{}\n", s.species, s.site, s.sex == "any" ? "pooled" : s.sex,
                                s.species == "human" ? fmt::format(", {:g} y", s.age_y) : "");
  out += fmt::format("{:<18} {:>10} {:>15} {:>20}\n", "layer", "top (um)", "thickness (um)", "5th-95th pct (um)");
  for (const auto& l : model.layers()) {
    out += fmt::format("{:<18} {:>10.0f} {:>15.0f} {:>20}\n", skin::layer_name(l.id), l.top_um, l.thickness_um,
                       fmt::format("{:.0f}-{:.0f}", l.thickness_p5_um, l.thickness_p95_um));
  }
  const auto& v = model.vascular();
  out += fmt::format("epidermis {:.0f} um, dermis {:.0f} um\n", model.epidermis_um(), model.dermis_um());
  out += fmt::format("capillary loop apex at {:.0f} um, superficial plexus at {:.0f} um, deep plexus at {:.0f} um\n",
                     v.capillary_loop_apex_depth_um, v.superficial_plexus_depth_um, v.deep_plexus_depth_um);
  return out;
}

}  // namespace mnsim::io
