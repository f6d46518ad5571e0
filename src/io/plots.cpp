#include "io/plots.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>

namespace mnsim::io {

namespace {

// Quotes a path for the shell: inside single quotes only a single quote needs escaping.
std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

bool run_gnuplot(const std::filesystem::path& dir, const std::string& script) {
  const std::string command =
      fmt::format("cd {} && gnuplot {} >/dev/null 2>&1", shell_quoted(dir.string()), shell_quoted(script));
  return std::system(command.c_str()) == 0;
}

}  // namespace

std::vector<std::string> draw_injury_plots(const std::filesystem::path& dir, const InjuryFigureData& data,
                                           std::string& note) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) {
    note = "gnuplot not found: no figures drawn (install gnuplot-nox)";
    return {};
  }
  std::ofstream(dir / "puncture_map_window.csv") << data.window_csv;
  std::ofstream(dir / "depth_histogram.csv") << data.histogram_csv;
  {
    std::ofstream gp(dir / "puncture_map.gp");
    gp << "# Draws puncture_map.png from puncture_map_window.csv (written by mnsim)\n"
       << "set terminal pngcairo size 900,800 font 'DejaVu Sans,11'\nset output 'puncture_map.png'\n"
       << "set datafile separator ','\nset size ratio -1\n"
       << fmt::format("set xrange [{0}:{1}]\nset yrange [{0}:{1}]\n", data.x0_mm, data.x0_mm + data.window_mm)
       << fmt::format("set title 'Open channels after one session, central {0:.0f} mm x {0:.0f} mm (to scale)'\n",
                      data.window_mm)
       << "set xlabel 'x (mm)'\nset ylabel 'y (mm)'\nset cblabel 'depth reached (um)'\nset palette rgb 33,13,10\n"
       << "plot 'puncture_map_window.csv' skip 1 using 1:2:3:4 with circles lc palette fs solid 0.8 noborder "
          "notitle\n";
  }
  {
    std::ofstream gp(dir / "depth_histogram.gp");
    gp << "# Draws depth_histogram.png from depth_histogram.csv (written by mnsim)\n"
       << "set terminal pngcairo size 900,600 font 'DejaVu Sans,11'\nset output 'depth_histogram.png'\n"
       << "set datafile separator ','\nset title 'Depth reached in tissue'\n"
       << "set xlabel 'depth (um)'\nset ylabel 'share of punctures'\nset style fill solid 0.8\n"
       << "plot 'depth_histogram.csv' skip 1 using 1:2 with boxes lc rgb '#b03030' notitle\n";
  }
  std::vector<std::string> drawn;
  for (const auto* name : {"puncture_map", "depth_histogram"}) {
    if (run_gnuplot(dir, fmt::format("{}.gp", name))) {
      drawn.push_back(fmt::format("{}.png", name));
    } else {
      note = fmt::format("gnuplot failed on {}.gp: figure not drawn", name);
    }
  }
  return drawn;
}

}  // namespace mnsim::io
