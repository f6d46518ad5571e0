// Issue #26, defect 5: what the plan says reads as words, from one table (io/quantity_labels.hpp).
// No key (`collagen_change_pct_d180`, `fine_lines`, `aftercare.bleeding_pressure_min`,
// `product:...`) reaches either page; a probability is written the same way in the printed text and
// on both pages; the practitioner's page marks what rests on a source from memory (tag M).
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "io/patient_page.hpp"
#include "io/plan_fixture.hpp"
#include "io/plan_text.hpp"
#include "io/quantity_labels.hpp"
#include "io/report_html.hpp"
#include "plan/recommendation.hpp"

namespace mnsim::io {
namespace {

constexpr const char* patients[] = {"healthy_fine_lines", "acne_scars_fitzpatrick5", "active_acne_one_cheek",
                                    "anticoagulated",     "keloid_history",          "numbing_cream_full_face",
                                    "open_wound",         "recent_isotretinoin"};

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
}

// What a reader sees: the text of the page, figures' labels included, without the style sheet,
// the tags and the attributes (class names and ids are not read), entities decoded.
std::string visible_text(std::string html) {
  html = std::regex_replace(html, std::regex(R"(<style>[\s\S]*?</style>)"), " ");
  html = std::regex_replace(html, std::regex("<[^>]*>"), " ");
  for (const auto& [entity, text] :
       {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}, {"&amp;", "&"}})
    replace_all(html, entity, text);
  return html;
}

struct Pages {
  plan::Plan plan;
  std::string report, patient, text;
};

Pages pages_of(const std::string& patient) {
  static const auto protocols = plan::ProtocolTable::load(mnsim::test::data_dir());
  Pages p{.plan = test::example_plan(patient)};
  p.report = report_html(p.plan,
                         {.generated_utc = "2025-05-01 08:00 UTC",
                          .version = "test",
                          .protocols = &protocols,
                          .patient_page = "patient.html"},
                         mnsim::test::scratch_dir("words-" + patient) / "figures")
                 .html;
  p.patient = patient_page_html(p.plan, {.generated_utc = "2025-05-01 08:00 UTC",
                                         .version = "test",
                                         .first_session = std::chrono::sys_days(std::chrono::year(2025) / 5 / 1),
                                         .utc_offset_min = 0,
                                         .first_session_given = true});
  p.text = plan_text(p.plan);
  return p;
}

// Words joined by underscores (`fine_lines`, `collagen_change_pct_d180`, `bleeding_pressure_min`)
// are keys: none may be read on a page, except the patient file's own name in the footer.
TEST(PlanWords, NoKeyReachesEitherPageOrThePrintedText) {
  const std::regex key(R"([A-Za-z0-9]+(_[A-Za-z0-9]+)+)");
  for (const auto* patient : patients) {
    const auto p = pages_of(patient);
    for (const auto& [name, page] : {std::pair{"report.html", visible_text(p.report)},
                                     {"patient.html", visible_text(p.patient)},
                                     {"text", p.text}}) {
      auto text = page;
      replace_all(text, p.plan.patient_file, "PATIENT_FILE_NAME_IS_ALLOWED");
      replace_all(text, "PATIENT_FILE_NAME_IS_ALLOWED", "");
      std::smatch m;
      EXPECT_FALSE(std::regex_search(text, m, key)) << patient << " " << name << ": \"" << m.str() << "\"";
      for (const char* raw : {"product:", "fine_lines", "collagen_change_pct", "aftercare.", "planner."})
        EXPECT_EQ(text.find(raw), std::string::npos) << patient << " " << name << ": " << raw;
    }
  }
}

// The registry keys the planner's texts name are put in words.
TEST(PlanWords, SettingsNamedInTheTextsReadAsWords) {
  for (const auto& key : humanized_keys()) {
    const auto text = humanize_text("see " + key + " here");
    EXPECT_EQ(text.find(key), std::string::npos) << key << " -> " << text;
  }
  EXPECT_EQ(humanize_text("limits: PIH probability p95 0.14 > limit 0.1; downtime (d) p95 8 > limit 7"),
            "limits: PIH p95 14 % > limit 10 %; downtime (d) p95 8 > limit 7");
  EXPECT_EQ(humanize_text("scar probability p95 3.83e-05 > limit 1e-05"), "scar p95 <0.01 % > limit <0.01 %");
}

// One probability, one way of writing it: the PIH median of each area, as the table writes it, is
// on both pages, and the printed text has the same number and unit in its terminal form
// ("2.6 [1.3-5.2] %", as `simulate` prints); the raw share is in none.
TEST(PlanWords, AProbabilityReadsTheSameInTheTextAndOnBothPages) {
  const auto p = pages_of("healthy_fine_lines");
  for (const auto& r : p.plan.recommendations) {
    ASSERT_TRUE(r.chosen);
    const double pih = r.chosen->outcome.pih_probability.median;
    const auto written = quantity_value("pih_probability", pih);
    ASSERT_EQ(written.substr(written.size() - 2), " %") << written;
    const auto& q = r.chosen->outcome.pih_probability;
    const auto terminal =
        quantity_bracketed("pih_probability", q.median, q.p5, q.p95, quantity_reading("pih_probability"));
    EXPECT_EQ(terminal.rfind(written.substr(0, written.size() - 2) + " [", 0), 0U) << terminal;
    EXPECT_NE(p.text.find("PIH probability              " + terminal + "\n"), std::string::npos) << p.text;
    EXPECT_NE(p.report.find(html_escape(written)), std::string::npos) << written;
    EXPECT_NE(p.patient.find(html_escape(written)), std::string::npos) << written;
    const auto raw = fmt::format("{:.3g}", pih);
    EXPECT_EQ(p.text.find(" " + raw + " "), std::string::npos) << raw;
  }
  EXPECT_EQ(quantity_value("pih_probability", 0.0442), "4.42 %");
  EXPECT_EQ(quantity_value("scar_probability", 3.83e-5), "<0.01 %");
  EXPECT_EQ(quantity_value("bleeding_probability", 1.0), ">99 %");
  EXPECT_EQ(quantity_value("erythema_duration_h", 30.2), "30.2 h");
  EXPECT_EQ(quantity_value("downtime_d", 2.5), "2.5 d");
  EXPECT_EQ(quantity_value("collagen_change_pct_d180", 12.0), "12 %");
}

TEST(PlanWords, KeysGoalsInstructionsAndRulesHaveLabels) {
  EXPECT_EQ(quantity_label("collagen_change_pct_d180").label, "collagen change at day 180");
  EXPECT_EQ(quantity_label("collagen_change_pct.180").label, "collagen change at day 180");
  EXPECT_TRUE(quantity_label("pih_probability").probability);
  EXPECT_EQ(quantity_label("pih_probability").plain, "chance of dark patches after healing");
  EXPECT_FALSE(quantity_label("something_new_h").known);
  EXPECT_EQ(quantity_label("something_new_h").label, "something new h");
  EXPECT_EQ(quantity_label("something_new_h").unit, "h");
  EXPECT_EQ(goal_label("fine_lines"), "fine lines");
  EXPECT_EQ(aftercare_label("product:sterile hyaluronic serum"), "sterile hyaluronic serum");
  EXPECT_EQ(aftercare_label("no_exfoliants"), "no exfoliants, acids or retinoids");
  EXPECT_EQ(rule_label("darker_skin_pih"), "Fitzpatrick IV-VI: pigmentation risk");
  EXPECT_EQ(name_label("left_cheek"), "left cheek");
  EXPECT_EQ(reading_order({"scar_probability", "collagen_change_pct_d90", "downtime_d", "collagen_change_pct_d30",
                           "zzz_unknown"}),
            (std::vector<std::string>{"collagen_change_pct_d30", "collagen_change_pct_d90", "downtime_d",
                                      "scar_probability", "zzz_unknown"}));
  // Every rule of the table reads as words.
  const auto rules = plan::RuleSet::load(mnsim::test::data_dir());
  for (const auto& rule : rules.rules()) EXPECT_EQ(rule_label(rule.id).find('_'), std::string::npos) << rule.id;
}

// A rule from memory (tag M) is marked where it is listed and under the area it bears on; a checked
// one (V) is not.
TEST(PlanWords, ThePractitionersPageMarksWhatRestsOnSourcesFromMemory) {
  const auto anticoagulated = pages_of("anticoagulated");
  const std::regex memory_row(R"(<tr class="memory"><td class="level-caution">caution</td><td>blood thinners</td>)");
  EXPECT_TRUE(std::regex_search(anticoagulated.report, memory_row)) << anticoagulated.report;
  EXPECT_NE(anticoagulated.report.find("M: from memory, not checked"), std::string::npos);
  EXPECT_NE(anticoagulated.report.find("Rests on sources from memory (M):</span> the rule &quot;blood thinners&quot;"),
            std::string::npos);
  EXPECT_NE(anticoagulated.text.find("[caution, from memory] blood thinners"), std::string::npos)
      << anticoagulated.text;

  const auto fitzpatrick5 = pages_of("acne_scars_fitzpatrick5");
  EXPECT_NE(fitzpatrick5.report.find("<tr><td class=\"level-caution\">caution</td><td>Fitzpatrick IV-VI: "
                                     "pigmentation risk</td>"),
            std::string::npos);
  EXPECT_EQ(fitzpatrick5.report.find("Rests on sources from memory"), std::string::npos);
  EXPECT_NE(fitzpatrick5.report.find("Evidence: V: checked in the source"), std::string::npos);
}

// The literature range an area's protocol comes from, with its tag; one from memory is marked.
TEST(PlanWords, ThePractitionersPageShowsEachAreasLiteratureRangeAndMarksOneFromMemory) {
  const auto protocols = plan::ProtocolTable::load(mnsim::test::data_dir());
  auto plan = test::example_plan("healthy_fine_lines");
  const auto dir = mnsim::test::scratch_dir("words-range");
  const ReportOptions options{.generated_utc = "x", .version = "test", .protocols = &protocols};
  const auto checked = report_html(plan, options, dir / "figures").html;
  EXPECT_NE(checked.find("Literature range for fine lines (cheek): needle depth 0.5-1 mm"), std::string::npos);
  EXPECT_EQ(checked.find("the literature range of depths and sessions"), std::string::npos);

  plan.recommendations[0].goal = "texture";  // data/plan/depth_by_goal.csv: texture, any, tag M
  const auto memory = report_html(plan, options, dir / "figures").html;
  EXPECT_NE(memory.find("Literature range for skin texture (any site)"), std::string::npos);
  EXPECT_NE(memory.find("Rests on sources from memory (M):</span> the literature range of depths and sessions"),
            std::string::npos);
}

// The course shown belongs to an area, and the page says which.
TEST(PlanWords, ThePractitionersPageNamesTheAreaOfTheCourse) {
  const auto p = pages_of("healthy_fine_lines");
  const auto* course = plan::course_recommendation(p.plan.recommendations);
  ASSERT_NE(course, nullptr);
  EXPECT_NE(p.report.find("are those of <strong>" + name_label(course->area) + "</strong>"), std::string::npos);
  EXPECT_NE(p.report.find("<a href=\"patient.html\">patient.html</a>"), std::string::npos);
}

// A runner-up of the point sweep has no range: its benefit is one value, not "44.8 (44.8 to 44.8)".
TEST(PlanWords, ARunnerUpsBenefitWithoutARangeIsOneValue) {
  const auto evaluate = [](const plan::Candidate& c) {
    plan::CandidateOutcome o;
    const double b = 10.0 * c.needle_depth_mm + c.passes;
    o.benefit = {b, b, b};
    return o;
  };
  std::vector<plan::Candidate> candidates;
  for (const double depth : {0.5, 1.0, 1.5}) candidates.push_back({.needle_depth_mm = depth, .passes = 2});
  const auto s = plan::select_protocol(candidates, evaluate, plan::RiskLimits{});
  ASSERT_EQ(s.runner_ups.size(), 2U);
  EXPECT_EQ(s.runner_ups[0].reason, "lower predicted benefit: 12 vs 17");
  EXPECT_EQ(s.runner_ups[0].reason.find(" to "), std::string::npos);
}

}  // namespace
}  // namespace mnsim::io
