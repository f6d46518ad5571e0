#include "plan/screening.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/csv_table.hpp"
#include "core/error.hpp"

namespace mnsim::plan {

std::string_view to_string(Level level) {
  switch (level) {
    case Level::contraindication:
      return "contraindication";
    case Level::caution:
      return "caution";
    case Level::note:
      return "note";
  }
  return "note";
}

std::string_view to_string(Decision decision) {
  switch (decision) {
    case Decision::go:
      return "go";
    case Decision::caution:
      return "caution";
    case Decision::do_not_treat:
      return "do_not_treat";
  }
  return "go";
}

std::string_view to_string(Scope scope) {
  switch (scope) {
    case Scope::patient:
      return "patient";
    case Scope::area:
      return "area";
    case Scope::product:
      return "product";
  }
  return "patient";
}

const std::vector<std::string>& known_actions() {
  static const std::vector<std::string> actions = {"postpone",
                                                   "exclude_area",
                                                   "treat_around",
                                                   "max_depth_mm",
                                                   "pih_precautions",
                                                   "bleeding_precautions",
                                                   "herpes_prophylaxis_discussion",
                                                   "test_spot",
                                                   "keloid_watch",
                                                   "infection_watch",
                                                   "needle_material_check",
                                                   "informed_discussion",
                                                   "product_after_closure",
                                                   "none"};
  return actions;
}

namespace {

// History entries of patient.conditions that rules read as history.<name>; the skin-state
// entries of that list reach the rules through the area facts instead.
const std::array<const char*, 9> history_conditions = {
    "keloid_history", "isotretinoin_recent", "anticoagulant", "antiplatelet",     "diabetes",
    "pregnancy",      "herpes_history",      "metal_allergy", "immunosuppression"};

}  // namespace

const FactSchema& fact_schema() {
  static const FactSchema schema = [] {
    FactSchema s = {
        {"patient.age_y", FactType::number},
        {"patient.fitzpatrick", FactType::number},
        {"patient.sex", FactType::text},
        {"patient.species", FactType::text},
        {"history.isotretinoin_stopped_months_ago", FactType::number},
        {"goal.kind", FactType::text},
        {"device.type", FactType::text},
        {"device.needle_length_mm", FactType::number},
        {"plan.product_count", FactType::number},
        {"area.name", FactType::text},
        {"area.site", FactType::text},
        {"area.goal", FactType::text},
        {"area.active_acne_lesions", FactType::number},
        {"area.exclude_zone_count", FactType::number},
        {"area.open_wound", FactType::boolean},
        {"area.infection", FactType::boolean},
        {"area.recent_sunburn", FactType::boolean},
        {"area.recent_resurfacing_weeks_ago", FactType::number},
        {"product.name", FactType::text},
        {"product.compound", FactType::text},
        {"product.intradermal_grade", FactType::boolean},
        {"product.concentration_pct", FactType::number},
        {"product.applied_h", FactType::number},
        {"product.removed_h", FactType::number},
        {"product.on_needled_skin", FactType::boolean},
    };
    for (const char* c : history_conditions) s.emplace(fmt::format("history.{}", c), FactType::boolean);
    return s;
  }();
  return schema;
}

FactMap patient_facts(const PatientFile& patient) {
  FactMap f = {
      {"patient.age_y", patient.age_y},
      {"patient.fitzpatrick", static_cast<double>(patient.fitzpatrick)},
      {"patient.sex", patient.sex},
      {"patient.species", patient.species},
      {"goal.kind", patient.goal},
      {"device.type", patient.device_type},
      {"device.needle_length_mm", patient.device_needle_length_mm},
      {"plan.product_count", static_cast<double>(patient.products.size())},
  };
  for (const char* c : history_conditions) f.emplace(fmt::format("history.{}", c), patient.has_condition(c));
  if (patient.isotretinoin_stopped_months_ago) {
    f.emplace("history.isotretinoin_stopped_months_ago", *patient.isotretinoin_stopped_months_ago);
  }
  return f;
}

FactMap area_facts(const PatientFile& patient, const Area& area) {
  FactMap f = patient_facts(patient);
  f.insert_or_assign("area.name", area.name);
  f.insert_or_assign("area.site", area.site);
  f.insert_or_assign("area.goal", area.goal);
  f.insert_or_assign("area.active_acne_lesions", static_cast<double>(area.active_acne_lesions));
  f.insert_or_assign("area.exclude_zone_count", static_cast<double>(area.exclude_zones.size()));
  f.insert_or_assign("area.open_wound", area.open_wound);
  f.insert_or_assign("area.infection", area.infection);
  f.insert_or_assign("area.recent_sunburn", area.recent_sunburn);
  if (area.recent_resurfacing_weeks_ago) {
    f.insert_or_assign("area.recent_resurfacing_weeks_ago", *area.recent_resurfacing_weeks_ago);
  }
  return f;
}

FactMap product_facts(const PatientFile& patient, const PlannedProduct& product) {
  FactMap f = patient_facts(patient);
  f.insert_or_assign("product.name", product.name);
  f.insert_or_assign("product.compound", product.compound);
  f.insert_or_assign("product.intradermal_grade", product.intradermal_grade);
  f.insert_or_assign("product.concentration_pct", product.concentration_pct);
  f.insert_or_assign("product.applied_h", product.applied_h);
  if (product.removed_h) f.insert_or_assign("product.removed_h", *product.removed_h);
  // Wiped off before the needles (a numbing cream), a product never meets open channels.
  f.insert_or_assign("product.on_needled_skin", !(product.removed_h && *product.removed_h <= 0.0));
  return f;
}

namespace {

Level parse_level(const std::string& text, const CsvRowContext& where) {
  if (text == "contraindication") return Level::contraindication;
  if (text == "caution") return Level::caution;
  if (text == "note") return Level::note;
  throw DataError(
      fmt::format("{}:{}: level \"{}\" is not one of contraindication, caution, note", where.file, where.line, text));
}

std::vector<Action> parse_actions(const std::string& text, const CsvRowContext& where) {
  std::vector<Action> actions;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const auto end = std::min(text.find(';', begin), text.size());
    std::string item = text.substr(begin, end - begin);
    begin = end + 1;
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item.empty()) continue;
    Action action;
    const auto equals = item.find('=');
    action.name = item.substr(0, equals);
    if (equals != std::string::npos) action.value = csv_number(item.substr(equals + 1), where, "action");
    const auto& known = known_actions();
    if (std::find(known.begin(), known.end(), action.name) == known.end()) {
      throw DataError(fmt::format("{}:{}: unknown action \"{}\"", where.file, where.line, action.name));
    }
    if (action.name == "max_depth_mm" && !action.value) {
      throw DataError(fmt::format("{}:{}: max_depth_mm needs a value (max_depth_mm=1.0)", where.file, where.line));
    }
    actions.push_back(std::move(action));
  }
  if (actions.empty()) throw DataError(fmt::format("{}:{}: a rule needs an action", where.file, where.line));
  return actions;
}

Scope scope_of(const Condition& condition, const CsvRowContext& where) {
  const auto reads = [&](std::string_view prefix) {
    return std::any_of(condition.facts().begin(), condition.facts().end(),
                       [&](const std::string& f) { return f.starts_with(prefix); });
  };
  const bool area = reads("area.");
  const bool product = reads("product.");
  if (area && product) {
    throw DataError(fmt::format("{}:{}: a condition reads area and product facts; split it", where.file, where.line));
  }
  return area ? Scope::area : product ? Scope::product : Scope::patient;
}

}  // namespace

RuleSet RuleSet::from_file(const std::filesystem::path& file) {
  RuleSet set;
  read_csv_table(file, std::array{"id", "level", "condition", "reason", "action", "source", "tag"},
                 [&](const std::array<std::string, 7>& f, const CsvRowContext& where) {
                   Rule rule{.id = f[0], .level = parse_level(f[1], where)};
                   try {
                     rule.condition = Condition::parse(f[2], fact_schema());
                   } catch (const std::invalid_argument& e) {
                     throw DataError(fmt::format("{}:{}: rule {}: {}", where.file, where.line, f[0], e.what()));
                   }
                   rule.scope = scope_of(rule.condition, where);
                   rule.reason = f[3];
                   rule.actions = parse_actions(f[4], where);
                   rule.source = f[5];
                   rule.tag = f[6];
                   if (rule.id.empty() || rule.reason.empty() || rule.source.empty()) {
                     throw DataError(fmt::format("{}:{}: id, reason and source are required", where.file, where.line));
                   }
                   if (set.find(rule.id) != nullptr) {
                     throw DataError(fmt::format("{}:{}: rule id {} appears twice", where.file, where.line, rule.id));
                   }
                   set.rules_.push_back(std::move(rule));
                 });
  return set;
}

RuleSet RuleSet::load(const std::filesystem::path& data_dir) {
  return from_file(data_dir / "plan" / "screening_rules.csv");
}

const Rule* RuleSet::find(std::string_view id) const {
  const auto it = std::find_if(rules_.begin(), rules_.end(), [&](const Rule& r) { return r.id == id; });
  return it == rules_.end() ? nullptr : &*it;
}

bool Verdict::has_action(std::string_view name) const {
  return std::any_of(triggered.begin(), triggered.end(), [&](const TriggeredRule& t) {
    return std::any_of(t.actions.begin(), t.actions.end(), [&](const Action& a) { return a.name == name; });
  });
}

bool Verdict::triggered_rule(std::string_view id) const {
  return std::any_of(triggered.begin(), triggered.end(), [&](const TriggeredRule& t) { return t.id == id; });
}

std::vector<std::string> Verdict::rule_ids() const {
  std::vector<std::string> ids;
  for (const auto& t : triggered) {
    if (std::find(ids.begin(), ids.end(), t.id) == ids.end()) ids.push_back(t.id);
  }
  return ids;
}

namespace {

TriggeredRule trigger(const Rule& rule, std::string subject) {
  return {.id = rule.id,
          .level = rule.level,
          .scope = rule.scope,
          .subject = std::move(subject),
          .reason = rule.reason,
          .source = rule.source,
          .actions = rule.actions,
          .tag = rule.tag};
}

// Applies a triggered rule's actions to one area.
void apply(const TriggeredRule& t, AreaVerdict& area) {
  area.rule_ids.push_back(t.id);
  if (t.level == Level::contraindication && t.scope == Scope::area) area.excluded = true;
  for (const auto& a : t.actions) {
    if (a.name == "exclude_area") area.excluded = true;
    if (a.name == "max_depth_mm") area.max_depth_mm = std::min(area.max_depth_mm.value_or(*a.value), *a.value);
  }
}

}  // namespace

Verdict screen(const PatientFile& patient, const RuleSet& rules) {
  Verdict verdict;
  for (const auto& area : patient.areas) {
    verdict.areas.push_back({.name = area.name,
                             .site = area.site,
                             .goal = area.goal,
                             .area_cm2 = area.area_cm2,
                             .exclude_zones = area.exclude_zones});
  }

  const FactMap facts = patient_facts(patient);
  bool patient_contraindicated = false;
  for (const auto& rule : rules.rules()) {
    if (rule.scope != Scope::patient || !rule.condition.holds(facts)) continue;
    verdict.triggered.push_back(trigger(rule, ""));
    patient_contraindicated = patient_contraindicated || rule.level == Level::contraindication;
    for (auto& area : verdict.areas) apply(verdict.triggered.back(), area);
  }
  for (std::size_t i = 0; i < patient.areas.size(); ++i) {
    const FactMap af = area_facts(patient, patient.areas[i]);
    for (const auto& rule : rules.rules()) {
      if (rule.scope != Scope::area || !rule.condition.holds(af)) continue;
      verdict.triggered.push_back(trigger(rule, patient.areas[i].name));
      apply(verdict.triggered.back(), verdict.areas[i]);
    }
  }
  for (const auto& product : patient.products) {
    const FactMap pf = product_facts(patient, product);
    for (const auto& rule : rules.rules()) {
      if (rule.scope == Scope::product && rule.condition.holds(pf))
        verdict.triggered.push_back(trigger(rule, product.name));
    }
  }

  const bool all_excluded =
      std::all_of(verdict.areas.begin(), verdict.areas.end(), [](const AreaVerdict& a) { return a.excluded; });
  const bool any_excluded =
      std::any_of(verdict.areas.begin(), verdict.areas.end(), [](const AreaVerdict& a) { return a.excluded; });
  const bool any_concern = std::any_of(verdict.triggered.begin(), verdict.triggered.end(),
                                       [](const TriggeredRule& t) { return t.level != Level::note; });
  if (patient_contraindicated || all_excluded) {
    verdict.decision = Decision::do_not_treat;
  } else if (any_concern || any_excluded) {
    verdict.decision = Decision::caution;
  }
  return verdict;
}

}  // namespace mnsim::plan
