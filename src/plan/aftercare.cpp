#include "plan/aftercare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace mnsim::plan {

AftercareSettings read_aftercare_settings(const ParameterSet& p) {
  return {.min_exfoliant_ban_h = p.real("aftercare.min_exfoliant_ban_h"),
          .min_makeup_delay_h = p.real("aftercare.min_makeup_delay_h"),
          .min_photoprotection_d = p.real("aftercare.min_photoprotection_d"),
          .dark_skin_extra_photoprotection_d = p.real("aftercare.dark_skin_extra_photoprotection_d"),
          .bleeding_pressure_min = p.real("aftercare.bleeding_pressure_min"),
          .keloid_watch_d = p.real("aftercare.keloid_watch_d"),
          .herpes_lead_h = p.real("aftercare.herpes_lead_h")};
}

bool is_exfoliant_or_retinoid(const std::string& compound) {
  // Retinoids and hydroxy acids by chemical class; L-ascorbic acid serums are acidic (pH about
  // 3) and are the products implicated in granulomas after needling (Soltani-Arabshahi et al.
  // 2014, JAMA Dermatol 150:68).
  static const std::array<const char*, 11> irritants = {
      "retinol",     "retinal",        "tretinoin",     "adapalene",    "tazarotene",   "glycolic_acid",
      "lactic_acid", "salicylic_acid", "mandelic_acid", "azelaic_acid", "ascorbic_acid"};
  return std::any_of(irritants.begin(), irritants.end(), [&](const char* c) { return compound == c; });
}

namespace {

constexpr const char* model_source = "model prediction (mnsim response engine)";

std::string range_h(const Quantiles& q) {
  return fmt::format("{:.0f} h (90 % range {:.0f} to {:.0f} h)", q.median, q.p5, q.p95);
}

}  // namespace

std::vector<AftercareItem> derive_aftercare(const PredictedCourse& c, const Verdict& verdict,
                                            const AftercareSettings& s) {
  std::vector<AftercareItem> items;
  const double closed_h = std::max(0.0, c.channel_closure_h.p95);
  const double barrier_h = std::max(closed_h, c.barrier_recovery_h.p95);
  const double ban_end_h = std::max({s.min_exfoliant_ban_h, c.barrier_recovery_h.p95, c.reepithelialisation_h.p95});

  if (verdict.has_action("herpes_prophylaxis_discussion")) {
    items.push_back({.id = "herpes_prophylaxis",
                     .kind = "before",
                     .instruction = "Ask your clinician whether you should take an antiviral medicine before the "
                                    "session (history of cold sores).",
                     .start_h = -s.herpes_lead_h,
                     .end_h = 0.0,
                     .reason = "Skin injury can reactivate herpes simplex; prophylaxis has to start before the "
                               "session to help.",
                     .source = "HSV after 1.77 % of non-ablative fractional laser treatments (Graber et al. 2008, "
                               "Dermatol Surg 34:301); timing: aftercare.herpes_lead_h (assumption)"});
  }

  std::string bleeding = fmt::format(
      "Pinpoint bleeding during and just after the session is expected. If bleeding has not stopped after {:g} "
      "minutes of gentle pressure with clean gauze, contact a professional.",
      s.bleeding_pressure_min);
  if (verdict.has_action("bleeding_precautions")) {
    bleeding +=
        " You take a medicine that thins the blood: more bleeding and bruising are likely; do not stop it "
        "without your prescriber.";
  }
  items.push_back({.id = "bleeding",
                   .kind = "consult",
                   .instruction = bleeding,
                   .start_h = 0.0,
                   .end_h = 24.0,
                   .reason = "Needling past the papillary dermis opens capillaries; bleeding that does not stop with "
                             "pressure is outside the normal course.",
                   .source = "general first-aid guidance (aftercare.bleeding_pressure_min); the model predicts "
                             "bruising odds, not bleeding time"});

  items.push_back(
      {.id = "no_exfoliants",
       .kind = "avoid",
       .instruction = "No exfoliants, scrubs, acids (AHA, BHA, vitamin C serums) or retinoids on the "
                      "treated area.",
       .start_h = 0.0,
       .end_h = ban_end_h,
       .reason = fmt::format("The skin barrier is predicted to recover in {} and the punctures to "
                             "re-epithelialise in {}; the ban lasts until the later 95th percentile and "
                             "at least {:g} h.",
                             range_h(c.barrier_recovery_h), range_h(c.reepithelialisation_h), s.min_exfoliant_ban_h),
       .source = "barrier: model prediction; the 24 h minimum is a convention with no primary study "
                 "(consistent with TEWL above baseline at 24-48 h after 0.5-1.5 mm needling, Sasaki 2019, "
                 "Aesthet Surg J Open Forum 1:ojz017)"});

  items.push_back({.id = "gentle_cleansing",
                   .kind = "do",
                   .instruction = "Cleanse gently with lukewarm water and a mild, fragrance-free cleanser; pat dry, "
                                  "do not rub. Before this time, leave the area alone.",
                   .start_h = closed_h,
                   .end_h = barrier_h,
                   .reason = fmt::format("The channels are predicted to close at the surface in {}; until then only "
                                         "sterile products touch the skin. Gentle until the barrier has recovered.",
                                         range_h(c.channel_closure_h)),
                   .source = model_source});

  items.push_back(
      {.id = "moisturiser",
       .kind = "do",
       .instruction = "Apply a bland, fragrance-free moisturiser twice a day.",
       .start_h = closed_h,
       .end_h = barrier_h,
       .reason = fmt::format("Supports the barrier, predicted to recover in {}.", range_h(c.barrier_recovery_h)),
       .source = "moisturiser reduced the TEWL rise after fractional CO2 laser (Kim JM et al. 2013, J Skin "
                 "Barrier Res 15:108); timing: model prediction"});

  const double avoid_end_h = std::max(closed_h, c.infection_window_h.p95);
  items.push_back({.id = "no_sweat_swim",
                   .kind = "avoid",
                   .instruction = "Avoid swimming pools, saunas, heavy sweating, and touching the area with "
                                  "unwashed hands.",
                   .start_h = 0.0,
                   .end_h = avoid_end_h,
                   .reason = fmt::format("The infection hazard is predicted to stay above baseline for {}.",
                                         range_h(c.infection_window_h)),
                   .source = model_source});

  const bool darker = c.fitzpatrick >= 4 || verdict.has_action("pih_precautions");
  const double hazard_end_h =
      std::max({c.pih_elevated_until_h.p95, c.erythema_duration_h.p95, 24.0 * s.min_photoprotection_d});
  const double sun_end_h = hazard_end_h + (darker ? 24.0 * s.dark_skin_extra_photoprotection_d : 0.0);
  std::string sun = fmt::format(
      "Protect the area from sun and visible light: shade and a hat, and from {:.0f} h (when the channels have "
      "closed) a broad-spectrum SPF 30+ sunscreen, reapplied every 2 h outdoors.",
      closed_h);
  if (darker) sun += " Use a tinted sunscreen with iron oxides, which also blocks visible light.";
  items.push_back(
      {.id = "photoprotection",
       .kind = "do",
       .instruction = sun,
       .start_h = 0.0,
       .end_h = sun_end_h,
       .reason = fmt::format("The pigmentation hazard is predicted to stay elevated for {}{}.",
                             range_h(c.pih_elevated_until_h),
                             darker ? fmt::format("; for Fitzpatrick IV-VI protection continues {:g} days longer",
                                                  s.dark_skin_extra_photoprotection_d)
                                    : std::string()),
       .source = darker ? "model prediction; visible light pigments skin types IV-VI darker and longer than UVA1 "
                          "(Mahmoud et al. 2010, J Invest Dermatol 130:2092); extra days: assumption"
                        : "model prediction; at least aftercare.min_photoprotection_d (Chu et al. 2021, Dermatol Surg "
                          "47:1249: transient effects resolve within 7 days)"});
  // What people with darker skin are often told to add, and what the trials found of it.
  if (darker) {
    items.push_back(
        {.id = "lightening_creams",
         .kind = "info",
         .instruction = "Bleaching creams (hydroquinone) in the weeks before the session, or tranexamic acid "
                        "tablets after it, did not lower how often darkening followed laser treatments in "
                        "randomised trials; sun and visible-light protection is the precaution this plan relies on.",
         .start_h = -24.0 * 14.0,
         .end_h = 0.0,
         .reason = "Randomised trials found no change in the incidence of hyperpigmentation; the predicted "
                   "pigmentation hazard takes these treatments as having no effect.",
         .source = "hydroquinone 4 % + tretinoin for 2 weeks or more before CO2 resurfacing, 100 patients "
                   "randomised: no significant difference (Dermatol Surg 1999;25:15); oral tranexamic acid after "
                   "Q-switched lasers: no significant difference (Dermatol Surg 2011;37:605; Lasers Surg Med "
                   "2019, doi 10.1002/lsm.23135)"});
  }

  const double makeup_h = std::max(s.min_makeup_delay_h, closed_h);
  items.push_back(
      {.id = "makeup",
       .kind = "from",
       .instruction = "Makeup may be used again (preferably mineral, with clean brushes).",
       .start_h = makeup_h,
       .end_h = makeup_h,
       .reason = fmt::format("After the channels have closed ({}) and at least {:g} h.", range_h(c.channel_closure_h),
                             s.min_makeup_delay_h),
       .source = "channel closure: model prediction; 24 h minimum: aftercare convention, no primary study"});

  for (const auto& product : c.products) {
    AftercareItem item{.id = "product:" + product.name, .kind = "from"};
    if (product.removed_h && *product.removed_h <= 0.0) {
      // Used before the session only (a numbing cream): one event, from on to off.
      items.push_back(
          {.id = item.id,
           .kind = "before",
           .instruction = fmt::format("{}: on {:.2g} h before the session, wiped off completely {} and the skin "
                                      "cleansed before the needles. Not put back on the needled skin.",
                                      product.name, -product.applied_h,
                                      *product.removed_h < 0.0 ? fmt::format("{:.2g} h before it", -*product.removed_h)
                                                               : std::string("as it starts")),
           .start_h = product.applied_h,
           .end_h = *product.removed_h,
           .reason = "Wiped off before the needles it does not enter the open channels; on needled skin far more of "
                     "it goes through them (for a numbing cream, the blood level: plan.json systemic).",
           .source = "model prediction (transport through needled and intact skin); granulomas from topicals "
                     "delivered through channels (Soltani-Arabshahi et al. 2014, JAMA Dermatol 150:68)"});
      continue;
    }
    if (product.intradermal_grade) {
      item.start_h = product.applied_h;
      item.instruction = fmt::format("{} may be applied as planned (sterile, made for intradermal use).", product.name);
      item.reason = "A sterile product made for intradermal use may enter open channels.";
      item.source = "device labelling: only products made for intradermal use into open channels";
    } else if (is_exfoliant_or_retinoid(product.compound)) {
      item.start_h = std::max(product.applied_h, ban_end_h);
      item.instruction = fmt::format("{} may be used again from now on.", product.name);
      item.reason = "It contains an acid or a retinoid: it waits for the end of the exfoliant ban.";
      item.source =
          "Soltani-Arabshahi et al. 2014, JAMA Dermatol 150:68 (granulomas after needling with a vitamin "
          "C serum)";
    } else {
      item.start_h = std::max(product.applied_h, closed_h);
      item.instruction = fmt::format("{} may be applied from now on.", product.name);
      item.reason = fmt::format("Not made for intradermal use: it waits until the channels have closed ({}).",
                                range_h(c.channel_closure_h));
      item.source =
          "granulomas from topicals delivered through channels (Soltani-Arabshahi et al. 2014, JAMA "
          "Dermatol 150:68); channel closure: model prediction";
    }
    item.end_h = item.start_h;
    items.push_back(std::move(item));
  }

  // Signs outside the predicted normal course: still there beyond the 95th percentile.
  const auto consult_beyond_p95 = [&](std::string id, std::string_view sign, std::string_view predicted,
                                      std::string_view gone, const Quantiles& q) {
    items.push_back({.id = std::move(id),
                     .kind = "consult",
                     .instruction = fmt::format("{} should have {} by now (expected about {:.0f} h). If it is still "
                                                "there or getting worse, contact a professional.",
                                                sign, gone, q.median),
                     .start_h = q.p95,
                     .end_h = q.p95,
                     .reason = fmt::format("Predicted {}: {}; beyond the 95th percentile is outside the predicted "
                                           "normal course.",
                                           predicted, range_h(q)),
                     .source = model_source});
  };
  consult_beyond_p95("consult_redness", "Redness", "redness", "faded", c.erythema_duration_h);
  consult_beyond_p95("consult_swelling", "Swelling", "swelling", "gone", c.oedema_duration_h);

  const double infection_end_h = std::max(c.infection_window_h.p95, c.reepithelialisation_h.p95) *
                                 (verdict.has_action("infection_watch") ? 2.0 : 1.0);
  items.push_back({.id = "watch_infection",
                   .kind = "watch",
                   .instruction = "Watch for signs of infection: increasing pain, warmth or swelling, pus, red streaks "
                                  "or fever. If any appear, contact a professional the same day.",
                   .start_h = 0.0,
                   .end_h = infection_end_h,
                   .reason = verdict.has_action("infection_watch")
                                 ? "Healing may be slower (diabetes or immunosuppression): the watch lasts twice the "
                                   "predicted infection window."
                                 : fmt::format("The infection hazard is predicted to stay above baseline for {}.",
                                               range_h(c.infection_window_h)),
                   .source = verdict.has_action("infection_watch")
                                 ? "model prediction; doubling: assumption, no study gives the duration"
                                 : model_source});

  if (verdict.has_action("keloid_watch")) {
    items.push_back({.id = "watch_keloid",
                     .kind = "watch",
                     .instruction = "Look at the treated area every week: a raised, firm, itchy or growing scar needs "
                                    "a professional early.",
                     .start_h = c.reepithelialisation_h.p95,
                     .end_h = 24.0 * s.keloid_watch_d,
                     .reason = "History of keloids: abnormal scarring shows during remodelling, weeks to months "
                               "after the session.",
                     .source = "remodelling phase lasts months (Fernandes & Signorini 2008, Clin Dermatol 26:192); "
                               "duration: aftercare.keloid_watch_d (assumption)"});
  }

  items.push_back({.id = "downtime",
                   .kind = "info",
                   .instruction = fmt::format("Visible signs of the treatment (social downtime): about {:.1f} days "
                                              "(90 % range {:.1f} to {:.1f}).",
                                              c.downtime_d.median, c.downtime_d.p5, c.downtime_d.p95),
                   .start_h = 0.0,
                   .end_h = 24.0 * c.downtime_d.p95,
                   .reason = "Predicted course of redness, swelling and flaking.",
                   .source = model_source});

  std::stable_sort(items.begin(), items.end(),
                   [](const AftercareItem& a, const AftercareItem& b) { return a.start_h < b.start_h; });
  return items;
}

}  // namespace mnsim::plan
