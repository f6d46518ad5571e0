#include "io/plots.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <initializer_list>

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

bool gnuplot_available(std::string& note) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") == 0) return true;
  note = "gnuplot not found: no figures drawn (install gnuplot-nox)";
  return false;
}

std::vector<std::string> draw_all(const std::filesystem::path& dir, std::initializer_list<const char*> names,
                                  std::string& note) {
  std::vector<std::string> drawn;
  for (const auto* name : names) {
    if (run_gnuplot(dir, fmt::format("{}.gp", name))) {
      drawn.push_back(fmt::format("{}.png", name));
    } else {
      note = fmt::format("gnuplot failed on {}.gp: figure not drawn", name);
    }
  }
  return drawn;
}

}  // namespace

std::vector<std::string> draw_injury_plots(const std::filesystem::path& dir, const InjuryFigureData& data,
                                           std::string& note) {
  if (!gnuplot_available(note)) return {};
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
  return draw_all(dir, {"puncture_map", "depth_histogram"}, note);
}

std::vector<std::string> draw_response_plots(const std::filesystem::path& dir, const std::string& course_csv,
                                             std::string& note) {
  if (!gnuplot_available(note)) return {};
  {
    std::ofstream gp(dir / "response_course.gp");
    // Hours on a log axis: the barrier and the vascular reaction change within minutes, oedema
    // and redness over days. TEWL spans decades, so it gets its own log axis on the right.
    gp << fmt::format("# Draws response_course.png from {} (written by mnsim)\n", course_csv)
       << "set terminal pngcairo size 900,600 font 'DejaVu Sans,11'\nset output 'response_course.png'\n"
       << "set datafile separator ','\nset key autotitle columnhead\n"
       << "set logscale x\nset xrange [0.1:336]\nset xtics (0.1, 1, 6, 24, 72, 168, 336)\n"
       << "set title 'Two weeks after the first session'\nset xlabel 'hours after the session'\n"
       << "set ylabel 'redness, swelling (1 = just visible)'\nset y2label 'TEWL excess over intact skin'\n"
       << "set logscale y2\nset y2tics\nset ytics nomirror\n"
       << fmt::format(
              "plot '{0}' using 'time_h':'erythema' with lines lw 2 lc rgb '#c03030' title 'redness', "
              "'' using 'time_h':'oedema' with lines lw 2 lc rgb '#3060c0' title 'swelling', "
              "'' using 'time_h':(column('tewl_excess') > 1e-3 ? column('tewl_excess') : 1/0) "
              "axes x1y2 with lines lw 2 lc rgb '#30a050' title 'TEWL excess (right axis)'\n",
              course_csv);
  }
  {
    std::ofstream gp(dir / "collagen_course.gp");
    gp << fmt::format("# Draws collagen_course.png from {} (written by mnsim)\n", course_csv)
       << "set terminal pngcairo size 900,600 font 'DejaVu Sans,11'\nset output 'collagen_course.png'\n"
       << "set datafile separator ','\nset key autotitle columnhead\n"
       << "set title 'New collagen and epidermal thickness over the course'\nset xlabel 'days'\n"
       << "set ylabel 'relative to baseline (%)'\n"
       << fmt::format(
              "plot '{0}' using 'time_d':(100*column('collagen3')) with lines lw 2 lc rgb '#d08020' "
              "title 'collagen III', "
              "'' using 'time_d':(100*column('collagen1')) with lines lw 2 lc rgb '#8030a0' "
              "title 'collagen I', "
              "'' using 'time_d':(100*column('epidermis')) with lines lw 2 lc rgb '#30a0a0' "
              "title 'epidermal thickness'\n",
              course_csv);
  }
  return draw_all(dir, {"response_course", "collagen_course"}, note);
}

}  // namespace mnsim::io
