// report.html: self-contained (no scripts, no external resources), the disclaimer exactly once,
// every prediction with its range, the figures drawn by gnuplot as inline SVG with unique ids.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "io/plan_fixture.hpp"
#include "io/report_html.hpp"

namespace mnsim::io {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

Report make(const std::string& patient) {
  const auto dir = mnsim::test::scratch_dir("report-" + patient);
  return report_html(test::example_plan(patient), {.generated_utc = "2025-05-01 08:00 UTC", .version = "test"},
                     dir / "figures");
}

TEST(Report, IsSelfContainedAndSaysOnceThatItIsAPrediction) {
  const auto r = make("acne_scars_fitzpatrick5");
  EXPECT_EQ(count(r.html, "not medical advice"), 1U);
  EXPECT_EQ(count(r.html, "<script"), 0U);
  EXPECT_EQ(count(r.html, "<link"), 0U);
  EXPECT_EQ(count(r.html, " src="), 0U);
  EXPECT_NE(r.html.find("name=\"viewport\""), std::string::npos);
  EXPECT_NE(r.html.find("@media print"), std::string::npos);
  EXPECT_NE(r.html.find("darker_skin_pih"), std::string::npos);
  EXPECT_NE(r.html.find("90 % range"), std::string::npos);
}

TEST(Report, DrawsTheFiguresAsInlineSvgWithUniqueIds) {
  const auto r = make("healthy_fine_lines");
  ASSERT_TRUE(r.note.empty()) << r.note;
  // Two areas with comparisons, the course, one band and the aftercare timeline.
  EXPECT_EQ(r.figures.size(), 5U);
  EXPECT_EQ(count(r.html, "<svg"), r.figures.size());
  EXPECT_EQ(count(r.html, "<?xml"), 0U);
  std::set<std::string> ids;
  const std::regex id_re(R"re(\bid=['"]([^'"]+)['"])re");
  for (auto it = std::sregex_iterator(r.html.begin(), r.html.end(), id_re); it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(ids.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
  }
  EXPECT_GT(ids.size(), 10U);
}

TEST(Report, ADoNotTreatPlanShowsTheReasonAndNoSettings) {
  const auto r = make("open_wound");
  EXPECT_NE(r.html.find("Do not treat"), std::string::npos);
  EXPECT_NE(r.html.find("area_open_wound"), std::string::npos);
  EXPECT_NE(r.html.find("not treated"), std::string::npos);
  EXPECT_EQ(r.html.find("needle depth</th>"), std::string::npos);
}

TEST(Report, EscapesTextFromThePatientFile) {
  EXPECT_EQ(html_escape("<b>\"x\" & 'y'</b>"), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
  EXPECT_EQ(
      inline_svg("<?xml version='1.0'?>\n<svg><g id='a'><use xlink:href='#a'/></g><path fill='url(#a)'/></svg>", "f_"),
      "<svg><g id='f_a'><use xlink:href='#f_a'/></g><path fill='url(#f_a)'/></svg>");
}

}  // namespace
}  // namespace mnsim::io
