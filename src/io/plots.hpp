#pragma once
// Figures through gnuplot (Debian gnuplot-nox): the scripts are written into the run directory
// next to the PNGs they draw, so a user can restyle and redraw them. Names and labels reach the
// scripts only through io::gnuplot_label, and gnuplot runs without a shell (io/gnuplot.hpp).
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mnsim::io {

struct InjuryFigureData {
  std::string window_csv;  // punctures of the central window: x_mm, y_mm, channel_radius_mm, depth_um
  double window_mm = 10.0;
  double x0_mm = 0.0;         // lower-left corner of the window
  std::string histogram_csv;  // depth_um (bin centre), share of punctures
};

// Draws puncture_map.png (the central window of the treated square, open channels to scale,
// coloured by depth) and depth_histogram.png from the two tables it writes into `dir` first.
// Returns the PNG names drawn; empty with `note` set when gnuplot is not available or failed.
std::vector<std::string> draw_injury_plots(const std::filesystem::path& dir, const InjuryFigureData& data,
                                           std::string& note);

// Draws response_course.png (barrier, redness and swelling over the first two weeks) and
// collagen_course.png (new collagen III and I and epidermal thickness over the course) from the
// course table `course_csv` already written into `dir` (columns named as in
// response::write_course_csv). Returns the PNG names drawn; `note` as above.
std::vector<std::string> draw_response_plots(const std::filesystem::path& dir, const std::string& course_csv,
                                             std::string& note);

// One product's tables, already written into the run directory, and what its figures say.
struct TransportFigureData {
  std::string series_csv;                 // transport_<i>_<slug>.csv (io::transport_series_file)
  std::string plasma_csv;                 // transport_<i>_<slug>_plasma.csv, or empty when it reaches no body
  std::string label;                      // the product and its compound, for the titles
  std::string destination;                // "receptor" (Franz cell) or "blood" (in vivo)
  std::optional<double> toxic_ng_per_ml;  // drawn as a line on the plasma figure when known
};

// Draws <series stem>.png, three panels with and without needling: the amount held in the skin,
// the amount that reached the destination, and the flux into it with the channels' open share on
// the right axis; and, with a plasma table, <series stem>_plasma.png (the plasma concentration with
// and without needling, and the toxic level). A panel whose values span more than two decades gets
// a log axis (its non-positive values left out); keys sit below the panels. The tables are read
// back from `dir` for that choice. Returns the PNG names drawn; `note` as above.
std::vector<std::string> draw_transport_plots(const std::filesystem::path& dir, const TransportFigureData& data,
                                              std::string& note);

// A one-key sweep's figure: each entry read (a numeric column of `sweep_csv`, already written into
// `dir`) against the varied key, one panel each. Columns are 1-based; `x_column` holds the varied
// key's values, drawn on a log axis when `log_x`.
struct SweepFigureData {
  std::string sweep_csv;
  int x_column = 2;
  std::string x_label;
  bool log_x = false;
  std::vector<std::pair<int, std::string>> panels;  // column and title
};

// Draws sweep.png. Returns the PNG names drawn; `note` as above.
std::vector<std::string> draw_sweep_plot(const std::filesystem::path& dir, const SweepFigureData& data,
                                         std::string& note);

// The figure of one module's validation rows: the model's median against the published value,
// one point per numeric row with a value (bars: the band across, the model's 5-95 % up), passes
// and misses in two colours, and the identity line.
struct ValidationFigureData {
  std::string module;            // a module name of the code (letters only): draws validation_<module>.png
  std::string points_csv;        // columns measured, low, high, median, p5, p95, pass (1 or 0), with a header
  std::string unit_note;         // axis note, such as "each row in its own unit"
  bool log_axes = false;         // values spanning decades
  double low = 0.0, high = 1.0;  // the range of both axes (the identity line is the diagonal)
};

// Draws validation_<module>.png for each figure. Returns the PNG names drawn; `note` as above.
std::vector<std::string> draw_validation_plots(const std::filesystem::path& dir,
                                               const std::vector<ValidationFigureData>& figures, std::string& note);

// A fit's figure: for each measured quantity, the measurements (with their standard deviations when
// given) and the model before and after the fit. `points_csv` is fit.csv and `model_csv`
// fit_model.csv (app/fit_report.hpp), already written into `dir`.
struct FitFigureData {
  std::string points_csv;
  std::string model_csv;
  struct Quantity {
    std::string name;
    bool has_sd = false;
  };
  std::vector<Quantity> quantities;
};

// Draws fit.png. Returns the PNG names drawn; `note` as above.
std::vector<std::string> draw_fit_plot(const std::filesystem::path& dir, const FitFigureData& data, std::string& note);

}  // namespace mnsim::io
