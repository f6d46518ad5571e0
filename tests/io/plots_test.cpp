// Issue #26 (6): the transport figure of `mnsim simulate`. What the skin holds is drawn (what a
// serum is for); amounts that span decades (a few ug/cm2 held, 1e-44 ug/cm2 through) go on a log
// axis without their non-positive values; keys sit below the panels. Each is asserted on the
// gnuplot script, and the PNG must be drawn (tests/io/check_png.py decodes it).
#include "io/plots.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "io/gnuplot.hpp"
#include "test_support.hpp"

namespace mnsim::io {
namespace {

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A transport series table as transport_output.cpp writes it. `through` scales the amounts that
// reach the destination: 1e-44 for a large molecule, about 1 for a small one.
void write_series(const std::filesystem::path& file, double through) {
  std::ofstream out(file);
  out << "time_h,flux_ug_per_cm2_h,cumulative_ug_per_cm2,intact_flux_ug_per_cm2_h,intact_cumulative_ug_per_cm2,"
         "channel_open_fraction,skin_ug_per_cm2,intact_skin_ug_per_cm2,surface_ug_per_cm2,"
         "intact_surface_ug_per_cm2,applied_ug_per_cm2\n";
  for (int i = 0; i <= 48; ++i) {
    const double t = i;
    const double cumulative = through * t;
    out << fmt::format("{},{},{},{},{},{},{},{},,,\n", t, through, cumulative, 0.3 * through, 0.3 * cumulative,
                       std::exp(-t / 2.0), 8.0 + 0.03 * t, i == 0 ? 0.0 : 0.6 * (1.0 - std::exp(-t / 6.0)));
  }
}

// A panel's plot command: from its "set ylabel" to the end of its plot line.
std::string panel(const std::string& script, const std::string& ylabel) {
  const auto start = script.find(fmt::format("set ylabel '{}", ylabel));
  if (start == std::string::npos) return {};
  const auto plot = script.find("plot ", start);
  return script.substr(start, script.find('\n', plot) - start);
}

TEST(TransportPlot, DrawsTheSkinAndALogAxisWhereTheAmountsSpanDecades) {
  if (!find_gnuplot()) GTEST_SKIP() << "gnuplot is not installed (scripts/install-deps.sh installs it)";
  const auto dir = mnsim::test::scratch_dir("transport-plot");
  write_series(dir / "transport_1_serum.csv", 1e-44);
  std::string note;
  const auto drawn = draw_transport_plots(
      dir, {.series_csv = "transport_1_serum.csv", .label = "serum (hyaluronic acid)", .destination = "blood"}, note);
  ASSERT_EQ(drawn, std::vector<std::string>{"transport_1_serum.png"}) << note;
  const auto script = read_text(dir / "transport_1_serum.gp");

  // The skin's panel, needled and not: 0 at the start and 8 ug/cm2 span decades, so log, zero left out.
  const auto skin = panel(script, "held in the skin (ug/cm2)");
  ASSERT_FALSE(skin.empty()) << script;
  EXPECT_NE(skin.find("set logscale y"), std::string::npos) << skin;
  EXPECT_NE(skin.find("(column('skin_ug_per_cm2') > 0 ? column('skin_ug_per_cm2') : NaN)"), std::string::npos);
  EXPECT_NE(skin.find("column('intact_skin_ug_per_cm2')"), std::string::npos) << skin;
  // What reached the blood: 1e-44 ug/cm2 at most, from 0: log.
  const auto reached = panel(script, "reached the blood (ug/cm2)");
  EXPECT_NE(reached.find("set logscale y"), std::string::npos) << reached;
  EXPECT_NE(reached.find("column('cumulative_ug_per_cm2') > 0"), std::string::npos) << reached;
  // Keys outside the plots, below each panel.
  EXPECT_NE(script.find("set key outside below"), std::string::npos);
  EXPECT_EQ(script.find("set key top"), std::string::npos);

  const std::string check = fmt::format("{} {}/tests/io/check_png.py '{}' 50 500", MNSIM_PYTHON3,
                                        mnsim::test::source_dir().string(), (dir / "transport_1_serum.png").string());
  EXPECT_EQ(std::system(check.c_str()), 0) << check;
  std::filesystem::remove_all(dir);
}

TEST(TransportPlot, KeepsALinearAxisWhereTheValuesDoNot) {
  if (!find_gnuplot()) GTEST_SKIP() << "gnuplot is not installed (scripts/install-deps.sh installs it)";
  const auto dir = mnsim::test::scratch_dir("transport-plot-linear");
  // Flux 1 and 0.3, constant: within a decade, linear, every value drawn.
  write_series(dir / "transport_1_caffeine.csv", 1.0);
  std::string note;
  const auto drawn = draw_transport_plots(
      dir, {.series_csv = "transport_1_caffeine.csv", .label = "caffeine", .destination = "receptor"}, note);
  ASSERT_EQ(drawn.size(), 1U) << note;
  const auto flux = panel(read_text(dir / "transport_1_caffeine.gp"), "flux into the receptor (ug/cm2/h)");
  ASSERT_FALSE(flux.empty());
  EXPECT_NE(flux.find("unset logscale y"), std::string::npos) << flux;
  EXPECT_NE(flux.find("using 'time_h':'flux_ug_per_cm2_h'"), std::string::npos) << flux;
  EXPECT_NE(flux.find("'channel_open_fraction' axes x1y2"), std::string::npos) << flux;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mnsim::io
