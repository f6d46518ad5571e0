#include "io/quantity_labels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <regex>
#include <tuple>

#include "io/markup_escape.hpp"

namespace mnsim::io {

namespace {

struct Entry {
  std::string_view key, label, plain, unit;
  bool probability = false;
};

// The predicted quantities of the plan (plan.json `predicted`) and of `simulate`'s response. The
// practitioner's labels fit `simulate`'s 28-character column; PIH is explained in the patient's words.
constexpr std::array<Entry, 13> quantities = {{
    {"barrier_recovery_h", "skin barrier recovered after", "skin barrier back to normal", "h"},
    {"channel_closure_half_life_h", "channels half closed after", "tiny needle openings closing", "h"},
    {"erythema_duration_h", "redness lasts", "redness", "h"},
    {"oedema_duration_h", "swelling lasts", "swelling", "h"},
    {"reepithelialisation_h", "re-epithelialised after", "skin surface healed", "h"},
    {"downtime_d", "visible downtime", "days with visible signs", "d"},
    {"scar_probability", "scar probability", "chance of a scar", "%", true},
    {"pih_probability", "PIH probability", "chance of dark patches after healing", "%", true},
    {"infection_probability", "infection probability", "chance of an infection", "%", true},
    {"bleeding_probability", "bleeding probability", "chance of pinpoint bleeding", "%", true},
    {"bruising_probability", "bruising probability", "chance of a bruise", "%", true},
    {"pih_duration_h", "PIH lasts, if it appears", "dark patches last", "h"},
    {"bruising_duration_h", "bruise lasts, if one appears", "a bruise lasts", "h"},
}};

// Keys with a day after the first session: "collagen_change_pct_d180" or "collagen_change_pct.180".
struct DayEntry {
  std::string_view prefix, label, plain;
};
constexpr std::array<DayEntry, 2> day_quantities = {{
    {"collagen_change_pct", "collagen change at day {}", "new collagen after {} days"},
    {"epidermal_thickness_change_pct", "epidermal thickness change at day {}", "change of the outer skin layer"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 8> goals = {{
    {"fine_lines", "fine lines"},
    {"atrophic_acne_scars", "atrophic acne scars"},
    {"other_scars", "surgical or traumatic scars"},
    {"texture", "skin texture"},
    {"dark_spots", "dark spots"},
    {"stretch_marks", "stretch marks"},
    {"hair_loss", "hair loss (androgenetic alopecia)"},
    {"product_delivery", "delivery of a product into the skin"},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> goals_plain = {{
    {"fine_lines", "fine lines"},
    {"atrophic_acne_scars", "acne scars"},
    {"other_scars", "scars"},
    {"texture", "skin texture"},
    {"dark_spots", "dark spots"},
    {"stretch_marks", "stretch marks"},
    {"hair_loss", "thinning hair"},
    {"product_delivery", "helping a skin product work"},
}};

// plan/aftercare.cpp's instruction ids.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> aftercare = {{
    {"herpes_prophylaxis", "antiviral medicine before the session"},
    {"bleeding", "bleeding that does not stop"},
    {"no_exfoliants", "no exfoliants, acids or retinoids"},
    {"gentle_cleansing", "gentle cleansing"},
    {"moisturiser", "bland moisturiser"},
    {"no_sweat_swim", "no pools, saunas or heavy sweating"},
    {"photoprotection", "sun and visible-light protection"},
    {"makeup", "makeup again"},
    {"consult_redness", "redness still there"},
    {"consult_swelling", "swelling still there"},
    {"watch_infection", "watch for infection"},
    {"watch_keloid", "watch for raised scars"},
    {"downtime", "visible signs (downtime)"},
}};

// data/plan/screening_rules.csv's ids and the rules the planner adds itself.
struct RuleEntry {
  std::string_view id, label, plain;
};
constexpr std::array<RuleEntry, 26> rules = {{
    {"pregnancy", "pregnancy or nursing", "pregnancy or breastfeeding"},
    {"age_under_18", "younger than 18", "being younger than 18"},
    {"age_under_22", "aged 18 to 21", ""},
    {"isotretinoin_current", "taking isotretinoin", "taking isotretinoin (acne tablets)"},
    {"isotretinoin_recent", "isotretinoin stopped less than 6 months ago", ""},
    {"anticoagulant", "blood thinners", ""},
    {"keloid_history", "history of keloids", ""},
    {"herpes_history", "history of cold sores (herpes)", ""},
    {"metal_allergy", "metal allergy", ""},
    {"immunosuppression", "immunosuppression", ""},
    {"diabetes", "diabetes", ""},
    {"darker_skin_pih", "Fitzpatrick IV-VI: pigmentation risk", ""},
    {"area_open_wound", "open wound in the area", "an open wound, sore or cut in this area"},
    {"area_infection", "skin infection in the area", "a skin infection in this area"},
    {"area_active_acne", "active acne across the area", "active acne spots in this area"},
    {"area_acne_treat_around", "active acne in listed zones: treated around", ""},
    {"area_recent_sunburn", "recent sunburn in the area", "recent sunburn in this area"},
    {"area_recent_resurfacing", "peel, laser or dermabrasion less than 4 weeks ago",
     "a recent peel, laser or dermabrasion of this area"},
    {"area_periorbital", "periorbital area: depth capped", ""},
    {"product_not_intradermal", "product not made for intradermal use", ""},
    {"high_strength_anaesthetic", "numbing product stronger than the licensed creams", ""},
    {"delivery_goal_without_product", "delivery goal without a product", ""},
    {"deep_setting", "needles deeper than 1.5 mm", ""},
    {"risk_limit_exceeded", "a risk limit is exceeded", ""},
    {"no_protocol_within_limits", "no protocol within the limits", ""},
    {"systemic_exposure", "blood level near the limit", ""},
}};

// Registry keys the planner names in its reasons and sources (plan/aftercare.cpp, plan/plan.cpp,
// plan/systemic.cpp), longest first so that no key is replaced inside a longer one.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> settings = {{
    {"aftercare.dark_skin_extra_photoprotection_d", "the extra-protection setting for darker skin"},
    {"planner.max_plasma_fraction_of_toxic", "the blood-level limit"},
    {"planner.max_infection_probability", "the infection limit"},
    {"planner.max_bruising_probability", "the bruising limit"},
    {"aftercare.min_photoprotection_d", "the shortest sun-protection setting"},
    {"aftercare.bleeding_pressure_min", "the bleeding-pressure setting"},
    {"planner.max_scar_probability", "the scar limit"},
    {"aftercare.min_exfoliant_ban_h", "the shortest exfoliant-ban setting"},
    {"aftercare.min_makeup_delay_h", "the shortest makeup-delay setting"},
    {"planner.max_pih_probability", "the PIH limit"},
    {"planner.benefit_equivalence", "the benefit-equivalence setting"},
    {"aftercare.keloid_watch_d", "the keloid-watch setting"},
    {"aftercare.herpes_lead_h", "the antiviral-lead setting"},
    {"planner.max_downtime_d", "the downtime limit"},
    {"plan.json systemic", "the blood-level table"},
    {"planner.max_*", "the plan's risk-limit settings"},
}};

template <typename Table>
std::string_view lookup(const Table& table, std::string_view key) {
  const auto it = std::find_if(table.begin(), table.end(), [&](const auto& e) { return e.first == key; });
  return it == table.end() ? std::string_view() : it->second;
}

// "collagen_change_pct_d180" or "collagen_change_pct.180" -> ("collagen_change_pct", 180).
std::optional<std::pair<std::string_view, int>> split_day(std::string_view key) {
  for (const std::string_view sep : {"_d", "."}) {
    const auto pos = key.rfind(sep);
    if (pos == std::string_view::npos) continue;
    const auto digits = key.substr(pos + sep.size());
    int day = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), day);
    if (!digits.empty() && ec == std::errc() && ptr == digits.data() + digits.size())
      return std::pair{key.substr(0, pos), day};
  }
  return std::nullopt;
}

}  // namespace

QuantityLabel quantity_label(std::string_view key) {
  for (const auto& e : quantities) {
    if (e.key == key) return {std::string(e.label), std::string(e.plain), std::string(e.unit), e.probability, true};
  }
  if (const auto split = split_day(key)) {
    for (const auto& d : day_quantities) {
      if (d.prefix != split->first) continue;
      return {fmt::format(fmt::runtime(d.label), split->second), fmt::format(fmt::runtime(d.plain), split->second), "%",
              false, true};
    }
  }
  // Unknown keys still read as words; the probability and duration suffixes keep their meaning.
  const bool probability = key.ends_with("_probability");
  std::string unit = probability ? "%" : key.ends_with("_h") ? "h" : key.ends_with("_d") ? "d" : "";
  std::string words = name_label(key);
  return {words, words, std::move(unit), probability, false};
}

Reading quantity_reading(std::string_view key) { return {.probability = quantity_label(key).probability}; }

std::string quantity_value(std::string_view key, double value, const Reading& reading) {
  const auto unit = quantity_label(key).unit;
  const auto number = value_text(value, reading);
  return unit.empty() ? number : fmt::format("{} {}", number, unit);
}

std::string quantity_value(std::string_view key, double value) {
  return quantity_value(key, value, quantity_reading(key));
}

std::string QuantityRange::text() const {
  if (single()) return median;
  return fmt::format("{} ({} to {})", median, p5, p95);
}

QuantityRange quantity_range(std::string_view key, double median, double p5, double p95, const Reading& reading) {
  return {quantity_value(key, median, reading), quantity_value(key, p5, reading), quantity_value(key, p95, reading)};
}

std::string quantity_bracketed(std::string_view key, double median, double p5, double p95, const Reading& reading) {
  const auto unit = quantity_label(key).unit;
  const auto text = bracketed(range_text(median, p5, p95, reading));
  return unit.empty() ? text : fmt::format("{} {}", text, unit);
}

std::vector<std::string> reading_order(std::vector<std::string> keys) {
  static constexpr std::array<std::string_view, 15> order = {"collagen_change_pct",
                                                             "epidermal_thickness_change_pct",
                                                             "downtime_d",
                                                             "erythema_duration_h",
                                                             "oedema_duration_h",
                                                             "reepithelialisation_h",
                                                             "barrier_recovery_h",
                                                             "channel_closure_half_life_h",
                                                             "pih_probability",
                                                             "scar_probability",
                                                             "infection_probability",
                                                             "bruising_probability",
                                                             "bleeding_probability",
                                                             "pih_duration_h",
                                                             "bruising_duration_h"};
  const auto rank = [](const std::string& key) {
    const auto split = split_day(key);
    const std::string_view stem = split ? split->first : std::string_view(key);
    const auto it = std::find(order.begin(), order.end(), stem);
    return std::tuple(it - order.begin(), split ? split->second : 0, key);
  };
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return keys;
}

std::string goal_label(std::string_view goal) {
  const auto label = lookup(goals, goal);
  return label.empty() ? name_label(goal) : std::string(label);
}

std::string goal_plain(std::string_view goal) {
  const auto label = lookup(goals_plain, goal);
  return label.empty() ? name_label(goal) : std::string(label);
}

std::string aftercare_label(std::string_view id) {
  // Product instructions carry the product's own name, which is the patient file's words.
  if (id.starts_with("product:")) return std::string(id.substr(8));
  const auto label = lookup(aftercare, id);
  return label.empty() ? name_label(id) : std::string(label);
}

std::string rule_label(std::string_view id) {
  const auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleEntry& r) { return r.id == id; });
  return it == rules.end() ? name_label(id) : std::string(it->label);
}

std::string rule_plain(std::string_view id) {
  const auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleEntry& r) { return r.id == id; });
  return it == rules.end() ? std::string() : std::string(it->plain);
}

std::string name_label(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string humanize_text(std::string_view text) {
  std::string out(text);
  for (const auto& [key, label] : settings) replace_all(out, key, label);
  // plan::violations_of writes "<what> p95 <value> > limit <value>" with raw shares (plan/ knows no
  // output formats); a probability reads in percent here as everywhere else.
  static const std::regex violation(R"(([A-Za-z]+) probability p95 ([0-9.eE+-]+) > limit ([0-9.eE+-]+))");
  std::string result;
  auto last = out.cbegin();
  for (auto it = std::sregex_iterator(out.begin(), out.end(), violation); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    result.append(last, m[0].first);
    const Reading percent{.probability = true};
    result += fmt::format("{} p95 {} % > limit {} %", m[1].str(), value_text(std::stod(m[2].str()), percent),
                          value_text(std::stod(m[3].str()), percent));
    last = m[0].second;
  }
  result.append(last, out.cend());
  return result;
}

const std::vector<std::string>& humanized_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const auto& [key, label] : settings) out.emplace_back(key);
    return out;
  }();
  return keys;
}

}  // namespace mnsim::io
