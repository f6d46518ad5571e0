#pragma once
// Outputs of the transport stage: the transport block of summary.json, one CSV time series per
// product (with and without treatment) and the lines of the terminal summary.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "transport/exposure.hpp"

namespace mnsim::io {

nlohmann::json transport_json(const std::vector<transport::ProductExposure>& products);
std::string transport_series_csv(const transport::ProductExposure& product);
// A file name for a product's series: transport_<name>.csv with unsafe characters replaced.
std::string transport_series_file(const transport::ProductExposure& product, std::size_t index);
std::string transport_text(const std::vector<transport::ProductExposure>& products);

}  // namespace mnsim::io
