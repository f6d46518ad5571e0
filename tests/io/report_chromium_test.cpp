// Both plan pages (report.html for the practitioner, patient.html for the patient) opened in headless
// Chromium, as a reader would, and printed to PDF on A4 (issue #26): each must load without console
// errors; its screenshot at desktop size has the expected size and shows the figures; no element
// sticks out to the right at desktop width nor at the width of an A4 page's text, and the page never
// scrolls sideways on a phone; every figure drawn is on the page and has a size; the PDF has pages of
// A4. The screenshots and PDFs are kept in build/test-artifacts/ to look at. Skips only when
// Chromium is not installed (scripts/install-deps.sh installs it); pdfinfo and pdftoppm
// (poppler-utils) are used when present.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <regex>
#include <sstream>

#include "io/patient_page.hpp"
#include "io/plan_fixture.hpp"
#include "io/report_html.hpp"

namespace mnsim::io {
namespace {

namespace fs = std::filesystem;

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    if (std::system(fmt::format("command -v {} >/dev/null 2>&1", name).c_str()) == 0) return name;
  }
  return {};
}

bool have(const char* tool) { return std::system(fmt::format("command -v {} >/dev/null 2>&1", tool).c_str()) == 0; }

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path artifacts() {
  const fs::path dir = fs::path(MNSIM_TEST_ARTIFACTS) / "plan-pages";
  fs::create_directories(dir);
  return dir;
}

// Runs Chromium headless on `page` with `arguments`; its stdout goes to `out`, its log to `log`.
int run_chromium(const fs::path& dir, const std::string& arguments, const fs::path& page, const fs::path& out,
                 const fs::path& log) {
  const std::string command = fmt::format(
      "cd '{0}' && timeout 120 {1} --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
      "--user-data-dir='{0}/profile' --enable-logging=stderr --v=0 {2} 'file://{3}' >'{4}' 2>'{5}'",
      dir.string(), chromium(), arguments, page.string(), out.string(), log.string());
  return std::system(command.c_str());
}

void expect_no_console_errors(const std::string& log, const std::string& what) {
  for (const char* bad : {"Uncaught", "ERROR:CONSOLE", "Failed to load resource", "net::ERR_"})
    EXPECT_EQ(log.find(bad), std::string::npos) << what << ": " << bad << " in:\n" << log;
}

// The pages carry no script; the check gets one of its own, in a copy, that measures the laid-out
// page and writes what it found into attributes of <html>, which --dump-dom prints.
constexpr const char* probe = R"(<script>
(() => {
  const root = document.documentElement, width = root.clientWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect(), name = el.tagName + '.' + (el.getAttribute('class') || '');
    if (box.width > 0 && box.right > width + 1) out.push('right:' + name + ':' + Math.round(box.right));
    if (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      out.push('scroll:' + name + ':' + el.scrollWidth + '>' + el.clientWidth);
  }
  const figures = [...document.querySelectorAll('svg, img')];
  root.setAttribute('data-page-overflow', String(root.scrollWidth > width));
  root.setAttribute('data-overflow', out.join(' '));
  root.setAttribute('data-figures', String(figures.length));
  root.setAttribute('data-figures-shown', String(figures.filter(f => {
    const b = f.getBoundingClientRect();
    return b.width > 100 && b.height > 50 && b.right <= width + 1;
  }).length));
})();
</script>
</body>)";

struct Layout {
  bool page_overflow = true;
  std::string overflow;
  int figures = -1, figures_shown = -1;
};

Layout measure(const fs::path& dir, const fs::path& page, int width) {
  auto html = read_text(page);
  html.replace(html.rfind("</body>"), 7, probe);
  const auto probed = dir / fmt::format("{}.probe-{}.html", page.stem().string(), width);
  std::ofstream(probed) << html;
  const auto dom = dir / fmt::format("{}.dom-{}.html", page.stem().string(), width);
  const auto log = dir / "probe.log";
  EXPECT_EQ(run_chromium(dir, fmt::format("--window-size={},1200 --virtual-time-budget=2000 --dump-dom", width), probed,
                         dom, log),
            0)
      << read_text(log);
  const auto text = read_text(dom);
  const auto attribute = [&](const std::string& name) {
    std::smatch m;
    return std::regex_search(text, m, std::regex(name + "=\"([^\"]*)\"")) ? m[1].str() : std::string("missing");
  };
  Layout layout;
  layout.page_overflow = attribute("data-page-overflow") != "false";
  layout.overflow = attribute("data-overflow");
  const auto number = [&](const std::string& name) {
    const auto value = attribute(name);
    return value == "missing" ? -1 : std::stoi(value);
  };
  layout.figures = number("data-figures");
  layout.figures_shown = number("data-figures-shown");
  return layout;
}

// Width and height from a PNG's header (IHDR: bytes 16-23, big-endian).
std::pair<std::uint32_t, std::uint32_t> png_size(const fs::path& file) {
  const auto data = read_text(file);
  if (data.size() < 24 || data.compare(1, 3, "PNG") != 0) return {0, 0};
  const auto be32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(data[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

struct PageCheck {
  std::string name;     // "report", "patient"
  fs::path file;        // the page
  std::size_t figures;  // figures the writer drew
};

void check_page(const fs::path& dir, const PageCheck& page) {
  SCOPED_TRACE(page.name);
  const auto keep = artifacts();
  // The desktop screenshot: the size asked for.
  const auto png = keep / (page.name + "-desktop.png");
  fs::remove(png);
  const auto log = dir / (page.name + "-chromium.log");
  ASSERT_EQ(run_chromium(dir, fmt::format("--window-size=1280,5000 --screenshot='{}'", png.string()), page.file,
                         dir / "stdout.txt", log),
            0)
      << read_text(log);
  ASSERT_TRUE(fs::exists(png)) << read_text(log);
  EXPECT_EQ(png_size(png), (std::pair<std::uint32_t, std::uint32_t>{1280, 5000}));
  expect_no_console_errors(read_text(log), page.name);

  // Nothing sticks out at desktop width, nor at the width of an A4 page's text (210 mm less 2 x
  // 14 mm margins, 688 CSS pixels); on a phone, wide tables scroll inside their box but the page
  // itself never scrolls sideways.
  for (const int width : {1280, 688}) {
    const auto layout = measure(dir, page.file, width);
    EXPECT_FALSE(layout.page_overflow) << width;
    EXPECT_EQ(layout.overflow, "") << width;
    EXPECT_EQ(layout.figures, static_cast<int>(page.figures)) << width;
    EXPECT_EQ(layout.figures_shown, static_cast<int>(page.figures)) << width;
  }
  EXPECT_FALSE(measure(dir, page.file, 390).page_overflow);

  // Printed to PDF: A4 pages.
  const auto pdf = keep / (page.name + ".pdf");
  fs::remove(pdf);
  ASSERT_EQ(run_chromium(dir, fmt::format("--no-pdf-header-footer --print-to-pdf='{}'", pdf.string()), page.file,
                         dir / "stdout.txt", log),
            0)
      << read_text(log);
  const auto bytes = read_text(pdf);
  ASSERT_EQ(bytes.rfind("%PDF-", 0), 0U);
  const std::regex page_object(R"(/Type\s*/Page[^s])");
  const auto pages =
      std::distance(std::sregex_iterator(bytes.begin(), bytes.end(), page_object), std::sregex_iterator());
  EXPECT_GE(pages, 1);
  if (have("pdfinfo")) {
    const auto info_file = dir / (page.name + ".pdfinfo");
    ASSERT_EQ(std::system(fmt::format("pdfinfo '{}' >'{}'", pdf.string(), info_file.string()).c_str()), 0);
    const auto info = read_text(info_file);
    EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(info, m, std::regex(R"(Pages:\s+([0-9]+))"))) << info;
    EXPECT_EQ(std::stol(m[1].str()), pages) << info;
  }
  if (have("pdftoppm")) {  // the first pages as pictures, to look at
    EXPECT_EQ(std::system(
                  fmt::format("pdftoppm -r 60 -l 3 -png '{}' '{}'", pdf.string(), (keep / (page.name + "-a4")).string())
                      .c_str()),
              0);
  }
}

TEST(PlanPagesInChromium, LoadRenderFitTheWidthAndPrintOnA4) {
  if (chromium().empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh installs it)";

  const auto dir = mnsim::test::scratch_dir("report-chromium");
  auto plan = test::example_plan("acne_scars_fitzpatrick5");
  plan.patient.clinic_name = "Riverside Skin Clinic";
  const auto protocols = plan::ProtocolTable::load(mnsim::test::data_dir());
  const auto report = report_html(plan,
                                  {.generated_utc = "2025-05-01 08:00 UTC",
                                   .version = "test",
                                   .protocols = &protocols,
                                   .patient_page = "patient.html"},
                                  dir / "figures");
  ASSERT_TRUE(report.note.empty()) << report.note;
  ASSERT_GE(report.figures.size(), 4U);
  std::ofstream(dir / "report.html") << report.html;
  std::ofstream(dir / "patient.html") << patient_page_html(
      plan, {.generated_utc = "2025-05-01 08:00 UTC",
             .version = "test",
             .first_session = std::chrono::sys_days(std::chrono::year(2025) / 5 / 1) + std::chrono::hours(8),
             .utc_offset_min = 120});

  check_page(dir, {.name = "report", .file = dir / "report.html", .figures = report.figures.size()});
  check_page(dir, {.name = "patient", .file = dir / "patient.html", .figures = 0});

  // The practitioner's screenshot shows the figures (their blue, many colours).
  const std::string check =
      fmt::format("{} {}/tests/io/check_png.py '{}' 200 2000", MNSIM_PYTHON3, mnsim::test::source_dir().string(),
                  (artifacts() / "report-desktop.png").string());
  EXPECT_EQ(std::system(check.c_str()), 0);
}

// The probe itself: a table wider than the page is seen, and so is a figure that is not there.
TEST(PlanPagesInChromium, TheProbeSeesAnOverflowAndAMissingFigure) {
  if (chromium().empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh installs it)";
  const auto dir = mnsim::test::scratch_dir("report-chromium-probe");
  std::ofstream(dir / "wide.html") << "<!DOCTYPE html><html><body><p>text</p><table><tr><td style=\"white-space:"
                                      "nowrap\">"
                                   << std::string(400, 'x') << "</td></tr></table>"
                                   << "<figure><svg width=\"0\" height=\"0\"></svg></figure></body></html>\n";
  const auto layout = measure(dir, dir / "wide.html", 800);
  EXPECT_TRUE(layout.page_overflow);
  EXPECT_NE(layout.overflow.find("right:TABLE."), std::string::npos) << layout.overflow;
  EXPECT_EQ(layout.figures, 1);
  EXPECT_EQ(layout.figures_shown, 0);
}

}  // namespace
}  // namespace mnsim::io
