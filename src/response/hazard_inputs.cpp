#include "response/hazard_inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mnsim::response {

namespace {
bool has(const StringList& list, const char* item) { return std::find(list.begin(), list.end(), item) != list.end(); }
}  // namespace

HazardFactors hazard_factors_from(const ParameterSet& p, double barrier_open_h) {
  HazardFactors f;
  f.fitzpatrick = static_cast<int>(p.integer("patient.fitzpatrick"));
  const auto& c = p.list("patient.conditions");
  f.keloid_history = has(c, "keloid_history");
  f.isotretinoin_recent = has(c, "isotretinoin_recent");
  f.active_acne = has(c, "active_acne");
  f.open_wound = has(c, "open_wound") || has(c, "skin_infection");
  f.immunosuppressed = has(c, "immunosuppression") || has(c, "diabetes");
  f.anticoagulated = has(c, "anticoagulant") || has(c, "antiplatelet");
  f.sterile_technique = p.boolean("protocol.sterile_technique");
  for (std::size_t i = 0; i < p.array_size("product"); ++i) {
    const bool graded = p.boolean(fmt::format("product[{}].intradermal_grade", i));
    const double applied_h = p.real(fmt::format("product[{}].applied_h", i));
    if (!graded && applied_h < barrier_open_h) f.non_intradermal_product = true;
  }
  f.poor_wound_care = p.text("timeline.wound_care") == "poor";
  f.sun_exposure_h_per_day = p.real("timeline.sun_exposure_h_per_day");
  f.sunscreen = p.boolean("timeline.sunscreen");
  f.sunscreen_spf = p.real("timeline.sunscreen_spf");
  f.sunscreen_tinted = p.boolean("timeline.sunscreen_tinted");
  const auto& agent = p.text("timeline.lightening_agent");
  if (agent == "hydroquinone_before") f.lightening_agent = LighteningAgent::hydroquinone_before;
  if (agent == "tranexamic_acid_after") f.lightening_agent = LighteningAgent::tranexamic_acid_after;
  return f;
}

}  // namespace mnsim::response
