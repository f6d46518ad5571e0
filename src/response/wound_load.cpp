#include "response/wound_load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/statistics.hpp"

namespace mnsim::response {

WoundLoad wound_load_from(const mechanics::Injury& injury, const skin::SkinModel& skin) {
  const auto& s = injury.summary;
  WoundLoad load;
  load.procedure = "microneedling";
  load.wounds_per_cm2 = s.punctures_per_cm2;
  // What stays open and must be re-covered is the residual channel (the rest of the puncture
  // closes elastically); mechanics computes coverage and merging on the channel radii too.
  load.wounded_area_fraction = s.confluence.coverage_fraction;
  load.confluent_fraction = s.confluence.confluent_fraction;
  load.max_confluent_width_um = s.confluence.max_confluent_width_um;
  if (!injury.channel_radius_um.empty()) {
    std::vector<double> width(injury.channel_radius_um.size());
    std::transform(injury.channel_radius_um.begin(), injury.channel_radius_um.end(), width.begin(),
                   [](float r) { return 2.0 * static_cast<double>(r); });
    const auto q = quantiles(std::move(width), {0.5, 0.9});
    load.wound_width_um_mean = s.channel_diameter_um_mean;
    load.wound_width_um_p90 = q[1];
  }
  load.epidermal_removal_fraction = 0.0;  // needles displace and tear tissue, they remove none
  load.depth_um_mean = s.depth_um.mean;
  load.depth_um_p90 = s.depth_um.p90;
  load.channel_depth_um_mean = s.channel_depth_um.mean;
  load.dermal_involvement_fraction = 0.0;
  for (auto id : {skin::LayerId::papillary_dermis, skin::LayerId::reticular_dermis, skin::LayerId::hypodermis}) {
    load.dermal_involvement_fraction += s.layer_fraction[static_cast<std::size_t>(id)];
  }
  load.dermal_involvement_fraction = std::clamp(load.dermal_involvement_fraction, 0.0, 1.0);
  load.injured_volume_mm3_per_cm2 = s.injured_volume_mm3_per_cm2;
  load.vascularised_volume_mm3_per_cm2 = s.vascularised_volume_mm3_per_cm2;
  load.thermal = false;
  load.coagulation_margin_um = 0.0;
  load.bleeding_fraction = s.bleeding_fraction;
  load.epidermis_um = skin.epidermis_um();
  load.dermis_um = skin.dermis_um();
  return load;
}

void check(const WoundLoad& load) {
  const auto fail = [&](const char* field, double value, const char* expected) {
    throw InputError({}, fmt::format("wound_load.{}", field),
                     fmt::format("{} wound load: {} = {} is not {}", load.procedure, field, value, expected));
  };
  const auto fraction = [&](const char* field, double value) {
    if (!(value >= 0.0 && value <= 1.0)) fail(field, value, "a fraction from 0 to 1");
  };
  const auto size = [&](const char* field, double value) {
    if (!(value >= 0.0 && std::isfinite(value))) fail(field, value, "a finite non-negative number");
  };
  fraction("wounded_area_fraction", load.wounded_area_fraction);
  fraction("destroyed_share", load.destroyed_share);
  fraction("confluent_fraction", load.confluent_fraction);
  fraction("epidermal_removal_fraction", load.epidermal_removal_fraction);
  fraction("dermal_involvement_fraction", load.dermal_involvement_fraction);
  fraction("bleeding_fraction", load.bleeding_fraction);
  size("wounds_per_cm2", load.wounds_per_cm2);
  size("wound_width_um_mean", load.wound_width_um_mean);
  size("wound_width_um_p90", load.wound_width_um_p90);
  size("max_confluent_width_um", load.max_confluent_width_um);
  size("depth_um_mean", load.depth_um_mean);
  size("depth_um_p90", load.depth_um_p90);
  size("injured_volume_mm3_per_cm2", load.injured_volume_mm3_per_cm2);
  size("vascularised_volume_mm3_per_cm2", load.vascularised_volume_mm3_per_cm2);
  size("coagulation_margin_um", load.coagulation_margin_um);
  if (load.epidermal_removal_fraction > load.wounded_area_fraction) {
    fail("epidermal_removal_fraction", load.epidermal_removal_fraction, "at most wounded_area_fraction");
  }
  if (load.wounded_area_fraction > 0.0 && !(load.epidermis_um > 0.0 && load.dermis_um > 0.0)) {
    fail("epidermis_um", load.epidermis_um, "positive (with dermis_um) when there is a wound");
  }
}

}  // namespace mnsim::response
