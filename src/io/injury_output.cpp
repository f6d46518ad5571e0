#include "io/injury_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "io/csv_writer.hpp"
#include "skin/layer.hpp"

namespace mnsim::io {

namespace {

nlohmann::json spread_json(const mechanics::Spread& s) {
  return {{"mean", s.mean}, {"p10", s.p10}, {"p50", s.p50}, {"p90", s.p90}};
}

// Legacy VTK binary data is big-endian.
void append_big_endian(std::string& out, float value) {
  auto bits = std::bit_cast<std::uint32_t>(value);
  if constexpr (std::endian::native == std::endian::little) bits = __builtin_bswap32(bits);
  char bytes[4];
  std::memcpy(bytes, &bits, 4);
  out.append(bytes, 4);
}
void append_big_endian(std::string& out, std::int32_t value) {
  auto bits = static_cast<std::uint32_t>(value);
  if constexpr (std::endian::native == std::endian::little) bits = __builtin_bswap32(bits);
  char bytes[4];
  std::memcpy(bytes, &bits, 4);
  out.append(bytes, 4);
}

// The layer in which most punctures end (the first of equals, from the surface down).
std::string majority_layer(const mechanics::InjurySummary& s) {
  std::string layer;
  double best = -1.0;
  for (const auto id : skin::all_layers) {
    if (s.layer_fraction[static_cast<std::size_t>(id)] > best) {
      best = s.layer_fraction[static_cast<std::size_t>(id)];
      layer = skin::layer_name(id);
    }
  }
  return layer;
}

}  // namespace

nlohmann::json device_json(const device::DeviceSpec& d, const device::Protocol& p) {
  return {{"model", d.model},
          {"type", device::device_type_name(d.type)},
          {"needles", d.needles},
          {"needle_length_um", d.needle_length_um},
          {"needle_diameter_um", d.needle_diameter_um},
          {"tip_radius_um", d.tip_radius_um},
          {"tip_half_angle_deg", d.tip_half_angle_deg},
          {"pitch_mm", d.pitch_mm},
          {"frequency_hz", d.frequency_hz},
          {"passes", p.passes},
          {"area_cm2", p.area_cm2},
          {"glide_speed_mm_per_s", p.glide_speed_mm_per_s},
          {"sources", d.sources}};
}

nlohmann::json injury_json(const mechanics::Injury& injury) {
  const auto& s = injury.summary;
  const auto& n = injury.nominal;
  nlohmann::json layers = nlohmann::json::object();
  for (const auto id : skin::all_layers) {
    layers[std::string(skin::layer_name(id))] = s.layer_fraction[static_cast<std::size_t>(id)];
  }
  return {{"punctures", s.punctures},
          {"passes", s.passes},
          {"punctures_per_cm2", s.punctures_per_cm2},
          {"duration_s", s.duration_s},
          {"depth_um", spread_json(s.depth_um)},
          {"channel_depth_um", spread_json(s.channel_depth_um)},
          {"channel_diameter_um", {{"mean", s.channel_diameter_um_mean}}},
          {"layer_fraction", layers},
          {"majority_layer", majority_layer(s)},
          {"bleeding_fraction", s.bleeding_fraction},
          {"plexus_fraction", s.plexus_fraction},
          {"bruising_probability", s.bruising_probability},
          {"cautions", injury_cautions(s)},
          {"coverage_fraction", s.confluence.coverage_fraction},
          {"max_confluent_width_um", s.confluence.max_confluent_width_um},
          {"max_confluent_length_um", s.confluence.max_confluent_length_um},
          {"confluent_fraction", s.confluence.confluent_fraction},
          {"force_per_needle_N", s.force_per_needle_N},
          {"injured_volume_mm3_per_cm2", s.injured_volume_mm3_per_cm2},
          {"injured_volume_union_mm3_per_cm2", s.injured_volume_union_mm3_per_cm2},
          {"vascularised_volume_mm3_per_cm2", s.vascularised_volume_mm3_per_cm2},
          {"insertion",
           {{"needle_speed_mm_per_s", n.speed_mm_per_s},
            {"skin_modulus_kPa", n.skin_modulus_kPa},
            {"held_modulus_kPa", n.held_modulus_kPa},
            {"puncture_force_N", n.puncture_force_N},
            {"force_per_needle_N", n.force_per_needle_N},
            {"needles_under_load", n.needles_under_load},
            {"force_to_pierce_N", n.force_to_pierce_N},
            {"applied_force_per_needle_N", n.applied_force_per_needle_N},
            {"impact_energy_mJ", n.impact_energy_mJ},
            {"depth_limited_by", mechanics::depth_limit_name(n.limited_by)},
            {"tenting_um", n.tenting_um},
            {"depth_um", n.depth_um},
            {"channel_depth_um", n.channel_depth_um},
            {"wound_diameter_um", 2.0 * n.wound_radius_um}}}};
}

std::string punctures_csv(const device::PunctureMap& map, const mechanics::Injury& injury, std::size_t stride) {
  std::string out =
      "x_mm,y_mm,t_s,depth_um,channel_depth_um,channel_radius_um,wound_radius_um,elongation_um,layer,bled\n";
  out.reserve(out.size() + 90 * (map.size() / stride + 1));
  for (std::size_t i = 0; i < map.size(); i += stride) {
    out += fmt::format("{:.4f},{:.4f},{:.4f},{:.1f},{:.1f},{:.2f},{:.2f},{:.1f},{},{}\n", map.x_mm[i], map.y_mm[i],
                       map.t_s[i], injury.depth_um[i], injury.channel_depth_um[i], injury.channel_radius_um[i],
                       injury.wound_radius_um[i], map.elongation_um[i],
                       skin::layer_name(static_cast<skin::LayerId>(injury.layer[i])), injury.bled[i]);
  }
  return out;
}

std::string punctures_vtk(const device::PunctureMap& map, const mechanics::Injury& injury, std::size_t stride) {
  // Legacy VTK is written by hand: it is a few lines of header around raw arrays, and the VTK
  // library would add a very large dependency for this one file.
  const std::size_t n = (map.size() + stride - 1) / stride;
  std::string out = fmt::format(
      "# vtk DataFile Version 3.0\nmnsim punctures: needle tracks from the surface (z = 0) down to the depth reached "
      "(z = depth below the surface), um\nBINARY\nDATASET POLYDATA\nPOINTS {} float\n",
      2 * n);
  // Micrometres with z the depth below the surface, as the concentration fields (fields.xmf), so
  // that the two overlay in ParaView without a transform.
  for (std::size_t i = 0; i < map.size(); i += stride) {
    for (const double z : {0.0, static_cast<double>(injury.depth_um[i])}) {
      append_big_endian(out, static_cast<float>(1000.0 * map.x_mm[i]));
      append_big_endian(out, static_cast<float>(1000.0 * map.y_mm[i]));
      append_big_endian(out, static_cast<float>(z));
    }
  }
  out += fmt::format("\nLINES {} {}\n", n, 3 * n);
  for (std::size_t k = 0; k < n; ++k) {
    append_big_endian(out, std::int32_t{2});
    append_big_endian(out, static_cast<std::int32_t>(2 * k));
    append_big_endian(out, static_cast<std::int32_t>(2 * k + 1));
  }
  out += fmt::format("\nCELL_DATA {}\nFIELD puncture 6\n", n);
  auto field = [&](const char* name, auto value_of) {
    out += fmt::format("{} 1 {} float\n", name, n);
    for (std::size_t i = 0; i < map.size(); i += stride) append_big_endian(out, static_cast<float>(value_of(i)));
    out += "\n";
  };
  field("depth_um", [&](std::size_t i) { return injury.depth_um[i]; });
  field("channel_depth_um", [&](std::size_t i) { return injury.channel_depth_um[i]; });
  field("channel_radius_um", [&](std::size_t i) { return injury.channel_radius_um[i]; });
  field("layer", [&](std::size_t i) { return injury.layer[i]; });
  field("bled", [&](std::size_t i) { return injury.bled[i]; });
  field("t_s", [&](std::size_t i) { return map.t_s[i]; });
  return out;
}

InjuryFigureData injury_figure_data(const device::PunctureMap& map, const mechanics::Injury& injury) {
  InjuryFigureData data;
  data.window_mm = std::min(10.0, map.side_mm);
  data.x0_mm = 0.5 * (map.side_mm - data.window_mm);
  const double x1 = data.x0_mm + data.window_mm;
  data.window_csv = "x_mm,y_mm,channel_radius_mm,depth_um\n";
  for (std::size_t i = 0; i < map.size(); ++i) {
    if (map.x_mm[i] < data.x0_mm || map.x_mm[i] > x1 || map.y_mm[i] < data.x0_mm || map.y_mm[i] > x1) continue;
    data.window_csv += fmt::format("{:.4f},{:.4f},{:.5f},{:.1f}\n", map.x_mm[i], map.y_mm[i],
                                   1e-3 * injury.channel_radius_um[i], injury.depth_um[i]);
  }
  constexpr int bins = 40;
  double lo = 1e300;
  double hi = 0.0;
  for (const float d : injury.depth_um) {
    lo = std::min(lo, static_cast<double>(d));
    hi = std::max(hi, static_cast<double>(d));
  }
  const double width = std::max((hi - lo) / bins, 1e-6);
  std::vector<double> share(bins, 0.0);
  for (const float d : injury.depth_um) {
    share[static_cast<std::size_t>(std::clamp(static_cast<int>((d - lo) / width), 0, bins - 1))] += 1.0;
  }
  data.histogram_csv = "depth_um,share\n";
  for (int b = 0; b < bins && !injury.depth_um.empty(); ++b) {
    data.histogram_csv += fmt::format("{:.2f},{:.6f}\n", lo + (b + 0.5) * width,
                                      share[static_cast<std::size_t>(b)] / static_cast<double>(injury.depth_um.size()));
  }
  return data;
}

std::vector<std::string> injury_cautions(const mechanics::InjurySummary& s) {
  std::vector<std::string> cautions;
  // Microneedling works in the dermis; needles past it reach the fat and larger vessels for no
  // benefit (shared research mechanics.md 5: clinical depths stay within the dermis of the site).
  const double beyond = s.layer_fraction[static_cast<std::size_t>(skin::LayerId::hypodermis)];
  if (beyond > 0.01)
    cautions.push_back(
        fmt::format("{:.0f} % of punctures reach below the dermis of this site (the hypodermis): "
                    "deeper than microneedling needs here; use shorter needles",
                    100.0 * beyond));
  return cautions;
}

std::string injury_text(const device::DeviceSpec& device, const mechanics::Injury& injury) {
  const auto& s = injury.summary;
  const auto& n = injury.nominal;
  const std::string deepest = majority_layer(s);
  std::string out =
      fmt::format("Device: {} ({}), {} needles, {:g} mm\n", device.model, device::device_type_name(device.type),
                  device.needles, device.needle_length_um / 1000.0);
  out += fmt::format("Punctures: {} ({:.0f} per cm2), coverage {:.3g} % of the area\n", s.punctures,
                     s.punctures_per_cm2, 100.0 * s.confluence.coverage_fraction);
  out += fmt::format("Depth reached: median {:.0f} um (10th-90th pct {:.0f}-{:.0f}); tenting {:.0f} um; mostly {}\n",
                     s.depth_um.p50, s.depth_um.p10, s.depth_um.p90, n.tenting_um, deepest);
  out += fmt::format("Residual channels: median {:.0f} um deep, {:.0f} um wide at the surface\n",
                     s.channel_depth_um.p50, s.channel_diameter_um_mean);
  out +=
      fmt::format("Force to pierce: {:.3f} N per needle, {:.3g} N for the {} needles pressed at once{}\n",
                  s.force_per_needle_N, n.force_to_pierce_N, n.needles_under_load,
                  n.applied_force_per_needle_N > 0.0
                      ? fmt::format("; applied {:.3f} N per needle, depth set by the {}", n.applied_force_per_needle_N,
                                    n.limited_by == mechanics::DepthLimit::length ? "needle length"
                                    : n.limited_by == mechanics::DepthLimit::load ? "load"
                                                                                  : "load: no puncture")
                      : std::string());
  if (n.impact_energy_mJ > 0.0)
    out += fmt::format("Impact applicator: {:.3g} mJ, {:.3g} mJ per needle; depth set by the {}\n", n.impact_energy_mJ,
                       n.impact_energy_mJ / n.needles_under_load,
                       n.limited_by == mechanics::DepthLimit::energy        ? "applicator's energy"
                       : n.limited_by == mechanics::DepthLimit::no_puncture ? "applicator's energy: no puncture"
                                                                            : "needle length");
  out += fmt::format("Pinpoint bleeding at {:.1f} % of punctures; bruising probability {:.1f} %\n",
                     100.0 * s.bleeding_fraction, 100.0 * s.bruising_probability);
  out += fmt::format("Largest merged wound {:.0f} um wide, {:.0f} um long ({:.1f} % of punctures merged)\n",
                     s.confluence.max_confluent_width_um, s.confluence.max_confluent_length_um,
                     100.0 * s.confluence.confluent_fraction);
  for (const auto& caution : injury_cautions(s)) out += "Caution: " + caution + "\n";
  return out;
}

}  // namespace mnsim::io
