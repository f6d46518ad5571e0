// report.html, the practitioner's page: self-contained (no scripts, no external resources), the
// disclaimer exactly once, every prediction with its range and its label (never its key), the
// figures drawn by gnuplot as inline SVG with unique ids, printable on A4.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

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
  EXPECT_NE(r.html.find("Fitzpatrick IV-VI: pigmentation risk"), std::string::npos);
  EXPECT_NE(r.html.find("@page { size: A4"), std::string::npos);
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
  EXPECT_NE(r.html.find("open wound in the area"), std::string::npos);
  EXPECT_NE(r.html.find("not treated"), std::string::npos);
  EXPECT_EQ(r.html.find("needle depth</th>"), std::string::npos);
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A numbing cream's blood level as the planner gives it: a point course, the sampled spread of the
// peak (median 36, 5-95 % 3.9 to 630 ng/mL) and a toxic level far above the course.
plan::SystemicExposure lidocaine(int samples) {
  plan::SystemicExposure e{.compound = "lidocaine", .products = {"numbing cream"}, .area_cm2 = 160, .weight_kg = 60};
  e.peak_ng_per_ml = 58.0;
  e.peak_h = 0.6;
  e.peak_low_ng_per_ml = 20.0;
  e.peak_high_ng_per_ml = 150.0;
  e.intact_peak_ng_per_ml = 22.0;
  for (int i = 0; i <= 60; ++i) {
    const double t = -0.75 + 0.5 * i;
    e.time_h.push_back(t);
    e.ng_per_ml.push_back(t <= 0.0 ? 0.0 : 58.0 * std::exp(-std::abs(t - 0.6) / 3.0));
    e.intact_ng_per_ml.push_back(t <= 0.0 ? 0.0 : 22.0 * (1.0 - std::exp(-t)) * std::exp(-t / 8.0));
  }
  e.samples = samples;
  if (samples > 0) e.sampled_peak_ng_per_ml = {36.0, 3.9, 630.0};
  e.toxic_ng_per_ml = 5000.0;
  return e;
}

Report make_plan_report(const plan::Plan& plan, const std::filesystem::path& dir) {
  return report_html(plan, {.generated_utc = "2025-05-01 08:00 UTC", .version = "test"}, dir / "figures");
}

// Issue #26 (3): the blood level's figure draws the peak's 5-95 % range and its 95th percentile
// against the toxic level, on a log axis (a peak 100 times below the toxic level would lie flat on
// zero), says so in its caption, and the table states the 95th percentile against the toxic level.
TEST(Report, DrawsTheRangeOfTheBloodLevelAndItsNinetyFifthPercentileAgainstTheToxicLevel) {
  const auto dir = mnsim::test::scratch_dir("report-systemic");
  auto plan = test::example_plan("healthy_fine_lines");
  plan.systemic.push_back(lidocaine(40));
  const auto r = make_plan_report(plan, dir);
  ASSERT_TRUE(r.note.empty()) << r.note;
  const auto script = read_file(dir / "figures" / "systemic_0.gp");
  EXPECT_NE(script.find("with yerrorbars"), std::string::npos) << script;
  EXPECT_NE(script.find("0.63 with lines"), std::string::npos) << script;  // the 95th percentile, ug/mL
  EXPECT_NE(script.find("'95th percentile of the peak'"), std::string::npos) << script;
  EXPECT_NE(script.find("5 with lines"), std::string::npos) << script;  // the toxic level, ug/mL
  EXPECT_NE(script.find("set logscale y"), std::string::npos) << script;
  // The bar: at the peak's time, median, 5th and 95th percentile (ug/mL).
  EXPECT_NE(read_file(dir / "figures" / "systemic_0.dat").find("\n\n0.6\t0.036\t0.0039\t0.63\n"), std::string::npos);
  EXPECT_NE(r.html.find("5-95 % range over 40 sampled transport inputs and dispositions, 0.0039 to 0.63 ug/mL"),
            std::string::npos);
  EXPECT_NE(r.html.find("Dashed red line: its 95th percentile, 0.63 ug/mL, 13 % of the toxic level (5 ug/mL"),
            std::string::npos);
  EXPECT_NE(r.html.find("<td>95th percentile of the peak: 0.63 ug/mL = 13 % of the toxic level (limit 60 %)</td>"),
            std::string::npos)
      << r.html;
  EXPECT_EQ(r.html.find("(point estimate)"), std::string::npos);

  // Without samples: the range over the published disposition, and its high end is what is checked.
  plan.systemic = {lidocaine(0)};
  const auto unsampled = make_plan_report(plan, dir);
  EXPECT_NE(unsampled.html.find("<td>high end of the range of the peak: 0.15 ug/mL = 3 % of the toxic level"),
            std::string::npos);
  EXPECT_NE(read_file(dir / "figures" / "systemic_0.gp").find("'high end of the range of the peak'"),
            std::string::npos);
}

// Issue #26 (3): a band with a range is drawn filled with a "90 % range" key; the bands of an
// unsampled course (p5 == p95 == median) are one line, and nothing claims a range.
TEST(Report, DrawsABandOnlyWhereItHasARange) {
  const auto dir = mnsim::test::scratch_dir("report-bands");
  auto plan = test::example_plan("healthy_fine_lines");
  ASSERT_EQ(plan.bands.size(), 1U);
  auto flat = plan.bands.front();
  flat.name = "TEWL excess";
  flat.p5 = flat.median;
  flat.p95 = flat.median;
  plan.bands.push_back(flat);
  const auto r = make_plan_report(plan, dir);
  ASSERT_TRUE(r.note.empty()) << r.note;
  const auto ranged = read_file(dir / "figures" / "band_0.gp");
  EXPECT_NE(ranged.find("using 1:3:4 with filledcurves"), std::string::npos) << ranged;
  EXPECT_NE(ranged.find("'90 % range'"), std::string::npos) << ranged;
  // gnuplot drew the fill: a filled path in the band's colour (#9cc3e0).
  EXPECT_NE(read_file(dir / "figures" / "band_0.svg").find("rgb(156, 195, 224)"), std::string::npos);
  const auto single = read_file(dir / "figures" / "band_1.gp");
  EXPECT_EQ(single.find("filledcurves"), std::string::npos) << single;
  EXPECT_EQ(single.find("90 % range"), std::string::npos) << single;
  EXPECT_NE(r.html.find("Predicted erythema over time: median (line) and 90 % range (shaded"), std::string::npos);
  EXPECT_NE(r.html.find("Predicted TEWL excess over time: one course only. No range is drawn"), std::string::npos);
}

// Issue #26 (4): a probability saturated at 1 reads ">99 %", not "1 (1 to 1)" or "100 [100-100]";
// a range whose ends agree is one value; a real range with a saturated end keeps its other end.
TEST(Report, WritesSaturatedProbabilitiesAndSingleValuesAsSuch) {
  auto plan = test::example_plan("healthy_fine_lines");
  plan.predicted["bleeding_probability"] = {1.0, 1.0, 1.0};
  plan.predicted["bruising_probability"] = {0.0861, 0.0861, 0.0861};
  plan.predicted["scar_probability"] = {9.7e-5, 4.3e-5, 2.1e-4};
  plan::ProcedureForecast dermabrasion{.procedure = "dermabrasion", .label = "Dermabrasion"};
  dermabrasion.predicted = plan.predicted;
  dermabrasion.predicted["scar_probability"] = {0.0059, 0.0043, 1.0};
  plan.procedures.push_back(dermabrasion);
  const auto r = report_html(plan, {.generated_utc = "2025-05-01 08:00 UTC", .version = "test"},
                             mnsim::test::scratch_dir("report-tails") / "figures");
  EXPECT_NE(r.html.find("<tr><td>bleeding probability</td><td>&gt;99 %</td><td>&gt;99 %</td></tr>"), std::string::npos)
      << r.html;
  EXPECT_NE(r.html.find("<tr><td>bruising probability</td><td>8.61 %</td>"), std::string::npos);
  EXPECT_NE(r.html.find("<td>0.59 % <span class=\"range\">(0.43 to &gt;99 %)</span></td>"), std::string::npos);
  EXPECT_NE(r.html.find("<td>&lt;0.01 % <span class=\"range\">(&lt;0.01 to 0.021 %)</span></td>"), std::string::npos);
  for (const char* fake : {"(1 to 1)", "(100 to 100", "[100-100]", "(8.61 to 8.61"})
    EXPECT_EQ(r.html.find(fake), std::string::npos) << fake;
  // The synthetic runner-ups are unsampled: their benefit is one value, not "x (x to x)".
  const std::regex fake_range(R"(([0-9.]+) <span class="range">\(\1 to \1\)</span>)");
  EXPECT_FALSE(std::regex_search(r.html, fake_range));
}

TEST(Report, EscapesTextFromThePatientFile) {
  EXPECT_EQ(html_escape("<b>\"x\" & 'y'</b>"), "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
  EXPECT_EQ(
      inline_svg("<?xml version='1.0'?>\n<svg><g id='a'><use xlink:href='#a'/></g><path fill='url(#a)'/></svg>", "f_"),
      "<svg><g id='f_a'><use xlink:href='#f_a'/></g><path fill='url(#f_a)'/></svg>");
}

}  // namespace
}  // namespace mnsim::io
