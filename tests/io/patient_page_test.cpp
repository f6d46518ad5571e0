// patient.html (issue #26): the plan in the patient's words. It holds each area's session dates
// (the calendar's, in the zone the file gave), what to expect after a session, the aftercare, when to
// call the clinic, a consent and signature block naming the clinic, and the disclaimer once.
#include "io/patient_page.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <chrono>
#include <string>

#include "io/markup_escape.hpp"
#include "io/plan_fixture.hpp"

namespace mnsim::io {
namespace {

using namespace std::chrono;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

// 2025-05-01T10:00+02:00, as planner.first_session would give it.
PatientPageOptions options() {
  return {.generated_utc = "2025-05-01 08:00 UTC",
          .version = "test",
          .first_session = sys_days(2025y / May / 1) + 8h,
          .utc_offset_min = 120,
          .first_session_given = true};
}

// The date a session falls on, written independently of the page's code: "1 May 2025".
std::string day_month_year(sys_days day) {
  static constexpr std::array<const char*, 12> months = {"January",   "February", "March",    "April",
                                                         "May",       "June",     "July",     "August",
                                                         "September", "October",  "November", "December"};
  const year_month_day ymd(day);
  return std::to_string(static_cast<unsigned>(ymd.day())) + " " + months[static_cast<unsigned>(ymd.month()) - 1] + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

TEST(PatientPage, HoldsEveryAreasSessionDatesInTheFilesZone) {
  const auto plan = test::example_plan("healthy_fine_lines");
  const auto html = patient_page_html(plan, options());
  EXPECT_NE(html.find("Times are in UTC+02:00"), std::string::npos);
  int areas = 0;
  for (const auto& r : plan.recommendations) {
    ASSERT_TRUE(r.chosen) << r.area;
    ++areas;
    const auto& c = r.chosen->candidate;
    const auto section =
        html.find("<h3>" + std::string(1, static_cast<char>(std::toupper(r.area[0]))) + r.area.substr(1) + "</h3>");
    ASSERT_NE(section, std::string::npos) << r.area;
    const auto list_end = html.find("</ol>", section);
    const auto list = html.substr(section, list_end - section);
    EXPECT_EQ(count(list, "<li>"), static_cast<std::size_t>(c.sessions)) << list;
    for (int k = 0; k < c.sessions; ++k) {
      const auto day = sys_days(2025y / May / 1) + days(static_cast<int>(k * c.interval_d));
      EXPECT_NE(list.find(day_month_year(day) + ", 10:00</li>"), std::string::npos) << r.area << " session " << k + 1;
    }
  }
  EXPECT_EQ(areas, 2);
  EXPECT_NE(html.find("Thursday 1 May 2025, 10:00"), std::string::npos);
}

TEST(PatientPage, WithoutAStartDateSaysTheDatesCountFromToday) {
  auto o = options();
  o.first_session_given = false;
  o.utc_offset_min = 0;
  const auto html = patient_page_html(test::example_plan("healthy_fine_lines"), o);
  EXPECT_NE(html.find("No start date was set yet"), std::string::npos);
}

TEST(PatientPage, HasTheConsentBlockWithTheClinicAndTheDisclaimerOnce) {
  auto plan = test::example_plan("anticoagulated");
  plan.patient.clinic_name = "Riverside <Skin> Clinic";
  const auto html = patient_page_html(plan, options());
  EXPECT_EQ(count(html, "not medical advice"), 1U);
  EXPECT_NE(html.find("<h2 class=\"new-page\">Consent</h2>"), std::string::npos);
  EXPECT_NE(html.find("<p>Clinic: <strong>Riverside &lt;Skin&gt; Clinic</strong></p>"), std::string::npos);
  for (const char* line : {"Patient's name", "Patient's signature and date", "Practitioner's signature and date"})
    EXPECT_NE(html.find(line), std::string::npos) << line;
  EXPECT_NE(html.find("I agree to the treatment"), std::string::npos);
  // No script, no external resource, printable on A4.
  EXPECT_EQ(count(html, "<script"), 0U);
  EXPECT_EQ(count(html, " src="), 0U);
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);

  // Without clinic.name: a blank line to fill in by hand.
  plan.patient.clinic_name.clear();
  const auto blank = patient_page_html(plan, options());
  EXPECT_NE(blank.find("<p>Clinic: <span class=\"blank\">&nbsp;</span></p>"), std::string::npos);
}

TEST(PatientPage, GivesTheAftercareTheWarningSignsAndTheCourseInPlainWords) {
  const auto plan = test::example_plan("anticoagulated");
  const auto html = patient_page_html(plan, options());
  for (const char* heading : {"What to expect after each session", "Looking after your skin", "When to call the clinic",
                              "Chances of side effects"})
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  // Every instruction is on the page, the warning signs under "When to call the clinic".
  const auto call = html.find("When to call the clinic");
  for (const auto& a : plan.aftercare) {
    if (a.kind == "info") continue;  // the downtime: a row of "What to expect" in its own words
    const auto at = html.find(html_escape(a.instruction));
    EXPECT_NE(at, std::string::npos) << a.id;
    if (a.kind == "consult" || a.kind == "watch") {
      EXPECT_GT(at, call) << a.id;
    }
  }
  // The synthetic course: redness 30 h (p95 60 h), swelling 12 h (p95 30 h).
  EXPECT_NE(html.find("<td>About 30 hours (for some people up to 3 days)</td><td>Redness fades.</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>About 12 hours (for some people up to 30 hours)</td><td>Swelling goes down.</td>"),
            std::string::npos);
  // The vitamin C serum is an acid: it waits for the end of the exfoliant ban (barrier p95, 40 h).
  EXPECT_NE(html.find("<td>After 2 days</td><td>You may use vitamin C serum again.</td>"), std::string::npos) << html;
}

TEST(PatientPage, SaysInPlainWordsWhyAnAreaOrTheTreatmentWaits) {
  const auto acne = patient_page_html(test::example_plan("active_acne_one_cheek"), options());
  EXPECT_NE(acne.find("<strong>Left cheek</strong>: not treated for now: because of active acne spots in this area."),
            std::string::npos)
      << acne;
  EXPECT_NE(acne.find("<strong>Right cheek</strong>: treated for acne scars."), std::string::npos);

  const auto wound = patient_page_html(test::example_plan("open_wound"), options());
  EXPECT_NE(wound.find("Treatment should not go ahead now."), std::string::npos);
  EXPECT_EQ(wound.find("Your session dates"), std::string::npos);
  EXPECT_NE(wound.find("why no treatment is planned now"), std::string::npos);
}

TEST(PatientPage, ReadsTheZoneOfTheFirstSession) {
  EXPECT_EQ(session_zone_offset_min("2025-05-01T10:00Z"), 0);
  EXPECT_EQ(session_zone_offset_min("2025-05-01T10:00+02:00"), 120);
  EXPECT_EQ(session_zone_offset_min("2025-05-01T10:00:30-05:30"), -330);
  EXPECT_EQ(session_zone_offset_min("now"), std::nullopt);
  EXPECT_EQ(plain_duration(0.75), "45 minutes");
  EXPECT_EQ(plain_duration(1.2), "1 hour");
  EXPECT_EQ(plain_duration(0.5), "30 minutes");
  EXPECT_EQ(plain_duration(30.0), "30 hours");
  EXPECT_EQ(plain_duration(60.0), "3 days");
  EXPECT_EQ(plain_duration(24.0 * 7), "7 days");
}

}  // namespace
}  // namespace mnsim::io
