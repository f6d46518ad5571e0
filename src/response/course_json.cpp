#include "response/course_json.hpp"

#include <string>

namespace mnsim::response {

nlohmann::json course_json(const CourseMetrics& metrics, const CourseUncertainty* uncertainty) {
  const bool sampled = uncertainty != nullptr && uncertainty->samples > 0;
  nlohmann::json out = nlohmann::json::object();
  const auto points = scalar_metrics(metrics);
  for (std::size_t k = 0; k < points.size(); ++k) {
    const auto& name = points[k].first;
    nlohmann::json value = points[k].second;
    if (sampled) {
      const auto& i = uncertainty->scalars[k].second;
      value = {{"median", i.median}, {"p5", i.p5}, {"p95", i.p95}};
    }
    // "collagen_change_pct.30" goes to out["collagen_change_pct"]["30"].
    const auto dot = name.find('.');
    if (dot == std::string::npos) {
      out[name] = value;
    } else {
      out[name.substr(0, dot)][name.substr(dot + 1)] = value;
    }
  }
  out["fibrosis"] = metrics.fibrosis;
  if (sampled) {
    out["fibrosis_probability"] = uncertainty->fibrosis_probability;
    out["samples"] = uncertainty->samples;
  }
  return out;
}

}  // namespace mnsim::response
