// report.html opened in headless Chromium, as a reader would: it must load without console
// errors, and a screenshot must show the figures (not a blank page). Skips only when Chromium is
// not installed (scripts/install-deps.sh installs it).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "io/plan_fixture.hpp"
#include "io/report_html.hpp"

namespace mnsim::io {
namespace {

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    if (std::system(fmt::format("command -v {} >/dev/null 2>&1", name).c_str()) == 0) return name;
  }
  return {};
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReportInChromium, OpensWithoutErrorsAndTheScreenshotShowsTheFigures) {
  const std::string browser = chromium();
  if (browser.empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh installs it)";

  const auto dir = mnsim::test::scratch_dir("report-chromium");
  const auto report = report_html(test::example_plan("acne_scars_fitzpatrick5"),
                                  {.generated_utc = "2025-05-01 08:00 UTC", .version = "test"}, dir / "figures");
  ASSERT_TRUE(report.note.empty()) << report.note;
  std::ofstream(dir / "report.html") << report.html;

  const auto png = dir / "screenshot.png";
  const auto log = dir / "chromium.log";
  const std::string command = fmt::format(
      "cd '{0}' && timeout 120 {1} --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
      "--user-data-dir='{0}/profile' --enable-logging=stderr --v=0 --window-size=800,9000 --screenshot='{2}' "
      "'file://{0}/report.html' >'{3}' 2>&1",
      dir.string(), browser, png.string(), log.string());
  ASSERT_EQ(std::system(command.c_str()), 0) << read_text(log);
  ASSERT_TRUE(std::filesystem::exists(png)) << read_text(log);

  const std::string console = read_text(log);
  for (const char* bad : {"Uncaught", "ERROR:CONSOLE", "Failed to load resource", "net::ERR_"}) {
    EXPECT_EQ(console.find(bad), std::string::npos) << bad << " in:\n" << console;
  }
  const std::string check = fmt::format("{} {}/tests/io/check_png.py '{}' 200 2000", MNSIM_PYTHON3,
                                        mnsim::test::source_dir().string(), png.string());
  EXPECT_EQ(std::system(check.c_str()), 0);
}

}  // namespace
}  // namespace mnsim::io
