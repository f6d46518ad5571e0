#pragma once
// Outputs of the transport stage: the transport block of summary.json, one CSV time series per
// product (with and without treatment), the concentration fields of resolved runs and the lines
// of the terminal summary.
#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "transport/exposure.hpp"
#include "transport/plasma.hpp"

namespace mnsim::io {

// With the plasma of each compound over all its products (transport.plasma).
nlohmann::json transport_json(const std::vector<transport::ProductExposure>& products,
                              const std::vector<transport::CompoundPlasma>& plasma = {});
std::string transport_series_csv(const transport::ProductExposure& product);

// The quantities of that table a measurement can be fitted to (`mnsim fit`): amounts and fluxes
// into the receptor or blood and amounts held in the skin, with and without needling; each is 0
// before the product goes on.
inline constexpr std::array<const char*, 6> fittable_series{"cumulative_ug_per_cm2",    "flux_ug_per_cm2_h",
                                                            "skin_ug_per_cm2",          "intact_cumulative_ug_per_cm2",
                                                            "intact_flux_ug_per_cm2_h", "intact_skin_ug_per_cm2"};
// One of those columns over the product's output times (time_h); empty for any other name.
std::span<const double> transport_series_values(const transport::ProductExposure& product, std::string_view column);
// A file name for a product's series: transport_<index + 1>_<slug of the name>.csv (io::file_slug).
std::string transport_series_file(const transport::ProductExposure& product, std::size_t index);
// What the skin holds at the end by depth cell, treated and intact, with each cell's layer and
// mean concentration; written to transport_<index>_<name>_depth.csv.
std::string transport_depth_csv(const transport::ProductExposure& product);
std::string transport_depth_file(const transport::ProductExposure& product, std::size_t index);
// Mean concentration in each skin layer over time (ug/cm3), treated then intact; written to
// transport_<index>_<name>_layers.csv.
std::string transport_layers_csv(const transport::ProductExposure& product);
std::string transport_layers_file(const transport::ProductExposure& product, std::size_t index);
// Plasma concentration over time (ng/mL), treated and intact, of an in vivo run of a compound
// with a disposition (header only otherwise); written to transport_<index>_<name>_plasma.csv.
std::string transport_plasma_csv(const transport::ProductExposure& product);
std::string transport_plasma_file(const transport::ProductExposure& product, std::size_t index);
// Writes transport_<index>_<name>_fields.h5 and .xmf in `directory` when the product has fields
// (resolved runs with output.fields); returns the .xmf file name, or "" when there is nothing.
std::string write_transport_fields(const std::filesystem::path& directory, const transport::ProductExposure& product,
                                   std::size_t index);
// One printed line per product; for one of which nothing measurable (under 1e-6 ug/cm2) leaves
// the skin, the amount the skin holds instead of a ratio of two negligible amounts.
// A line per compound whose products add up in the blood (two or more of them).
std::string transport_text(const std::vector<transport::ProductExposure>& products,
                           const std::vector<transport::CompoundPlasma>& plasma = {});

}  // namespace mnsim::io
