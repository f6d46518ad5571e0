#include "io/plots.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "io/gnuplot.hpp"

namespace mnsim::io {

namespace {

bool gnuplot_available(std::string& note) {
  if (find_gnuplot()) return true;
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

std::string stem_of(const std::string& csv) { return std::filesystem::path(csv).stem().string(); }

// The numbers of the named columns of a CSV table mnsim wrote (a header row, then one row per
// time; empty cells, the tables' "not applicable", are left out). A missing column reads as empty.
std::vector<double> column_values(const std::filesystem::path& file, const std::string& name) {
  std::ifstream in(file);
  std::string line;
  if (!std::getline(in, line)) return {};
  std::size_t index = 0;
  bool found = false;
  {
    std::istringstream header(line);
    for (std::string cell; std::getline(header, cell, ',');) {
      if (cell == name) {
        found = true;
        break;
      }
      ++index;
    }
  }
  if (!found) return {};
  std::vector<double> values;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string cell;
    for (std::size_t k = 0; k <= index && std::getline(row, cell, ','); ++k) {
    }
    double value = 0.0;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (!cell.empty() && error == std::errc() && end == cell.data() + cell.size()) values.push_back(value);
  }
  return values;
}

// True when the positive values of the columns span more than two decades: on a linear axis the
// smaller ones would lie flat on zero (or a curve of 1e-44 would fill the panel as if it mattered).
// `also`: values drawn beside the columns (a toxic level), in the columns' unit.
bool spans_decades(const std::filesystem::path& file, std::initializer_list<const char*> columns,
                   std::vector<double> also = {}) {
  for (const auto* name : columns) {
    const auto values = column_values(file, name);
    also.insert(also.end(), values.begin(), values.end());
  }
  double low = 0.0, high = 0.0;
  for (const double v : also) {
    if (!(v > 0.0)) continue;
    low = low > 0.0 ? std::min(low, v) : v;
    high = std::max(high, v);
  }
  return low > 0.0 && high > 100.0 * low;
}

// A panel's y axis: its label, and a log scale where its columns span decades (else linear).
struct Axis {
  bool log = false;
  std::string settings;  // gnuplot lines
};
Axis y_axis(const std::filesystem::path& file, std::initializer_list<const char*> columns, const std::string& label,
            std::vector<double> also = {}) {
  const bool log = spans_decades(file, columns, std::move(also));
  return {log, fmt::format("set ylabel {}\n{}", gnuplot_label(label),
                           log ? "set logscale y\nset format y '%.0e'\n" : "unset logscale y\nset format y '%g'\n")};
}

// A column for a `using` clause: on a log axis only its positive values (a log axis has no place
// for zero or below), on a linear one every value.
std::string column_of(const char* name, const Axis& axis) {
  return axis.log ? fmt::format("(column({0}) > 0 ? column({0}) : NaN)", gnuplot_label(name)) : gnuplot_label(name);
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
       << "set terminal pngcairo size 900,800 noenhanced font 'DejaVu Sans,11'\nset output 'puncture_map.png'\n"
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
       << "set terminal pngcairo size 900,600 noenhanced font 'DejaVu Sans,11'\nset output 'depth_histogram.png'\n"
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
    gp << fmt::format("# Draws response_course.png from {} (written by mnsim)\n", gnuplot_label(course_csv))
       << "set terminal pngcairo size 900,600 noenhanced font 'DejaVu Sans,11'\nset output 'response_course.png'\n"
       << "set datafile separator ','\nset key autotitle columnhead\n"
       << "set logscale x\nset xrange [0.1:336]\nset xtics (0.1, 1, 6, 24, 72, 168, 336)\n"
       << "set title 'Two weeks after the first session'\nset xlabel 'hours after the session'\n"
       << "set ylabel 'redness, swelling (1 = just visible)'\nset y2label 'TEWL excess over intact skin'\n"
       << "set logscale y2\nset y2tics\nset ytics nomirror\n"
       << fmt::format(
              "plot {0} using 'time_h':'erythema' with lines lw 2 lc rgb '#c03030' title 'redness', "
              "'' using 'time_h':'oedema' with lines lw 2 lc rgb '#3060c0' title 'swelling', "
              "'' using 'time_h':(column('tewl_excess') > 1e-3 ? column('tewl_excess') : 1/0) "
              "axes x1y2 with lines lw 2 lc rgb '#30a050' title 'TEWL excess (right axis)'\n",
              gnuplot_label(course_csv));
  }
  {
    std::ofstream gp(dir / "collagen_course.gp");
    gp << fmt::format("# Draws collagen_course.png from {} (written by mnsim)\n", gnuplot_label(course_csv))
       << "set terminal pngcairo size 900,600 noenhanced font 'DejaVu Sans,11'\nset output 'collagen_course.png'\n"
       << "set datafile separator ','\nset key autotitle columnhead\n"
       << "set title 'New collagen and epidermal thickness over the course'\nset xlabel 'days'\n"
       << "set ylabel 'relative to baseline (%)'\n"
       << fmt::format(
              "plot {0} using 'time_d':(100*column('collagen3')) with lines lw 2 lc rgb '#d08020' "
              "title 'collagen III', "
              "'' using 'time_d':(100*column('collagen1')) with lines lw 2 lc rgb '#8030a0' "
              "title 'collagen I', "
              "'' using 'time_d':(100*column('epidermis')) with lines lw 2 lc rgb '#30a0a0' "
              "title 'epidermal thickness'\n",
              gnuplot_label(course_csv));
  }
  return draw_all(dir, {"response_course", "collagen_course"}, note);
}

std::vector<std::string> draw_transport_plots(const std::filesystem::path& dir, const TransportFigureData& data,
                                              std::string& note) {
  if (!gnuplot_available(note)) return {};
  const auto stem = stem_of(data.series_csv);
  const auto series = gnuplot_label(data.series_csv);
  const auto table = dir / data.series_csv;
  {
    // Three panels: what the skin holds (what a serum is for), what went through it, and the flux
    // with the open share of the channels on the right axis. Each panel's amounts go on a log axis
    // where they span decades (a few ug/cm2 held beside 1e-44 ug/cm2 through), and every key sits
    // below its panel, clear of the curves.
    const auto skin = y_axis(table, {"skin_ug_per_cm2", "intact_skin_ug_per_cm2"}, "held in the skin (ug/cm2)");
    const auto reached = y_axis(table, {"cumulative_ug_per_cm2", "intact_cumulative_ug_per_cm2"},
                                fmt::format("reached the {} (ug/cm2)", data.destination));
    const auto flux = y_axis(table, {"flux_ug_per_cm2_h", "intact_flux_ug_per_cm2_h"},
                             fmt::format("flux into the {} (ug/cm2/h)", data.destination));
    // The same two lines per panel: needled, and not needled (dashed grey).
    const auto pair = [&](const Axis& axis, const char* needled, const char* intact, const char* colour) {
      return fmt::format(
          "{0} using 'time_h':{1} with lines lw 2 lc rgb '{3}' title 'needled', "
          "'' using 'time_h':{2} with lines lw 2 dt 2 lc rgb '#404040' title 'not needled'",
          series, column_of(needled, axis), column_of(intact, axis), colour);
    };
    std::ofstream gp(dir / (stem + ".gp"));
    gp << fmt::format("# Draws {} from {} (written by mnsim)\n", gnuplot_label(stem + ".png"), series)
       << fmt::format("set terminal pngcairo size 900,1250 noenhanced font 'DejaVu Sans,11'\nset output {}\n",
                      gnuplot_label(stem + ".png"))
       << "set datafile separator ','\nset key outside below horizontal\nset lmargin 13\nset rmargin 13\n"
       << "set autoscale xfix\nset offsets 0, 0, graph 0.06, 0\n"
       << fmt::format("set multiplot layout 3,1 title {}\n", gnuplot_label(data.label)) << "unset xlabel\n"
       << skin.settings << "plot " << pair(skin, "skin_ug_per_cm2", "intact_skin_ug_per_cm2", "#2f6f9f") << "\n"
       << reached.settings << "plot "
       << pair(reached, "cumulative_ug_per_cm2", "intact_cumulative_ug_per_cm2", "#c03030") << "\n"
       << "set xlabel 'hours after application'\n"
       << flux.settings << "set y2label 'channels open (share)'\nset y2range [0:1.05]\nset y2tics\nset ytics nomirror\n"
       << "plot " << pair(flux, "flux_ug_per_cm2_h", "intact_flux_ug_per_cm2_h", "#c03030")
       << ", '' using 'time_h':'channel_open_fraction' axes x1y2 with lines lw 1 lc rgb '#3060c0' "
          "title 'channels open (right axis)'\n"
       << "unset multiplot\n";
  }
  if (data.plasma_csv.empty()) return draw_all(dir, {stem.c_str()}, note);
  const auto plasma_stem = stem_of(data.plasma_csv);
  const auto plasma = gnuplot_label(data.plasma_csv);
  {
    // A small blood level under a far higher toxic level spans decades: then a log axis, so that
    // the course is seen and not flattened onto zero under the toxic line.
    std::vector<double> toxic_ng_per_ml;
    if (data.toxic_ng_per_ml) toxic_ng_per_ml.push_back(*data.toxic_ng_per_ml);
    const auto axis = y_axis(dir / data.plasma_csv, {"plasma_ng_per_ml", "intact_plasma_ng_per_ml"},
                             "plasma concentration (ug/mL)", toxic_ng_per_ml);
    const auto in_ug_per_ml = [&](const char* name) {
      return axis.log ? fmt::format("(column({0}) > 0 ? column({0})/1000 : NaN)", gnuplot_label(name))
                      : fmt::format("(column({})/1000)", gnuplot_label(name));
    };
    std::ofstream gp(dir / (plasma_stem + ".gp"));
    gp << fmt::format("# Draws {} from {} (written by mnsim)\n", gnuplot_label(plasma_stem + ".png"), plasma)
       << fmt::format("set terminal pngcairo size 900,650 noenhanced font 'DejaVu Sans,11'\nset output {}\n",
                      gnuplot_label(plasma_stem + ".png"))
       << "set datafile separator ','\nset key outside below horizontal\n"
       << fmt::format("set title {}\n", gnuplot_label(data.label + ": in the blood"))
       << "set xlabel 'hours after application'\n"
       << axis.settings << (axis.log ? "" : "set yrange [0:*]\nset offsets 0, 0, graph 0.08, 0\n")
       << fmt::format(
              "plot {0} using 'time_h':{1} with lines lw 2 lc rgb '#c03030' title 'needled', '' using "
              "'time_h':{2} with lines lw 2 dt 2 lc rgb '#404040' title 'not needled'",
              plasma, in_ug_per_ml("plasma_ng_per_ml"), in_ug_per_ml("intact_plasma_ng_per_ml"));
    if (data.toxic_ng_per_ml)
      gp << fmt::format(", {} with lines lw 1 dt 3 lc rgb '#000000' title 'toxic level'",
                        *data.toxic_ng_per_ml / 1000.0);
    gp << "\n";
  }
  return draw_all(dir, {stem.c_str(), plasma_stem.c_str()}, note);
}

std::vector<std::string> draw_sweep_plot(const std::filesystem::path& dir, const SweepFigureData& data,
                                         std::string& note) {
  if (data.panels.empty() || !gnuplot_available(note)) return {};
  const auto count = static_cast<int>(data.panels.size());
  const int columns = count == 1 ? 1 : 2;
  const int rows = (count + columns - 1) / columns;
  {
    std::ofstream gp(dir / "sweep.gp");
    gp << fmt::format("# Draws sweep.png from {} (written by mnsim)\n", gnuplot_label(data.sweep_csv))
       << fmt::format("set terminal pngcairo size {},{} noenhanced font 'DejaVu Sans,10'\nset output 'sweep.png'\n",
                      columns * 550, rows * 330)
       << "set datafile separator ','\nset key off\nset autoscale xfix\n"
       << "set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\n"
       << fmt::format("set xlabel {}\n", gnuplot_label(data.x_label)) << (data.log_x ? "set logscale x\n" : "")
       << fmt::format("set multiplot layout {},{}\n", rows, columns);
    for (const auto& [column, title] : data.panels) {
      gp << fmt::format("set title {}\n", gnuplot_label(title))
         << fmt::format("plot {} skip 1 using {}:{} with linespoints lw 2 pt 7 lc rgb '#b03030'\n",
                        gnuplot_label(data.sweep_csv), data.x_column, column);
    }
    gp << "unset multiplot\n";
  }
  return draw_all(dir, {"sweep"}, note);
}

std::vector<std::string> draw_validation_plots(const std::filesystem::path& dir,
                                               const std::vector<ValidationFigureData>& figures, std::string& note) {
  if (figures.empty() || !gnuplot_available(note)) return {};
  std::vector<std::string> drawn;
  for (const auto& f : figures) {
    const auto name = "validation_" + f.module;  // a module name of the code, not user text
    {
      std::ofstream gp(dir / (name + ".gp"));
      const auto csv = gnuplot_label(f.points_csv);
      gp << fmt::format("# Draws {}.png from {} (written by mnsim)\n", name, csv)
         << fmt::format("set terminal pngcairo size 640,600 noenhanced font 'DejaVu Sans,10'\nset output '{}.png'\n",
                        name)
         << "set datafile separator ','\nset key top left opaque\nset size ratio -1\nset grid\n"
         << fmt::format("set title {}\n", gnuplot_label(f.module + ": model against published values"))
         << fmt::format("set xlabel {}\n", gnuplot_label("published (bars: tolerance band), " + f.unit_note))
         << fmt::format("set ylabel {}\n", gnuplot_label("model median (bars: 5-95 %)"))
         << (f.log_axes ? "set logscale xy\nset format x '%g'\nset format y '%g'\n" : "")
         // The same range on both axes, so that the identity line is the diagonal.
         << fmt::format("set xrange [{0:g}:{1:g}]\nset yrange [{0:g}:{1:g}]\n", f.low, f.high)
         << fmt::format(
                "plot x with lines dt 2 lc rgb '#606060' title 'identity', \\\n"
                "  {0} skip 1 using 1:($7 == 1 ? $4 : 1/0):2:3:5:6 with xyerrorbars pt 7 ps 0.8 "
                "lc rgb '#2a7a2a' title 'within the band', \\\n"
                "  {0} skip 1 using 1:($7 == 0 ? $4 : 1/0):2:3:5:6 with xyerrorbars pt 5 ps 0.8 "
                "lc rgb '#b03030' title 'miss'\n",
                csv);
    }
    if (run_gnuplot(dir, name + ".gp")) {
      drawn.push_back(name + ".png");
    } else {
      note = fmt::format("gnuplot failed on {}.gp: figure not drawn", name);
    }
  }
  return drawn;
}

std::vector<std::string> draw_fit_plot(const std::filesystem::path& dir, const FitFigureData& data, std::string& note) {
  if (data.quantities.empty() || !gnuplot_available(note)) return {};
  const auto count = static_cast<int>(data.quantities.size());
  {
    std::ofstream gp(dir / "fit.gp");
    gp << fmt::format("# Draws fit.png from {} and {} (written by mnsim)\n", gnuplot_label(data.points_csv),
                      gnuplot_label(data.model_csv))
       << fmt::format("set terminal pngcairo size 900,{} noenhanced font 'DejaVu Sans,10'\nset output 'fit.png'\n",
                      count * 420)
       << "set datafile separator ','\nset key top left opaque\n"
       << "set xlabel 'hours after application'\n"
       << fmt::format("set multiplot layout {},1\n", count);
    for (const auto& q : data.quantities) {
      // fit.csv holds every quantity: a row of another quantity is skipped (1/0). The name is
      // one of io::fittable_series (letters and '_'), which gnuplot_label leaves unchanged; as it
      // holds no braces, `pick` is a safe format string.
      const auto pick = fmt::format("(strcol(1) eq {} ? ${{}} : 1/0)", gnuplot_label(q.name));
      gp << fmt::format("set title {}\nset ylabel {}\n", gnuplot_label("measured and modelled: " + q.name),
                        gnuplot_label(q.name))
         << fmt::format(
                "plot {} using 'time_h':{} with lines lw 2 lc rgb '#b03030' title 'fitted', "
                "'' using 'time_h':{} with lines lw 1 dt 2 lc rgb '#404040' title 'start', ",
                gnuplot_label(data.model_csv), gnuplot_label(q.name + "_fitted"), gnuplot_label(q.name + "_start"))
         << fmt::format("{} skip 1 using 2:{}{} with {} pt 7 lc rgb '#3060c0' title 'measured'\n",
                        gnuplot_label(data.points_csv), fmt::format(fmt::runtime(pick), 3), q.has_sd ? ":4" : "",
                        q.has_sd ? "yerrorbars" : "points");
    }
    gp << "unset multiplot\n";
  }
  return draw_all(dir, {"fit"}, note);
}

}  // namespace mnsim::io
