#include "io/transport_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "io/csv_writer.hpp"
#include "io/field_output.hpp"
#include "io/file_names.hpp"
#include "skin/layer.hpp"

namespace mnsim::io {

namespace {

nlohmann::json percentiles_json(const transport::Percentiles& p) {
  return {{"p5", p.p5}, {"p50", p.p50}, {"p95", p.p95}};
}

nlohmann::json layers_json(const transport::DepthProfile& profile) {
  nlohmann::json layers = nlohmann::json::object();
  for (const auto& [layer, held] : transport::held_by_layer(profile))
    layers[std::string(skin::layer_name(layer))] = held;
  return layers;
}

// {layer: highest mean concentration over the experiment}.
nlohmann::json layer_peaks_json(const std::vector<skin::LayerId>& layers,
                                const std::vector<std::vector<double>>& concentrations) {
  nlohmann::json peaks = nlohmann::json::object();
  for (std::size_t l = 0; l < layers.size(); ++l)
    peaks[std::string(skin::layer_name(layers[l]))] =
        concentrations[l].empty() ? 0.0 : *std::max_element(concentrations[l].begin(), concentrations[l].end());
  return peaks;
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json target_json(const transport::TargetExposure& t) {
  return {{"layer", std::string(skin::layer_name(t.layer))},
          {"concentration_ug_per_ml", t.concentration_ug_per_ml},
          {"hours_above", t.hours_above},
          {"intact_hours_above", t.intact_hours_above},
          {"reached_h", optional_json(t.reached_h)},
          {"intact_reached_h", optional_json(t.intact_reached_h)},
          {"peak_ug_per_ml", t.peak_ug_per_ml},
          {"intact_peak_ug_per_ml", t.intact_peak_ug_per_ml}};
}

nlohmann::json plasma_json(const transport::PlasmaExposure& p) {
  nlohmann::json j = {
      {"weight_kg", p.weight_kg},
      {"area_cm2", p.area_cm2},
      {"volume_l", p.body.volume_l},
      {"clearance_l_per_h", p.body.clearance_l_per_h},
      {"half_life_h", p.body.half_life_h()},
      {"peak_ng_per_ml", p.peak_ng_per_ml},
      {"peak_h", p.peak_h},
      {"peak_range_ng_per_ml", {{"low", p.peak_low_ng_per_ml}, {"high", p.peak_high_ng_per_ml}}},
      {"intact_peak_ng_per_ml", p.intact_peak_ng_per_ml},
      {"intact_peak_h", p.intact_peak_h},
      {"intact_peak_range_ng_per_ml", {{"low", p.intact_peak_low_ng_per_ml}, {"high", p.intact_peak_high_ng_per_ml}}},
      {"source", p.source}};
  if (p.toxic_ng_per_ml) {
    j["toxic_ng_per_ml"] = *p.toxic_ng_per_ml;
    j["toxic_effect"] = p.toxic_effect;
    j["peak_fraction_of_toxic"] = p.peak_ng_per_ml / *p.toxic_ng_per_ml;
    j["peak_high_fraction_of_toxic"] = p.peak_high_ng_per_ml / *p.toxic_ng_per_ml;
  }
  return j;
}

// " [p5-p95 a-b]" after a number when the product was sampled.
std::string range_text(const transport::ProductExposure& p, const transport::Percentiles& range) {
  return p.uncertainty.samples > 0 ? fmt::format(" [p5-p95 {:.3g}-{:.3g}]", range.p5, range.p95) : std::string();
}

}  // namespace

nlohmann::json transport_json(const std::vector<transport::ProductExposure>& products,
                              const std::vector<transport::CompoundPlasma>& plasma) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : products) {
    list.push_back(
        {{"name", p.name},
         {"compound", p.compound},
         {"model", p.model},
         {"geometry", p.geometry},
         {"channels_in_domain", p.channels_in_domain},
         {"dose_type", p.dose_type},
         {"destination", p.destination},
         {"applied_dose_ug_per_cm2", p.applied_dose_ug_per_cm2},
         {"applications", p.applications},
         {"cumulative_ug_per_cm2", p.cumulative_ug_per_cm2},
         {"intact_cumulative_ug_per_cm2", p.intact_cumulative_ug_per_cm2},
         {"skin_ug_per_cm2", p.skin_ug_per_cm2},
         {"intact_skin_ug_per_cm2", p.intact_skin_ug_per_cm2},
         {"skin_layers_ug_per_cm2", layers_json(p.depth_profile)},
         {"intact_skin_layers_ug_per_cm2", layers_json(p.intact_depth_profile)},
         {"skin_layers_peak_ug_per_cm3", layer_peaks_json(p.series.layers, p.series.layer_ug_per_cm3)},
         {"intact_skin_layers_peak_ug_per_cm3", layer_peaks_json(p.series.layers, p.series.intact_layer_ug_per_cm3)},
         {"enhancement_ratio", p.enhancement_ratio},
         {"end_flux_ratio", p.end_flux_ratio},
         {"lag_time_h", p.lag_time_h},
         {"peak_flux_ug_per_cm2_h", p.peak_flux_ug_per_cm2_h},
         {"window_h", p.window_h},
         {"closure_half_life_h", p.closure_half_life_h},
         {"intact_kp_cm_per_h", p.intact_kp_cm_per_h},
         {"intact_kp_from", p.intact_kp_from},
         {"vehicle_ph", p.vehicle_ph},
         {"vehicle_neutral_fraction", p.vehicle_neutral_fraction},
         {"dissolved_fraction", p.dissolved_fraction},
         {"intradermal_grade", p.intradermal_grade},
         {"mass_balance_error", p.mass_balance_error}});
    if (p.film_dry_h) list.back()["film_dry_h"] = *p.film_dry_h;
    if (p.solubility_mg_per_ml) list.back()["solubility_mg_per_ml"] = *p.solubility_mg_per_ml;
    // A block with the ranges of its treated and intact values, when the product was sampled.
    const auto with_ranges = [&](nlohmann::json block, const char* name, const transport::Percentiles& treated,
                                 const transport::Percentiles& intact) {
      if (p.uncertainty.samples > 0)
        block["uncertainty"] = {{name, percentiles_json(treated)},
                                {std::string("intact_") + name, percentiles_json(intact)}};
      return block;
    };
    if (p.plasma)
      list.back()["plasma"] = with_ranges(plasma_json(*p.plasma), "peak_ng_per_ml", p.uncertainty.plasma_peak,
                                          p.uncertainty.intact_plasma_peak);
    if (p.target)
      list.back()["target"] = with_ranges(target_json(*p.target), "hours_above", p.uncertainty.target_hours_above,
                                          p.uncertainty.intact_target_hours_above);
    if (p.removed_ug_per_cm2) list.back()["removed_ug_per_cm2"] = *p.removed_ug_per_cm2;
    if (p.intact_removed_ug_per_cm2) list.back()["intact_removed_ug_per_cm2"] = *p.intact_removed_ug_per_cm2;
    if (p.surface_ug_per_cm2) list.back()["surface_ug_per_cm2"] = *p.surface_ug_per_cm2;
    if (p.intact_surface_ug_per_cm2) list.back()["intact_surface_ug_per_cm2"] = *p.intact_surface_ug_per_cm2;
    if (p.uncertainty.samples > 0)
      list.back()["uncertainty"] = {{"samples", p.uncertainty.samples},
                                    {"enhancement_ratio", percentiles_json(p.uncertainty.enhancement_ratio)},
                                    {"end_flux_ratio", percentiles_json(p.uncertainty.end_flux_ratio)},
                                    {"cumulative_ug_per_cm2", percentiles_json(p.uncertainty.cumulative)},
                                    {"window_h", percentiles_json(p.uncertainty.window_h)}};
  }
  nlohmann::json out = {{"products", list}};
  if (!plasma.empty()) {
    out["plasma"] = nlohmann::json::array();
    for (const auto& c : plasma) {
      nlohmann::json j = {{"compound", c.compound},
                          {"products", c.products},
                          {"peak_ng_per_ml", c.peak_ng_per_ml},
                          {"peak_h", c.peak_h},
                          {"peak_range_ng_per_ml", {{"low", c.peak_low_ng_per_ml}, {"high", c.peak_high_ng_per_ml}}},
                          {"intact_peak_ng_per_ml", c.intact_peak_ng_per_ml},
                          {"intact_peak_h", c.intact_peak_h},
                          {"intact_peak_range_ng_per_ml",
                           {{"low", c.intact_peak_low_ng_per_ml}, {"high", c.intact_peak_high_ng_per_ml}}}};
      if (c.toxic_ng_per_ml) {
        j["toxic_ng_per_ml"] = *c.toxic_ng_per_ml;
        j["peak_fraction_of_toxic"] = c.peak_ng_per_ml / *c.toxic_ng_per_ml;
        j["peak_high_fraction_of_toxic"] = c.peak_high_ng_per_ml / *c.toxic_ng_per_ml;
      }
      if (c.samples > 0)
        j["uncertainty"] = {{"samples", c.samples},
                            {"peak_ng_per_ml", percentiles_json(c.sampled_peak)},
                            {"intact_peak_ng_per_ml", percentiles_json(c.sampled_intact_peak)}};
      out["plasma"].push_back(std::move(j));
    }
  }
  return out;
}

std::string transport_series_csv(const transport::ProductExposure& product) {
  // The surface columns are left empty for an infinite dose (an unlimited reservoir).
  CsvWriter csv({"time_h", "flux_ug_per_cm2_h", "cumulative_ug_per_cm2", "intact_flux_ug_per_cm2_h",
                 "intact_cumulative_ug_per_cm2", "channel_open_fraction", "skin_ug_per_cm2", "intact_skin_ug_per_cm2",
                 "surface_ug_per_cm2", "intact_surface_ug_per_cm2", "applied_ug_per_cm2"});
  const auto& s = product.series;
  const bool surface = s.surface_ug_per_cm2.size() == s.time_h.size();
  for (std::size_t k = 0; k < s.time_h.size(); ++k)
    csv.row({number_text(s.time_h[k]), number_text(s.flux_ug_per_cm2_h[k]), number_text(s.cumulative_ug_per_cm2[k]),
             number_text(s.intact_flux_ug_per_cm2_h[k]), number_text(s.intact_cumulative_ug_per_cm2[k]),
             number_text(s.open_fraction[k]), number_text(s.skin_ug_per_cm2[k]),
             number_text(s.intact_skin_ug_per_cm2[k]), surface ? number_text(s.surface_ug_per_cm2[k]) : std::string(),
             surface ? number_text(s.intact_surface_ug_per_cm2[k]) : std::string(),
             surface ? number_text(s.applied_ug_per_cm2[k]) : std::string()});
  return csv.str();
}

std::span<const double> transport_series_values(const transport::ProductExposure& product, std::string_view column) {
  const auto& s = product.series;
  if (column == "cumulative_ug_per_cm2") return s.cumulative_ug_per_cm2;
  if (column == "flux_ug_per_cm2_h") return s.flux_ug_per_cm2_h;
  if (column == "skin_ug_per_cm2") return s.skin_ug_per_cm2;
  if (column == "intact_cumulative_ug_per_cm2") return s.intact_cumulative_ug_per_cm2;
  if (column == "intact_flux_ug_per_cm2_h") return s.intact_flux_ug_per_cm2_h;
  if (column == "intact_skin_ug_per_cm2") return s.intact_skin_ug_per_cm2;
  return {};
}

std::string transport_series_file(const transport::ProductExposure& product, std::size_t index) {
  // The index keeps two products whose names make the same slug apart.
  return fmt::format("transport_{}_{}.csv", index + 1, file_slug(product.name));
}

std::string transport_depth_csv(const transport::ProductExposure& product) {
  constexpr double cm_per_um = 1e-4;
  CsvWriter csv({"skin", "depth_top_um", "depth_bottom_um", "layer", "held_ug_per_cm2", "mean_ug_per_cm3"});
  for (const auto& [label, profile] :
       {std::pair{"treated", &product.depth_profile}, std::pair{"intact", &product.intact_depth_profile}})
    for (std::size_t i = 0; i < profile->layer.size(); ++i) {
      const double width_cm = (profile->bottom_um[i] - profile->top_um[i]) * cm_per_um;
      csv.row({label, number_text(profile->top_um[i]), number_text(profile->bottom_um[i]),
               std::string(skin::layer_name(profile->layer[i])), number_text(profile->held_ug_per_cm2[i]),
               number_text(profile->held_ug_per_cm2[i] / width_cm)});
    }
  return csv.str();
}

std::string transport_depth_file(const transport::ProductExposure& product, std::size_t index) {
  std::string file = transport_series_file(product, index);
  return file.substr(0, file.size() - std::string_view(".csv").size()) + "_depth.csv";
}

std::string transport_layers_csv(const transport::ProductExposure& product) {
  const auto& s = product.series;
  std::vector<std::string> header{"time_h"};
  for (const auto* prefix : {"", "intact_"})
    for (const auto layer : s.layers) header.push_back(fmt::format("{}{}_ug_per_cm3", prefix, skin::layer_name(layer)));
  CsvWriter csv(header);
  for (std::size_t k = 0; k < s.time_h.size(); ++k) {
    std::vector<std::string> row{number_text(s.time_h[k])};
    for (const auto* layers : {&s.layer_ug_per_cm3, &s.intact_layer_ug_per_cm3})
      for (const auto& course : *layers) row.push_back(number_text(course[k]));
    csv.row(row);
  }
  return csv.str();
}

std::string transport_layers_file(const transport::ProductExposure& product, std::size_t index) {
  std::string file = transport_series_file(product, index);
  return file.substr(0, file.size() - std::string_view(".csv").size()) + "_layers.csv";
}

std::string transport_plasma_csv(const transport::ProductExposure& product) {
  CsvWriter csv({"time_h", "plasma_ng_per_ml", "intact_plasma_ng_per_ml"});
  if (!product.plasma) return csv.str();
  for (std::size_t k = 0; k < product.series.time_h.size(); ++k)
    csv.row({number_text(product.series.time_h[k]), number_text(product.plasma->ng_per_ml[k]),
             number_text(product.plasma->intact_ng_per_ml[k])});
  return csv.str();
}

std::string transport_plasma_file(const transport::ProductExposure& product, std::size_t index) {
  std::string file = transport_series_file(product, index);
  return file.substr(0, file.size() - std::string_view(".csv").size()) + "_plasma.csv";
}

std::string write_transport_fields(const std::filesystem::path& directory, const transport::ProductExposure& product,
                                   std::size_t index) {
  const auto& f = product.fields;
  if (f.time_h.empty()) return "";
  std::string stem = transport_series_file(product, index);
  stem = stem.substr(0, stem.size() - std::string_view(".csv").size()) + "_fields";
  // Single precision: concentrations need no more than 7 digits, and the files are half the size.
  FieldWriter writer(directory / stem, RectilinearGrid{f.x_nodes_um, f.y_nodes_um, f.z_nodes_um},
                     FieldPrecision::float32);
  for (std::size_t k = 0; k < f.time_h.size(); ++k)
    writer.write({.time_h = f.time_h[k], .cell_values = {{"concentration_ug_per_cm3", f.concentration_ug_per_cm3[k]}}});
  writer.close();
  return writer.xmf_path().filename().string();
}

std::string transport_text(const std::vector<transport::ProductExposure>& products,
                           const std::vector<transport::CompoundPlasma>& plasma) {
  // A picogram per cm2: far below what any assay detects. A ratio of two such amounts (a large
  // molecule that stays in the skin) says nothing; the amount held in the skin is the result.
  constexpr double negligible_ug_per_cm2 = 1e-6;
  std::string out;
  for (const auto& p : products) {
    const std::string surface = p.surface_ug_per_cm2
                                    ? fmt::format(", {:.3g} ug/cm2 left on the surface", *p.surface_ug_per_cm2)
                                    : std::string();
    if (p.applications > 1)
      out += fmt::format("Product {}: applied {} times in the experiment, {:.3g} ug/cm2 in all\n", p.name,
                         p.applications, p.applied_dose_ug_per_cm2);
    if (p.dissolved_fraction < 1.0 && p.solubility_mg_per_ml)
      out += fmt::format(
          "Product {}: more {} than dissolves in it at pH {:g} ({:.3g} mg/mL): a suspension, {:.3g} % of it "
          "dissolved, which sets the flux\n",
          p.name, p.compound, p.vehicle_ph, *p.solubility_mg_per_ml, 100.0 * p.dissolved_fraction);
    if (p.plasma) {
      const auto& b = *p.plasma;
      out += fmt::format(
          "Product {}: over {:g} cm2 of a {:g} kg person, plasma {} peaks at {:.3g}{} ng/mL (range {:.3g}-{:.3g} over "
          "its published disposition) {:.2g} h after application, {:.3g} ng/mL without needling{}\n",
          p.name, b.area_cm2, b.weight_kg, p.compound, b.peak_ng_per_ml, range_text(p, p.uncertainty.plasma_peak),
          b.peak_low_ng_per_ml, b.peak_high_ng_per_ml, b.peak_h, b.intact_peak_ng_per_ml,
          b.toxic_ng_per_ml
              ? fmt::format("; toxicity becomes likely above {:g} ng/mL: the peak is {:.0f} % of that, up to {:.0f} % "
                            "over the disposition",
                            *b.toxic_ng_per_ml, 100.0 * b.peak_ng_per_ml / *b.toxic_ng_per_ml,
                            100.0 * b.peak_high_ng_per_ml / *b.toxic_ng_per_ml)
              : std::string());
    }
    if (p.film_dry_h)
      out +=
          fmt::format("Product {}: its volatile part evaporates in {:.2g} h, concentrating the compound on the skin\n",
                      p.name, *p.film_dry_h);
    if (p.cumulative_ug_per_cm2 < negligible_ug_per_cm2) {
      out += fmt::format(
          "Product {} ({}): nothing measurable reaches the {} in the experiment (below {:g} ug/cm2, with or without "
          "treatment); {:.3g} ug/cm2 held in the skin at the end ({:.3g} intact){}; channels open for {:.2g}{} h (10 % "
          "conductance)\n",
          p.name, p.compound, p.destination, negligible_ug_per_cm2, p.skin_ug_per_cm2, p.intact_skin_ug_per_cm2,
          surface, p.window_h, range_text(p, p.uncertainty.window_h));
      continue;
    }
    out += fmt::format(
        "Product {} ({}): {:.3g}{} ug/cm2 to the {} in the experiment ({:.3g} through intact skin), enhancement "
        "x{:.3g}{}; {:.3g} ug/cm2 held in the skin at the end ({:.3g} intact){}; channels open for {:.2g}{} h (10 % "
        "conductance), peak flux {:.3g} ug/cm2/h\n",
        p.name, p.compound, p.cumulative_ug_per_cm2, range_text(p, p.uncertainty.cumulative), p.destination,
        p.intact_cumulative_ug_per_cm2, p.enhancement_ratio, range_text(p, p.uncertainty.enhancement_ratio),
        p.skin_ug_per_cm2, p.intact_skin_ug_per_cm2, surface, p.window_h, range_text(p, p.uncertainty.window_h),
        p.peak_flux_ug_per_cm2_h);
  }
  for (const auto& c : plasma) {
    if (c.products.size() < 2) continue;
    out += fmt::format(
        "Together, the {} of {} products peaks in the plasma at {:.3g}{} ng/mL {:.2g} h from the start of "
        "the session ({:.3g} ng/mL without needling){}\n",
        c.compound, c.products.size(), c.peak_ng_per_ml,
        c.samples > 0 ? fmt::format(" [p5-p95 {:.3g}-{:.3g}]", c.sampled_peak.p5, c.sampled_peak.p95) : std::string(),
        c.peak_h, c.intact_peak_ng_per_ml,
        c.toxic_ng_per_ml ? fmt::format(", {:.0f} % of the toxic level", 100.0 * c.peak_ng_per_ml / *c.toxic_ng_per_ml)
                          : std::string());
  }
  return out;
}

}  // namespace mnsim::io
