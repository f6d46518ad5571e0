// Screening of the example patients: each gets the verdict and exactly the rules a practitioner
// would expect, and the rule table itself is well formed (every row has a source, every
// condition type-checks, unknown facts and actions are rejected at load time).
#include "plan/screening.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "plan/plan_test_support.hpp"

namespace mnsim::plan {
namespace {

const RuleSet& rules() {
  static const RuleSet set = RuleSet::load(mnsim::test::data_dir());
  return set;
}

std::set<std::string> ids(const Verdict& v) {
  const auto list = v.rule_ids();
  return {list.begin(), list.end()};
}

const AreaVerdict& area(const Verdict& v, const std::string& name) {
  const auto it = std::find_if(v.areas.begin(), v.areas.end(), [&](const AreaVerdict& a) { return a.name == name; });
  if (it == v.areas.end()) throw std::runtime_error("no area " + name);
  return *it;
}

struct Expected {
  const char* patient;
  Decision decision;
  std::set<std::string> rules;
};

void PrintTo(const Expected& e, std::ostream* os) { *os << e.patient; }

class ExamplePatients : public ::testing::TestWithParam<Expected> {};

TEST_P(ExamplePatients, GetTheExpectedVerdictAndRules) {
  const auto& expected = GetParam();
  const Verdict v = screen(test::read_example(expected.patient), rules());
  EXPECT_EQ(to_string(v.decision), to_string(expected.decision)) << expected.patient;
  EXPECT_EQ(ids(v), expected.rules) << expected.patient;
  for (const auto& t : v.triggered) {
    EXPECT_FALSE(t.reason.empty()) << t.id;
    EXPECT_FALSE(t.source.empty()) << t.id;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Screening, ExamplePatients,
    ::testing::Values(Expected{"healthy_fine_lines", Decision::go, {}},
                      Expected{"acne_scars_fitzpatrick5", Decision::caution, {"darker_skin_pih", "deep_setting"}},
                      Expected{"active_acne_one_cheek", Decision::caution, {"area_active_acne", "deep_setting"}},
                      Expected{"open_wound", Decision::do_not_treat, {"area_open_wound"}},
                      Expected{"anticoagulated", Decision::caution, {"anticoagulant", "product_not_intradermal"}},
                      Expected{
                          "keloid_history", Decision::caution, {"keloid_history", "darker_skin_pih", "deep_setting"}},
                      Expected{"recent_isotretinoin", Decision::caution, {"isotretinoin_recent", "deep_setting"}}),
    [](const auto& p) { return std::string(p.param.patient); });

TEST(Screening, ActiveAcneExcludesOnlyThatCheek) {
  const Verdict v = screen(test::read_example("active_acne_one_cheek"), rules());
  EXPECT_TRUE(area(v, "left_cheek").excluded);
  EXPECT_FALSE(area(v, "right_cheek").excluded);
  const auto t = std::find_if(v.triggered.begin(), v.triggered.end(),
                              [](const TriggeredRule& r) { return r.id == "area_active_acne"; });
  ASSERT_NE(t, v.triggered.end());
  EXPECT_EQ(t->subject, "left_cheek");
  EXPECT_EQ(t->level, Level::contraindication);
}

TEST(Screening, ListedLesionZonesAreTreatedAround) {
  const auto p = test::read_parameters_text(R"(
[patient]
fitzpatrick = 2
[[area]]
name = "left_cheek"
active_acne_lesions = 3
exclude_zones = ["lower left jaw"]
)");
  const Verdict v = screen(read_patient(p), rules());
  EXPECT_EQ(v.decision, Decision::caution);
  EXPECT_TRUE(v.triggered_rule("area_acne_treat_around"));
  EXPECT_FALSE(v.triggered_rule("area_active_acne"));
  EXPECT_FALSE(area(v, "left_cheek").excluded);
  EXPECT_EQ(area(v, "left_cheek").exclude_zones, std::vector<std::string>{"lower left jaw"});
}

TEST(Screening, PatientLevelContraindicationStopsThePlan) {
  const auto p = test::read_parameters_text("[patient]\nconditions = [\"pregnancy\"]\n");
  const Verdict v = screen(read_patient(p), rules());
  EXPECT_EQ(v.decision, Decision::do_not_treat);
  EXPECT_TRUE(v.triggered_rule("pregnancy"));
  EXPECT_TRUE(v.has_action("postpone"));
}

TEST(Screening, IsotretinoinNowIsAContraindicationAndLongAgoIsNothing) {
  const auto now = test::read_parameters_text("[patient]\nconditions = [\"isotretinoin_recent\"]\n");
  EXPECT_TRUE(screen(read_patient(now), rules()).triggered_rule("isotretinoin_current"));
  const auto old = test::read_parameters_text("[patient]\nisotretinoin_stopped_months_ago = 14\n");
  const Verdict v = screen(read_patient(old), rules());
  EXPECT_FALSE(v.triggered_rule("isotretinoin_current"));
  EXPECT_FALSE(v.triggered_rule("isotretinoin_recent"));
}

TEST(Screening, WholeFaceConditionsReachEveryArea) {
  const auto p = test::read_parameters_text(R"(
[patient]
conditions = ["skin_infection"]
[[area]]
name = "a"
[[area]]
name = "b"
)");
  const Verdict v = screen(read_patient(p), rules());
  EXPECT_EQ(v.decision, Decision::do_not_treat);
  EXPECT_TRUE(area(v, "a").excluded);
  EXPECT_TRUE(area(v, "b").excluded);
}

TEST(Screening, PeriorbitalNoteCapsTheDepth) {
  const auto p = test::read_parameters_text("[[area]]\nname = \"eyes\"\nsite = \"periorbital\"\n");
  const Verdict v = screen(read_patient(p), rules());
  EXPECT_EQ(v.decision, Decision::go);  // a note does not change the verdict
  ASSERT_TRUE(area(v, "eyes").max_depth_mm.has_value());
  EXPECT_DOUBLE_EQ(*area(v, "eyes").max_depth_mm, 0.5);
}

// A product not made for intradermal use is a caution only where it meets needled skin: a numbing
// cream wiped off at or before the session's start never does.
TEST(Screening, AProductWipedOffBeforeTheNeedlesIsNoIntradermalConcern) {
  const auto verdict_with = [](const std::string& removal) {
    const auto p = test::read_parameters_text(
        "[[product]]\nname = \"cream\"\ncompound = \"lidocaine\"\n"
        "applied_h = -0.75\n" +
        removal);
    return screen(read_patient(p), rules());
  };
  EXPECT_FALSE(verdict_with("removed_h = 0.0\n").triggered_rule("product_not_intradermal"));
  EXPECT_FALSE(verdict_with("removed_h = -0.1\n").triggered_rule("product_not_intradermal"));
  EXPECT_TRUE(verdict_with("removed_h = 1.0\n").triggered_rule("product_not_intradermal"));
  EXPECT_TRUE(verdict_with("").triggered_rule("product_not_intradermal"));  // left on through the needling
}

TEST(RuleTable, EveryRuleHasAReasonASourceAndATag) {
  ASSERT_GE(rules().rules().size(), 15U);
  for (const auto& r : rules().rules()) {
    EXPECT_FALSE(r.reason.empty()) << r.id;
    EXPECT_FALSE(r.source.empty()) << r.id;
    EXPECT_TRUE(r.tag == "V" || r.tag == "V-sec" || r.tag == "M") << r.id << ": " << r.tag;
  }
  EXPECT_EQ(rules().find("area_open_wound")->scope, Scope::area);
  EXPECT_EQ(rules().find("product_not_intradermal")->scope, Scope::product);
  EXPECT_EQ(rules().find("darker_skin_pih")->scope, Scope::patient);
}

struct BadRow {
  const char* row;
  const char* message;
};
void PrintTo(const BadRow& b, std::ostream* os) { *os << b.row; }

class BadRuleTable : public ::testing::TestWithParam<BadRow> {};

TEST_P(BadRuleTable, IsADataErrorNamingTheLine) {
  const auto dir = mnsim::test::scratch_dir("bad-rules");
  const auto file = dir / "rules.csv";
  std::ofstream(file) << "id,level,condition,reason,action,source,tag\n" << GetParam().row << "\n";
  try {
    (void)RuleSet::from_file(file);
    ADD_FAILURE() << "accepted: " << GetParam().row;
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(GetParam().message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Screening, BadRuleTable,
    ::testing::Values(BadRow{"x,caution,patient.fitzpatric >= 4,r,pih_precautions,s,M", "unknown fact"},
                      BadRow{"x,caution,patient.fitzpatrick >= 4,r,sunbathe,s,M", "unknown action"},
                      BadRow{"x,severe,patient.fitzpatrick >= 4,r,none,s,M", "level"},
                      BadRow{"x,caution,area.open_wound == true && product.intradermal_grade == false,r,none,s,M",
                             "area and product"},
                      BadRow{"x,caution,patient.fitzpatrick >= \"4\",r,none,s,M", "cannot compare"},
                      BadRow{"x,caution,patient.fitzpatrick >= 4,r,max_depth_mm,s,M", "needs a value"}));

TEST(PatientFile, BadAreaKeysAreInputErrorsNamingTheKey) {
  const auto expect_error = [](const std::string& text, const std::string& key) {
    try {
      (void)test::read_parameters_text(text);
      ADD_FAILURE() << "accepted:\n" << text;
    } catch (const InputError& e) {
      EXPECT_NE(e.key().find(key), std::string::npos) << e.key() << " / " << e.message();
    }
  };
  expect_error("[[area]]\nname = \"a\"\nopen_wund = true\n", "open_wund");
  expect_error("[[area]]\nsite = \"cheek\"\n", "area[0].name");
  expect_error("[goal]\nkind = \"wrinkles\"\n", "goal.kind");
  expect_error("[[area]]\nname = \"a\"\nactive_acne_lesions = -1\n", "active_acne_lesions");
  expect_error("[patient]\nisotretinoin_stopped_months_ago = \"3\"\n", "isotretinoin_stopped_months_ago");
}

TEST(PatientFile, WithoutAreasTheSiteIsTheOnlyArea) {
  const auto p = test::read_parameters_text("[site]\nname = \"forehead\"\n[goal]\nkind = \"texture\"\n");
  const auto patient = read_patient(p);
  ASSERT_EQ(patient.areas.size(), 1U);
  EXPECT_EQ(patient.areas[0].site, "forehead");
  EXPECT_EQ(patient.areas[0].goal, "texture");
}

}  // namespace
}  // namespace mnsim::plan
