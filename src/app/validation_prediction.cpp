#include "app/validation_prediction.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/sweep_grid.hpp"
#include "core/error.hpp"

namespace mnsim::app {

bool sets_key(const std::vector<std::string>& set, const std::string& key) {
  return std::any_of(set.begin(), set.end(), [&](const std::string& a) { return a.rfind(key + "=", 0) == 0; });
}

Predicted read_prediction(const nlohmann::json& summary, const std::string& quantity, const Provenance& about) {
  const auto pointer = summary_pointer(quantity);
  if (!summary.contains(pointer)) {
    throw InputError({about.file, about.line, 0}, "quantity",
                     fmt::format("{}: \"{}\" is not in the scenario's summary.json", about.id, quantity),
                     "see docs/outputs.md, or the summary.json of `mnsim simulate` on the row's scenario");
  }
  const auto& node = summary.at(pointer);
  Predicted p;
  if (node.is_string()) {
    p.text = node.get<std::string>();
    return p;
  }
  if (node.is_boolean()) {
    p.median = p.p5 = p.p95 = node.get<bool>() ? 1.0 : 0.0;
    return p;
  }
  if (node.is_number()) {
    p.median = p.p5 = p.p95 = node.get<double>();
    const auto key = pointer.back();
    const auto uncertainty = pointer.parent_pointer() / "uncertainty" / key;
    if (summary.contains(uncertainty) && summary.at(uncertainty).is_object()) {
      const auto& u = summary.at(uncertainty);
      p.p5 = u.value("p5", p.median);
      p.p95 = u.value("p95", p.median);
    }
    return p;
  }
  if (node.is_object() && (node.contains("median") || node.contains("p50"))) {
    p.median = node.contains("median") ? node["median"].get<double>() : node["p50"].get<double>();
    p.p5 = node.value("p5", p.median);
    p.p95 = node.value("p95", p.median);
    return p;
  }
  throw InputError(
      {about.file, about.line, 0}, "quantity",
      fmt::format("{}: \"{}\" is not a number, a word or a {{median, p5, p95}} object", about.id, quantity),
      "point at a leaf of summary.json");
}

std::optional<double> fold_error(std::optional<double> measured, const Band& band, double predicted) {
  std::optional<double> point = measured;
  if (!point && band.low && band.high && *band.low > 0.0) point = std::sqrt(*band.low * *band.high);
  if (!point || *point <= 0.0 || !(predicted > 0.0)) return std::nullopt;
  return std::max(predicted / *point, *point / predicted);
}

}  // namespace mnsim::app
