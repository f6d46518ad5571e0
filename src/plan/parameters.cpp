#include "plan/parameters.hpp"

#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

namespace mnsim::plan {

namespace {

std::vector<std::string> goal_choices() { return {std::begin(goal_kinds), std::end(goal_kinds)}; }

void declare_patient_history(Registry& registry) {
  // Yes/no history lives in patient.conditions (declared by skin, also read by the bleeding
  // hazard); only the number the screening rules need is added here.
  registry.add({.path = "patient.isotretinoin_stopped_months_ago",
                .type = ParamType::real,
                .unit = "months",
                .min = 0.0,
                .max = 240.0,
                .optional = true,
                .description = "months since the last dose of oral isotretinoin (0 = still taking it); unset: none "
                               "in recent years, unless patient.conditions lists isotretinoin_recent",
                .source = "model input; read by the isotretinoin screening rules (Spring et al. 2017, JAMA Dermatol "
                          "153:802)"});
}

void declare_areas(Registry& registry) {
  const ParamSpec* site = registry.find("site.name");
  registry.add({.path = "area[].name",
                .type = ParamType::string,
                .description = "name of the treatment area as outputs show it, e.g. left_cheek (required)",
                .source = "model input"});
  registry.add({.path = "area[].site",
                .type = ParamType::choice,
                .choices = site != nullptr ? site->choices : std::vector<std::string>{},
                .default_value = Value{std::string("cheek")},
                .description = "body site of the area (its skin comes from the atlas)",
                .source = "data/skin/layers.csv"});
  registry.add({.path = "area[].goal",
                .type = ParamType::choice,
                .choices = goal_choices(),
                .optional = true,
                .description = "goal for this area; unset: goal.kind",
                .source = "model input"});
  registry.add({.path = "area[].area_cm2",
                .type = ParamType::real,
                .unit = "cm2",
                .min = 0.01,
                .max = 2000.0,
                .optional = true,
                .description = "size of the area; unset: protocol.area_cm2",
                .source = "model input"});
  registry.add({.path = "area[].active_acne_lesions",
                .type = ParamType::integer,
                .min = 0.0,
                .max = 1000.0,
                .default_value = Value{std::int64_t{0}},
                .description = "active inflammatory acne lesions (papules, pustules, nodules) in the area today",
                .source = "model input"});
  registry.add({.path = "area[].exclude_zones",
                .type = ParamType::string_list,
                .default_value = Value{StringList{}},
                .description = "zones of the area left untreated (e.g. around lesions); the rest is treated around "
                               "them",
                .source = "model input"});
  registry.add({.path = "area[].open_wound",
                .type = ParamType::boolean,
                .default_value = Value{false},
                .description = "an open wound, sore or cut in the area today",
                .source = "model input"});
  registry.add({.path = "area[].infection",
                .type = ParamType::boolean,
                .default_value = Value{false},
                .description = "an active skin infection in the area (bacterial, fungal, viral such as a cold sore)",
                .source = "model input"});
  registry.add({.path = "area[].recent_sunburn",
                .type = ParamType::boolean,
                .default_value = Value{false},
                .description = "sunburn in the area in the last two weeks",
                .source = "model input"});
  registry.add({.path = "area[].recent_resurfacing_weeks_ago",
                .type = ParamType::real,
                .unit = "weeks",
                .min = 0.0,
                .max = 520.0,
                .optional = true,
                .description = "weeks since a chemical peel, laser or dermabrasion of the area; unset: none recently",
                .source = "model input"});
}

// The clinic's name, for the patient's page (its consent block and whom to call); a file without it
// gets a blank line to fill in by hand.
void declare_clinic(Registry& registry) {
  registry.add({.path = "clinic.name",
                .type = ParamType::string,
                .default_value = Value{std::string("")},
                .description = "name of the clinic as the patient's page shows it (consent block, whom to call); "
                               "empty: a blank line to fill in",
                .source = "user input"});
}

void declare_goal(Registry& registry) {
  registry.add({.path = "goal.kind",
                .type = ParamType::choice,
                .choices = goal_choices(),
                .default_value = Value{std::string("fine_lines")},
                .description = "what the treatment is for (each area may name its own with area[].goal)",
                .source = "model input; depth ranges per goal in data/plan/depth_by_goal.csv"});
}

// Risk limits are the practitioner's policy, not literature values; the defaults sit near the
// published incidences so that a protocol the literature calls typical passes.
void declare_planner(Registry& registry) {
  registry.add({.path = "planner.max_scar_probability",
                .type = ParamType::real,
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.02},
                .description = "largest acceptable 95th percentile of the predicted scar probability",
                .source = "policy default; tram-track scarring in up to 5.3 % of one aggressive acne-scar series "
                          "(acne.org summary, secondary) and none serious in 58 scar studies (Juhasz & Cohen 2020, "
                          "Clin Cosmet Investig Dermatol 13:997)"});
  registry.add({.path = "planner.max_pih_probability",
                .type = ParamType::real,
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.10},
                .description = "largest acceptable 95th percentile of the predicted probability of "
                               "post-inflammatory hyperpigmentation",
                .source = "policy default; PIH after microneedling about 0-5 % in most series, up to 13.8 % in one "
                          "(shared research healing.md R5); no worsening in 39 patients of types III-V"});
  registry.add({.path = "planner.max_infection_probability",
                .type = ParamType::real,
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.01},
                .description = "largest acceptable 95th percentile of the predicted infection probability",
                .source = "policy default; no bacterial infections reported in acne-scar needling series (Harris et "
                          "al. 2015, Int J Womens Dermatol 1:77)"});
  registry.add({.path = "planner.max_bruising_probability",
                .type = ParamType::real,
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.10},
                .description = "largest acceptable 95th percentile of the predicted bruising probability",
                .source = "policy default; ecchymoses in up to 2.8 % of acne-scar patients (acne.org summary, "
                          "secondary: data/validation/bruising_incidence.csv)"});
  registry.add({.path = "planner.max_downtime_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 0.0,
                .max = 60.0,
                .default_value = Value{7.0},
                .description = "largest acceptable 95th percentile of the predicted social downtime",
                .source = "policy default; expected transient effects of microneedling resolve within 7 days (Chu, "
                          "Foulad & Mesinkovska 2021, Dermatol Surg 47:1249)"});
  registry.add({.path = "planner.max_plasma_fraction_of_toxic",
                .type = ParamType::real,
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.6},
                .description = "largest acceptable high end (over the published disposition) of a product's predicted "
                               "peak plasma concentration, as a fraction of the level at which toxicity becomes likely "
                               "(data/compounds/pharmacokinetics.csv)",
                .source = "policy default: for lidocaine, minor side effects above 3 ug/mL and toxicity likely above "
                          "5 ug/mL (Applied Clinical Pharmacokinetics, lidocaine chapter), 3/5 = 0.6"});
  registry.add({.path = "planner.benefit_equivalence",
                .type = ParamType::real,
                .min = 0.0,
                .max = 1.0,
                .default_value = Value{0.05},
                .description = "candidates whose median benefit is within this fraction of the best are equivalent; "
                               "the least burdensome of them is recommended",
                .source = "policy default (docs/planner.md, objective)"});
  registry.add({.path = "planner.runner_ups",
                .type = ParamType::integer,
                .min = 0.0,
                .max = 50.0,
                .default_value = Value{std::int64_t{3}},
                .description = "runner-up protocols shown per area, and as many better ones that broke a risk limit",
                .source = "model input"});
  registry.add({.path = "planner.sampled_fallbacks",
                .type = ParamType::integer,
                .min = 0.0,
                .max = 200.0,
                .default_value = Value{std::int64_t{10}},
                .description = "when the recommended protocol and its runner-ups break a risk limit over sampled "
                               "persons, at most this many further candidates (within the limits at their point "
                               "estimate, in the order of preference) are run over sampled persons, and the first "
                               "that keeps every limit there is recommended instead",
                .source = "policy default (docs/planner.md): bounds the plan's run time, about a second each at 200 "
                          "sampled persons"});
  registry.add({.path = "planner.samples",
                .type = ParamType::integer,
                .min = 0.0,
                .max = 1e6,
                .default_value = Value{std::int64_t{200}},
                .description = "sampled persons behind the ranges of the recommended protocol and the comparators "
                               "(the candidate sweep uses point estimates)",
                .source = "model input"});
  registry.add({.path = "planner.first_session",
                .type = ParamType::string,
                .default_value = Value{std::string("now")},
                .description = "start of the first session for the calendar: \"now\" or an ISO 8601 time with its "
                               "zone, e.g. 2025-05-01T10:00+02:00",
                .source = "model input"});
}

void declare_aftercare(Registry& registry) {
  registry.add({.path = "aftercare.min_exfoliant_ban_h",
                .type = ParamType::real,
                .unit = "h",
                .min = 0.0,
                .max = 2000.0,
                .default_value = Value{24.0},
                .description = "shortest ban on exfoliants, scrubs, acids and retinoids after a session (longer when "
                               "the predicted barrier recovery says so)",
                .source = "convention of aftercare instructions; no primary study derives it, it is consistent with "
                          "TEWL above baseline at 24-48 h after 0.5-1.5 mm needling (Sasaki 2019, Aesthet Surg J Open "
                          "Forum 1:ojz017; shared research transport.md 5.1)"});
  registry.add({.path = "aftercare.min_makeup_delay_h",
                .type = ParamType::real,
                .unit = "h",
                .min = 0.0,
                .max = 2000.0,
                .default_value = Value{24.0},
                .description = "shortest wait before makeup (longer when channels are predicted to stay open longer)",
                .source = "convention of device aftercare instructions (from memory); no primary study"});
  registry.add({.path = "aftercare.min_photoprotection_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 0.0,
                .max = 365.0,
                .default_value = Value{7.0},
                .description = "shortest period of strict sun and visible-light protection after a session",
                .source = "expected transient effects resolve within 7 days (Chu, Foulad & Mesinkovska 2021, "
                          "Dermatol Surg 47:1249); post-procedure photoprotection advice is expert opinion"});
  registry.add({.path = "aftercare.dark_skin_extra_photoprotection_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 0.0,
                .max = 365.0,
                .default_value = Value{14.0},
                .description = "extra protection for Fitzpatrick IV-VI after the predicted pigmentation hazard ends",
                .source = "assumption: visible light pigments types IV-VI darker and longer than UVA1 (Mahmoud et al. "
                          "2010, J Invest Dermatol 130:2092); no study gives the duration after microneedling"});
  registry.add({.path = "aftercare.bleeding_pressure_min",
                .type = ParamType::real,
                .unit = "min",
                .min = 1.0,
                .max = 60.0,
                .default_value = Value{10.0},
                .description = "minutes of gentle pressure after which bleeding that has not stopped needs a "
                               "professional",
                .source = "general first-aid guidance for minor bleeding (from memory)"});
  registry.add({.path = "aftercare.keloid_watch_d",
                .type = ParamType::real,
                .unit = "d",
                .min = 7.0,
                .max = 365.0,
                .default_value = Value{90.0},
                .description = "how long a patient with keloid history watches the area for raised scarring",
                .source = "assumption from the remodelling phase lasting months (Fernandes & Signorini 2008, Clin "
                          "Dermatol 26:192)"});
  registry.add({.path = "aftercare.herpes_lead_h",
                .type = ParamType::real,
                .unit = "h",
                .min = 0.0,
                .max = 720.0,
                .default_value = Value{72.0},
                .description = "how long before a session a patient with herpes history discusses antiviral "
                               "prophylaxis",
                .source = "assumption: prophylaxis usually starts one to two days before resurfacing (from memory)"});
}

}  // namespace

void declare_parameters(Registry& registry) {
  declare_patient_history(registry);
  declare_areas(registry);
  declare_goal(registry);
  declare_clinic(registry);
  declare_planner(registry);
  declare_aftercare(registry);
}

}  // namespace mnsim::plan
