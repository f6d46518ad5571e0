#include "io/report_html.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include "io/gnuplot.hpp"
#include "io/markup_escape.hpp"
#include "io/page_style.hpp"
#include "io/quantity_labels.hpp"
#include "io/quantity_text.hpp"

namespace mnsim::io {

namespace {}  // namespace

std::string inline_svg(std::string_view svg, std::string_view prefix) {
  std::string out(svg.substr(std::min(svg.find("<svg"), svg.size())));
  for (const char* quote : {"'", "\""}) {
    replace_all(out, fmt::format("id={}", quote), fmt::format("id={}{}", quote, prefix));
    replace_all(out, fmt::format("href={}#", quote), fmt::format("href={}#{}", quote, prefix));
  }
  replace_all(out, "url(#", fmt::format("url(#{}", prefix));
  // gnuplot titles the canvas and every plot with internal names ("gnuplot_plot_1", "'x.dat' using
  // 2:1"), which a browser shows as tooltips; the figure's caption says what it shows.
  static const std::regex internal_title("<title>[^<]*</title>");
  return std::regex_replace(out, internal_title, "");
}

namespace {

std::string esc(std::string_view s) { return html_escape(s); }

std::string when(double h) {
  if (std::abs(h) < 48.0) return fmt::format("{:.0f} h", h);
  return fmt::format("{:.1f} d", h / 24.0);
}

// How a predicted quantity of the plan is read, by its key (io/quantity_labels.hpp): the hazards
// are probabilities; a duration (`*_h`, `downtime_d`) equal to one of its course's simulated
// windows (Plan::course_windows_h, ProcedureForecast::windows_h) ran into it and reads "> X".
Reading reading_of(std::string_view key, const std::vector<double>& windows_h = {}) {
  auto reading = quantity_reading(key);
  reading.windows = plan::duration_windows(key, windows_h);
  return reading;
}

// A predicted quantity and its 90 % range as the page shows it: one value when the range is a
// single value (an unsampled runner-up, a probability saturated above 99 %), a probability in
// percent with its floor and ceiling (io/quantity_text.hpp), each number as every output writes it
// for that key (io/quantity_labels.hpp); the unit follows the median and the upper end.
std::string range(const plan::Quantiles& q, std::string_view key, const std::vector<double>& windows_h = {}) {
  const auto reading = reading_of(key, windows_h);
  const auto t = range_text(q.median, q.p5, q.p95, reading);
  if (t.single()) return esc(quantity_value(key, q.median, reading));
  return fmt::format("{} <span class=\"range\">({} to {})</span>", esc(quantity_value(key, q.median, reading)),
                     esc(t.p5), esc(quantity_value(key, q.p95, reading)));
}

std::string label(std::string_view key) { return esc(quantity_label(key).label); }

// One gnuplot figure: writes <name>.dat and <name>.gp into the figure directory and returns the
// SVG text, or empty when gnuplot failed. Names are fixed words and indices, never user text; user
// text in a body goes through gnuplot_label (io/gnuplot.hpp).
class Figures {
 public:
  explicit Figures(std::filesystem::path dir) : dir_(std::move(dir)) {
    std::filesystem::create_directories(dir_);
    available_ = find_gnuplot().has_value();
  }
  [[nodiscard]] bool available() const { return available_; }

  std::string draw(const std::string& name, const std::string& data, const std::string& body, int height_px) {
    std::ofstream(dir_ / (name + ".dat")) << data;
    {
      std::ofstream gp(dir_ / (name + ".gp"));
      gp << fmt::format("# Draws {} from {} (written by mnsim plan)\n", gnuplot_label(name + ".svg"),
                        gnuplot_label(name + ".dat"))
         << fmt::format("set terminal svg size 800,{} dynamic noenhanced font 'DejaVu Sans,12' background '#ffffff'\n",
                        height_px)
         << fmt::format("set output {}\n", gnuplot_label(name + ".svg"))
         << "set datafile separator '\\t'\nset border lc rgb '#444444'\n"
         << "set grid xtics lc rgb '#dddddd'\n"
         << body;
    }
    if (!run_gnuplot(dir_, name + ".gp")) {
      note_ = fmt::format("gnuplot failed on {}.gp: figure not drawn", name);
      return {};
    }
    std::ifstream in(dir_ / (name + ".svg"));
    std::ostringstream svg;
    svg << in.rdbuf();
    drawn_.push_back(name);
    return inline_svg(svg.str(), name + "_");
  }

  [[nodiscard]] const std::vector<std::string>& drawn() const { return drawn_; }
  [[nodiscard]] const std::string& note() const { return note_; }

 private:
  std::filesystem::path dir_;
  bool available_ = false;
  std::vector<std::string> drawn_;
  std::string note_;
};

std::string figure(const std::string& svg, const std::string& caption) {
  if (svg.empty()) return {};
  return fmt::format("<figure>{}<figcaption>{}</figcaption></figure>\n", svg, esc(caption));
}

// Aftercare timeline: one bar per instruction from its start to its end (days), a marker for
// instructions that happen once.
std::string aftercare_figure(Figures& figures, const std::vector<plan::AftercareItem>& items) {
  if (items.empty()) return {};
  std::string data;
  const int n = static_cast<int>(items.size());
  for (int i = 0; i < n; ++i) {
    const auto& it = items[static_cast<std::size_t>(i)];
    // The label is data, not script; a product's own name may hold a tab or a line break, which
    // would split the row.
    std::string label = aftercare_label(it.id);
    for (const char* c : {"\t", "\n", "\r"}) replace_all(label, c, " ");
    data += fmt::format("{}\t{:.4f}\t{:.4f}\t{}\t{}\n", n - i, it.start_h / 24.0, it.end_h / 24.0,
                        it.end_h > it.start_h ? 1 : 0, label);
  }
  const std::string body = fmt::format(
      "set xlabel 'days after the session'\nset ytics scale 0 font ',10'\nunset key\nset yrange [0.3:{}.7]\n"
      "set style fill solid 0.85 noborder\n"
      "plot 'aftercare_timeline.dat' using (($2+$3)/2):1:2:3:($1-0.32):($1+0.32):ytic(5) with boxxyerror "
      "lc rgb '#2f6f9f', \\\n"
      "     '' using ($4 == 0 ? $2 : NaN):1 with points pt 9 ps 1.6 lc rgb '#b03030'\n",
      n);
  return figure(figures.draw("aftercare_timeline", data, body, 120 + 26 * n),
                "Aftercare timeline after each session: bars are periods, triangles are moments (times are "
                "hours from the start of the session, shown in days).");
}

// Predicted durations with their 90 % ranges.
std::string course_figure(Figures& figures, const plan::PredictedCourse& c) {
  const std::vector<std::pair<const char*, plan::Quantiles>> rows = {{"channels open", c.channel_closure_h},
                                                                     {"barrier impaired", c.barrier_recovery_h},
                                                                     {"re-epithelialisation", c.reepithelialisation_h},
                                                                     {"swelling", c.oedema_duration_h},
                                                                     {"redness", c.erythema_duration_h},
                                                                     {"infection hazard", c.infection_window_h},
                                                                     {"pigmentation hazard", c.pih_elevated_until_h}};
  std::string data;
  int y = static_cast<int>(rows.size());
  for (const auto& [name, q] : rows) {
    data += fmt::format("{}\t{:.4f}\t{:.4f}\t{:.4f}\t{}\n", y--, q.median / 24.0, q.p5 / 24.0, q.p95 / 24.0, name);
  }
  const std::string body = fmt::format(
      "set xlabel 'days after the session'\nset ytics scale 0\nunset key\nset yrange [0.3:{}.7]\nset xrange [0:*]\n"
      "plot 'course_durations.dat' using 2:1:3:4:ytic(5) with xerrorbars pt 7 ps 1.2 lw 2 lc rgb '#2f6f9f'\n",
      rows.size());
  return figure(figures.draw("course_durations", data, body, 340),
                "Predicted durations after one session: dot = median, bar = 90 % range (5th to 95th percentile).");
}

// The benefit axis: "new collagen at day 180, % of baseline", with the unit once.
std::string benefit_axis(std::string_view key) {
  const auto q = quantity_label(key);
  return q.unit.empty() || q.label.find(q.unit) != std::string::npos ? q.label
                                                                     : fmt::format("{} ({})", q.label, q.unit);
}

// Benefit of the recommendation and its runner-ups with 90 % ranges.
std::string comparison_figure(Figures& figures, const plan::AreaRecommendation& r, std::size_t index) {
  if (!r.chosen) return {};
  std::vector<const plan::RankedCandidate*> all = {&*r.chosen};
  for (const auto& u : r.runner_ups) all.push_back(&u);
  std::string data;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& c = all[i]->candidate;
    const auto& b = all[i]->outcome.benefit;
    const int group = i == 0 ? 0 : all[i]->feasible ? 1 : 2;
    data += fmt::format("{}\t{:.6g}\t{:.6g}\t{:.6g}\t{}\t{:g} mm x{} {}x/{:g}d\n", i, b.median, b.p5, b.p95, group,
                        c.needle_depth_mm, c.passes, c.sessions, c.interval_d);
  }
  const std::string name = fmt::format("comparison_{}", index);
  const std::string body = fmt::format(
      "set ylabel {}\nset xtics rotate by -30 font ',10'\nset key top right\nset xrange [-0.6:{}.6]\n"
      "plot {} using 1:(NaN):xtic(6) notitle, \\\n"
      "     '' using ($5 == 0 ? $1 : NaN):2:3:4 with yerrorbars pt 7 ps 1.5 lw 2 lc rgb '#2f7f3f' "
      "title 'recommended', \\\n"
      "     '' using ($5 == 1 ? $1 : NaN):2:3:4 with yerrorbars pt 7 ps 1.2 lc rgb '#2f6f9f' title 'runner-up', \\\n"
      "     '' using ($5 == 2 ? $1 : NaN):2:3:4 with yerrorbars pt 6 ps 1.2 lc rgb '#b03030' title 'outside risk "
      "limits'\n",
      gnuplot_label(benefit_axis(r.chosen->outcome.benefit_key)), all.size() - 1, gnuplot_label(name + ".dat"));
  return figure(figures.draw(name, data, body, 380),
                fmt::format("{}: predicted benefit ({}) of the recommended protocol and the runner-ups, median with "
                            "90 % range. Labels: depth x passes, sessions / interval.",
                            name_label(r.area), quantity_label(r.chosen->outcome.benefit_key).label));
}

// True when a band has a range to draw somewhere: the bands of an unsampled course carry the
// median as both ends, and a "90 % range" legend over nothing would claim an uncertainty the
// figure does not show.
bool has_range(const plan::Band& band) {
  for (std::size_t i = 0; i < band.p5.size() && i < band.p95.size(); ++i) {
    if (band.p95[i] - band.p5[i] > 1e-9 * std::max(std::abs(band.p95[i]), std::abs(band.p5[i]))) return true;
  }
  return false;
}

std::string band_figure(Figures& figures, const plan::Band& band, std::size_t index) {
  std::string data;
  for (std::size_t i = 0; i < band.t_h.size(); ++i) {
    data +=
        fmt::format("{:.6g}\t{:.6g}\t{:.6g}\t{:.6g}\n", band.t_h[i] / 24.0, band.median[i], band.p5[i], band.p95[i]);
  }
  const bool ranged = has_range(band);
  const std::string name = fmt::format("band_{}", index);
  // The band first, so the median is drawn over it; x:low:high with filledcurves fills between.
  const std::string band_plot =
      ranged ? "using 1:3:4 with filledcurves fc rgb '#9cc3e0' fs transparent solid 0.5 title '90 % range', \\\n     ''"
             : "";
  const std::string body = fmt::format(
      "set xlabel 'days after the first session'\nset ylabel {}\nset key top right\n"
      "plot {} {} using 1:2 with lines lw 2 lc rgb '#1f4f7f' title {}\n",
      gnuplot_label(fmt::format("{} ({})", band.name, band.unit)), gnuplot_label(name + ".dat"), band_plot,
      ranged ? "'median'" : "'one course, no range'");
  return figure(figures.draw(name, data, body, 340),
                ranged ? fmt::format("Predicted {} over time: median (line) and 90 % range (shaded, 5th to 95th "
                                     "percentile).",
                                     band.name)
                       : fmt::format("Predicted {} over time: one course only. No range is drawn: this course over "
                                     "time was not sampled (the ranges in the tables are).",
                                     band.name));
}

// The peak's spread as the figure draws it: its median and 5-95 % range over the sampled inputs,
// or without samples the point peak and its range over the published disposition. `checked` is
// what the limit reads (the 95th percentile, or the high end of that range).
struct PeakSpread {
  double centre, low, high, checked;  // ng/mL
  std::string centre_name, range_name, checked_name;
};

PeakSpread peak_spread(const plan::SystemicExposure& e) {
  if (e.samples > 0)
    return {.centre = e.sampled_peak_ng_per_ml.median,
            .low = e.sampled_peak_ng_per_ml.p5,
            .high = e.sampled_peak_ng_per_ml.p95,
            .checked = e.checked_peak_ng_per_ml(),
            .centre_name = "median",
            .range_name = fmt::format("5-95 % range over {} sampled transport inputs and dispositions", e.samples),
            .checked_name = "95th percentile"};
  return {.centre = e.peak_ng_per_ml,
          .low = e.peak_low_ng_per_ml,
          .high = e.peak_high_ng_per_ml,
          .checked = e.checked_peak_ng_per_ml(),
          .centre_name = "point estimate",
          .range_name = "range over the published volume of distribution and clearance",
          .checked_name = "high end of the range"};
}

// Where the figure's values span more than two decades (a small peak against the toxic level) the
// concentration axis is logarithmic, from a little below the smallest value drawn: on a linear
// axis the course and its range would lie flat on zero under the toxic line.
std::optional<std::pair<double, double>> log_range(const plan::SystemicExposure& e, const PeakSpread& spread) {
  std::vector<double> values = {spread.low, spread.high, e.peak_ng_per_ml, e.intact_peak_ng_per_ml};
  if (e.toxic_ng_per_ml) values.push_back(*e.toxic_ng_per_ml);
  double low = 0.0, high = 0.0;
  for (const double v : values) {
    if (v <= 0.0) continue;
    low = low > 0.0 ? std::min(low, v) : v;
    high = std::max(high, v);
  }
  if (low <= 0.0 || high < 100.0 * low) return std::nullopt;
  return std::pair{std::pow(10.0, std::floor(std::log10(low / 1000.0 / 3.0))),
                   std::pow(10.0, std::ceil(std::log10(high / 1000.0 * 1.5)))};
}

std::string systemic_caption(const plan::SystemicExposure& e, const PeakSpread& spread, bool log_axis) {
  std::string caption = fmt::format(
      "Predicted {} in the blood over one session. Lines: the point estimate on needled skin and on skin not "
      "needled. Bar at the peak ({:.2g} h): the peak's {}, {:.2g} to {:.2g} ug/mL; dot: its {}, {:.2g} ug/mL. "
      "Dashed red line: its {}, {:.2g} ug/mL",
      e.compound, e.peak_h, spread.range_name, spread.low / 1000.0, spread.high / 1000.0, spread.centre_name,
      spread.centre / 1000.0, spread.checked_name, spread.checked / 1000.0);
  if (const auto fraction = e.checked_fraction_of_toxic())
    caption += fmt::format(", {:.0f} % of the toxic level ({:.2g} ug/mL, dotted black line)", 100.0 * *fraction,
                           *e.toxic_ng_per_ml / 1000.0);
  caption += ".";
  if (log_axis) caption += " Logarithmic concentration axis.";
  return caption;
}

// A compound's blood level over one session, with and without needling, the spread of the peak
// and what the limit reads of it, against the toxic level.
std::string systemic_figure(Figures& figures, const plan::SystemicExposure& e, std::size_t index) {
  const auto spread = peak_spread(e);
  const auto log_axis = log_range(e, spread);
  std::string data;
  for (std::size_t i = 0; i < e.time_h.size(); ++i)
    data +=
        fmt::format("{:.6g}\t{:.6g}\t{:.6g}\n", e.time_h[i], e.ng_per_ml[i] / 1000.0, e.intact_ng_per_ml[i] / 1000.0);
  // Second block (index 1): the peak's spread at the time of the point estimate's peak.
  data += fmt::format("\n\n{:.6g}\t{:.6g}\t{:.6g}\t{:.6g}\n", e.peak_h, spread.centre / 1000.0, spread.low / 1000.0,
                      spread.high / 1000.0);
  // Up to where both courses have fallen below 2 % of the highest: the rest of the run is flat.
  double highest = 0.0;
  for (std::size_t i = 0; i < e.time_h.size(); ++i)
    highest = std::max({highest, e.ng_per_ml[i], e.intact_ng_per_ml[i]});
  std::size_t last = 0;
  for (std::size_t i = 0; i < e.time_h.size(); ++i)
    if (e.ng_per_ml[i] >= 0.02 * highest || e.intact_ng_per_ml[i] >= 0.02 * highest) last = i;
  const double x_start = e.time_h.empty() ? 0.0 : std::min(e.time_h.front(), e.peak_h);
  const double x_end = e.time_h.empty() ? 1.0 : std::max(e.time_h[std::min(last + 1, e.time_h.size() - 1)], e.peak_h);
  const std::string name = fmt::format("systemic_{}", index);
  // On the log axis a course value of 0 (before anything arrives) is left out rather than drawn.
  const char* positive = log_axis ? "($2 > 0 ? $2 : NaN)" : "2";
  const char* intact_positive = log_axis ? "($3 > 0 ? $3 : NaN)" : "3";
  std::string body = fmt::format(
      "set xlabel 'hours from the start of the session'\nset ylabel {}\nset key outside below horizontal\n"
      "set xrange [{:.6g}:{:.6g}]\n{}"
      "plot {} index 0 using 1:{} with lines lw 2 lc rgb '#b03030' title 'needled skin', \\\n"
      "     '' index 0 using 1:{} with lines lw 2 dt 2 lc rgb '#444444' title 'skin not needled', \\\n"
      "     '' index 1 using 1:2:3:4 with yerrorbars pt 7 ps 1.3 lw 2 lc rgb '#2f6f9f' title {}, \\\n"
      "     {:.6g} with lines lw 1.5 dt 4 lc rgb '#b03030' title {}",
      gnuplot_label(fmt::format("{} in the blood (ug/mL)", e.compound)), x_start, x_end,
      log_axis ? fmt::format("set logscale y\nset format y '%g'\nset yrange [{:.3g}:{:.3g}]\n", log_axis->first,
                             log_axis->second)
               : std::string("set yrange [0:*]\nset offsets 0, 0, graph 0.08, 0\n"),
      gnuplot_label(name + ".dat"), positive, intact_positive,
      gnuplot_label(fmt::format("peak: {}, {}", spread.centre_name, e.samples > 0 ? "5-95 %" : "range")),
      spread.checked / 1000.0, gnuplot_label(spread.checked_name + " of the peak"));
  if (e.toxic_ng_per_ml)
    body += fmt::format(", \\\n     {:.6g} with lines lw 1.5 dt 3 lc rgb '#000000' title 'toxic level'",
                        *e.toxic_ng_per_ml / 1000.0);
  body += "\n";
  return figure(figures.draw(name, data, body, 400), systemic_caption(e, spread, log_axis.has_value()));
}

// One compound's row of the blood table: the peak with its range, and the number the limit reads
// (the 95th percentile, or without samples the high end of the range) against the toxic level.
std::string systemic_row(const plan::SystemicExposure& e, double max_fraction_of_toxic) {
  const auto spread = peak_spread(e);
  const auto peak =
      e.samples > 0 ? fmt::format("{:.2g} ug/mL (5-95 %: {:.2g} to {:.2g}; median {:.2g})", e.peak_ng_per_ml / 1000.0,
                                  spread.low / 1000.0, spread.high / 1000.0, spread.centre / 1000.0)
                    : fmt::format("{:.2g} ug/mL (range {:.2g} to {:.2g})", e.peak_ng_per_ml / 1000.0,
                                  spread.low / 1000.0, spread.high / 1000.0);
  const auto fraction = e.checked_fraction_of_toxic();
  const auto checked = fmt::format("{} of the peak: {:.2g} ug/mL{}", spread.checked_name, spread.checked / 1000.0,
                                   fraction ? fmt::format(" = {:.0f} % of the toxic level (limit {:.0f} %)",
                                                          100.0 * *fraction, 100.0 * max_fraction_of_toxic)
                                            : std::string());
  const auto toxic = fraction
                         ? fmt::format("{:.2g} ug/mL; the limit is met up to {:.0f} cm2", *e.toxic_ng_per_ml / 1000.0,
                                       e.area_within_limit_cm2(max_fraction_of_toxic).value_or(0.0))
                         : std::string("not known");
  return fmt::format(
      "<tr><td>{}</td><td>{}</td><td>{:g} cm2</td><td>{}, {:.2g} h after the session starts</td><td>{}</td>"
      "<td>{:.2g} ug/mL</td><td>{}</td></tr>\n",
      esc(name_label(e.compound)), esc(fmt::format("{}", fmt::join(e.products, ", "))), e.area_cm2, esc(peak), e.peak_h,
      esc(checked), e.intact_peak_ng_per_ml / 1000.0, esc(toxic));
}

// ---- the page's sections -------------------------------------------------------------------------

// A rule's or a literature range's evidence tag in words; a source from memory stands out.
std::string evidence(std::string_view tag) {
  if (tag == "M") return "<span class=\"tag-M\">M: from memory, not checked</span>";
  if (tag == "V") return "V: checked in the source";
  if (tag == "V-sec") return "V-sec: as quoted by a secondary source";
  if (tag.empty()) return "the plan's own limits";
  return esc(tag);
}

std::string subject_text(const plan::TriggeredRule& t) {
  if (t.subject.empty()) return "patient";
  return t.scope == plan::Scope::area ? name_label(t.subject) : t.subject;
}

std::string header(const plan::Plan& plan, const ReportOptions& options) {
  std::string h = page_head("Microneedling plan - mnsim", "Microneedling treatment plan");
  h += fmt::format("<p class=\"disclaimer\"><strong>{}</strong></p>\n", esc(plan::disclaimer));
  const auto& p = plan.patient;
  h += fmt::format("<p>Patient: {:g} years, {}, Fitzpatrick type {}; goal: {}; device: {} up to {:g} mm.{}</p>\n",
                   p.age_y, esc(p.sex), p.fitzpatrick, esc(goal_label(p.goal)), esc(p.device_type),
                   p.device_needle_length_mm,
                   p.clinic_name.empty() ? std::string() : fmt::format(" Clinic: {}.", esc(p.clinic_name)));
  if (!options.patient_page.empty())
    h += fmt::format(
        "<p>For the patient, in plain words, with the session dates, the aftercare and a consent block: <a "
        "href=\"{0}\">{0}</a>.</p>\n",
        esc(options.patient_page));
  return h;
}

std::string screening_rules_table(const plan::Plan& plan) {
  if (plan.verdict.triggered.empty()) return "<p>No screening rule applies.</p>\n";
  std::string h =
      "<div class=\"table-wrap\"><table><tr><th>level</th><th>rule</th><th>applies to</th><th>reason</th>"
      "<th>source and evidence</th></tr>\n";
  for (const auto& t : plan.verdict.triggered) {
    h += fmt::format(
        "<tr{5}><td class=\"level-{0}\">{0}</td><td>{1}</td><td>{2}</td><td class=\"long\">{3}</td><td class=\"source "
        "long\">{4}<br>"
        "Evidence: {6}</td></tr>\n",
        plan::to_string(t.level), esc(rule_label(t.id)), esc(subject_text(t)), esc(humanize_text(t.reason)),
        esc(humanize_text(t.source)), t.tag == "M" ? " class=\"memory\"" : "", evidence(t.tag));
  }
  h += "</table></div>\n<p class=\"source\">Evidence tags: V, checked in the source; V-sec, as quoted by a secondary "
       "source (e.g. device labelling reproduced by clinics); M, from memory and not checked: verify before relying "
       "on it.</p>\n";
  return h;
}

std::string areas_table(const plan::Plan& plan) {
  std::string h = "<div class=\"table-wrap\"><table><tr><th>area</th><th>site</th><th>goal</th><th>status</th></tr>\n";
  for (const auto& a : plan.verdict.areas) {
    std::string status = a.excluded ? "not treated" : "treated";
    if (!a.excluded && !a.exclude_zones.empty()) {
      status += " around: ";
      for (std::size_t i = 0; i < a.exclude_zones.size(); ++i)
        status += (i ? ", " : "") + name_label(a.exclude_zones[i]);
    }
    if (!a.excluded && a.max_depth_mm) status += fmt::format("; at most {:g} mm", *a.max_depth_mm);
    h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(name_label(a.name)),
                     esc(name_label(a.site)), esc(goal_label(a.goal)), esc(status));
  }
  return h + "</table></div>\n";
}

std::string screening_section(const plan::Plan& plan) {
  const auto verdict = std::string(plan::to_string(plan.verdict.decision));
  const char* verdict_text = plan.verdict.decision == plan::Decision::go        ? "Go"
                             : plan.verdict.decision == plan::Decision::caution ? "Go with cautions"
                                                                                : "Do not treat";
  return fmt::format("<h2>Screening</h2>\n<p><span class=\"verdict {}\">{}</span></p>\n", verdict, verdict_text) +
         screening_rules_table(plan) + areas_table(plan);
}

// The literature range an area's candidates came from, with its source and tag.
const plan::ProtocolRange* protocol_range(const plan::AreaRecommendation& r, const ReportOptions& options) {
  if (options.protocols == nullptr) return nullptr;
  try {
    return &options.protocols->find(r.goal, r.site);
  } catch (const std::exception&) {
    return nullptr;  // a goal without a row has no candidates, and the area says so
  }
}

std::string protocol_range_text(const plan::ProtocolRange& p) {
  return fmt::format(
      "<p class=\"source\">Literature range for {} ({}): needle depth {:g}-{:g} mm, {}-{} passes, {}-{} sessions "
      "{:g}-{:g} days apart. Source: {}. Evidence: {}.</p>\n",
      esc(goal_label(p.goal)), p.site == "any" ? std::string("any site") : esc(name_label(p.site)), p.depth_min_mm,
      p.depth_max_mm, p.passes_min, p.passes_max, p.sessions_min, p.sessions_max, p.interval_min_d, p.interval_max_d,
      esc(p.source), evidence(p.tag));
}

// What an area's recommendation rests on that comes from memory: its literature range and the
// rules that fired for it or for the whole patient. Visible, so nobody takes it as checked.
std::string memory_note(const plan::Plan& plan, const plan::AreaRecommendation& r, const plan::ProtocolRange* range) {
  std::vector<std::string> items;
  if (range != nullptr && range->tag == "M") items.push_back("the literature range of depths and sessions");
  for (const auto& t : plan.verdict.triggered) {
    if (t.tag == "M" && (t.subject.empty() || t.subject == r.area))
      items.push_back(fmt::format("the rule \"{}\"", rule_label(t.id)));
  }
  if (items.empty()) return {};
  std::string list;
  for (std::size_t i = 0; i < items.size(); ++i) list += (i ? "; " : "") + items[i];
  return fmt::format(
      "<p class=\"memory\"><span class=\"tag-M\">Rests on sources from memory (M):</span> {}. Check them before "
      "relying on this recommendation.</p>\n",
      esc(list));
}

std::string outcome_table(const plan::CandidateOutcome& o) {
  const auto rows = plan::outcome_quantities(o);
  std::string h =
      "<div class=\"table-wrap\"><table><tr><th>predicted with this protocol</th><th>median (90 % "
      "range)</th></tr>\n";
  for (const auto& [key, q] : rows) h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", label(key), range(*q, key));
  return h + "</table></div>\n";
}

std::string runner_ups_table(const plan::AreaRecommendation& r) {
  if (r.runner_ups.empty()) return {};
  std::string h = fmt::format(
      "<div class=\"table-wrap\"><table><tr><th>runner-up</th><th>{}</th><th>PIH p95</th><th>downtime p95</th>"
      "<th>why it lost</th></tr>\n",
      esc(benefit_axis(r.chosen->outcome.benefit_key)));
  for (const auto& u : r.runner_ups) {
    const auto& uc = u.candidate;
    h += fmt::format(
        "<tr><td>{:g} mm, {} passes, {} x {:g} d</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"long\">{}</td></tr>\n",
        uc.needle_depth_mm, uc.passes, uc.sessions, uc.interval_d, range(u.outcome.benefit, u.outcome.benefit_key),
        esc(quantity_value("pih_probability", u.outcome.pih_probability.p95)),
        esc(quantity_value("downtime_d", u.outcome.downtime_d.p95)), esc(humanize_text(u.reason)));
  }
  return h + "</table></div>\n";
}

std::string area_section(const plan::Plan& plan, const plan::AreaRecommendation& r, std::size_t index, Figures& figures,
                         const ReportOptions& options) {
  std::string h =
      fmt::format("<h3>{} ({}, {})</h3>\n", esc(name_label(r.area)), esc(name_label(r.site)), esc(goal_label(r.goal)));
  const auto* range_row = protocol_range(r, options);
  if (!r.chosen) {
    h += fmt::format("<p>{}</p>\n", esc(humanize_text(r.note)));
    return h + (range_row ? protocol_range_text(*range_row) : std::string());
  }
  const auto& c = r.chosen->candidate;
  h += fmt::format(
      "<div class=\"table-wrap\"><table><tr><th>needle depth</th><th>passes</th><th>sessions</th><th>interval</th>"
      "</tr><tr><td>{:g} mm</td><td>{}</td><td>{}</td><td>{}</td></tr></table></div>\n",
      c.needle_depth_mm, c.passes, c.sessions, c.sessions > 1 ? fmt::format("{:g} days", c.interval_d) : "-");
  if (!r.note.empty()) h += fmt::format("<p class=\"memory\">{}</p>\n", esc(humanize_text(r.note)));
  h += memory_note(plan, r, range_row);
  h += outcome_table(r.chosen->outcome);
  h += r.least_risk ? fmt::format(
                          "<p>None of the {} simulated protocols stays within every risk limit: this is the one "
                          "that exceeds them least.</p>\n",
                          r.evaluated)
                    : fmt::format(
                          "<p>Chosen from {} simulated protocols as the least burdensome of those with the best "
                          "predicted benefit within the risk limits.</p>\n",
                          r.evaluated);
  if (range_row) h += protocol_range_text(*range_row);
  if (figures.available()) h += comparison_figure(figures, r, index);
  return h + runner_ups_table(r);
}

std::string recommendation_section(const plan::Plan& plan, Figures& figures, const ReportOptions& options) {
  std::string h = "<h2 class=\"new-page\">Recommended settings</h2>\n";
  for (std::size_t i = 0; i < plan.recommendations.size(); ++i)
    h += area_section(plan, plan.recommendations[i], i, figures, options);
  return h;
}

// Whose protocol the course, the bands and the aftercare follow (plan::course_recommendation).
std::string course_area_text(const plan::Plan& plan) {
  const auto* course = plan::course_recommendation(plan.recommendations);
  if (course == nullptr) return {};
  const auto& c = course->chosen->candidate;
  return fmt::format(
      "<p>The course below, its figures and the aftercare are those of <strong>{}</strong> ({:g} mm, {} passes, "
      "{} sessions), the deepest recommended protocol, so the instructions are safe for every treated area. Each "
      "area's own outcomes are under its settings above.</p>\n",
      esc(name_label(course->area)), c.needle_depth_mm, c.passes, c.sessions);
}

std::vector<std::string> predicted_keys(const plan::Plan& plan) {
  std::vector<std::string> keys;
  for (const auto& entry : plan.predicted) keys.push_back(entry.first);
  return reading_order(std::move(keys));
}

std::string predicted_table(const plan::Plan& plan) {
  if (plan.predicted.empty()) return {};
  std::string h = "<div class=\"table-wrap\"><table><tr><th>quantity</th><th>median (90 % range)</th></tr>\n";
  for (const auto& key : predicted_keys(plan))
    h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", label(key),
                     range(plan.predicted.at(key), key, plan.course_windows_h));
  return h + "</table></div>\n";
}

std::string procedures_table(const plan::Plan& plan) {
  if (plan.procedures.empty() || plan.predicted.empty()) return {};
  std::string h =
      "<h3>The same person, other procedures</h3>\n<div class=\"table-wrap\"><table><tr><th>quantity</th>"
      "<th>microneedling (recommended)</th>";
  for (const auto& other : plan.procedures) h += fmt::format("<th>{}</th>", esc(other.label));
  h += "</tr>\n";
  for (const auto& key : predicted_keys(plan)) {
    h += fmt::format("<tr><td>{}</td><td>{}</td>", label(key),
                     range(plan.predicted.at(key), key, plan.course_windows_h));
    for (const auto& other : plan.procedures) {
      const auto it = other.predicted.find(key);
      h += fmt::format("<td>{}</td>",
                       it == other.predicted.end() ? std::string("-") : range(it->second, key, other.windows_h));
    }
    h += "</tr>\n";
  }
  return h + "</table></div>\n";
}

std::string course_section(const plan::Plan& plan, Figures& figures) {
  std::string h = "<h2 class=\"new-page\">Predicted course</h2>\n" + course_area_text(plan) + predicted_table(plan) +
                  procedures_table(plan);
  if (figures.available()) {
    h += course_figure(figures, plan.course);
    for (std::size_t i = 0; i < plan.bands.size(); ++i) h += band_figure(figures, plan.bands[i], i);
  }
  return h;
}

// Products that reach the blood (numbing creams).
std::string systemic_section(const plan::Plan& plan, Figures& figures) {
  if (plan.systemic.empty()) return {};
  std::string h =
      "<h2>In the blood</h2>\n<div class=\"table-wrap\"><table><tr><th>compound</th><th>products</th>"
      "<th>treated area</th><th>peak, needled skin (range)</th><th>what the limit reads</th>"
      "<th>peak, skin not needled</th><th>toxic level</th></tr>\n";
  for (const auto& e : plan.systemic) h += systemic_row(e, plan.limits.max_plasma_fraction_of_toxic);
  h += "</table></div>\n";
  if (figures.available())
    for (std::size_t i = 0; i < plan.systemic.size(); ++i) h += systemic_figure(figures, plan.systemic[i], i);
  return h +
         "<p class=\"source\">Each product over every treated area of a person of the file's weight, "
         "one session; the range is the 5-95 % range over the sampled transport inputs and the compound's published "
         "volume of distribution and clearance (without sampling: over the published volume and clearance "
         "alone).</p>\n";
}

std::string aftercare_section(const plan::Plan& plan, Figures& figures) {
  if (plan.aftercare.empty()) return {};
  std::string h = "<h2 class=\"new-page\">Aftercare after each session</h2>\n";
  if (figures.available()) h += aftercare_figure(figures, plan.aftercare);
  h += "<ol class=\"aftercare\">\n";
  for (const auto& a : plan.aftercare) {
    const std::string span = a.end_h > a.start_h ? fmt::format("from {} to {}", when(a.start_h), when(a.end_h))
                                                 : fmt::format("at {}", when(a.start_h));
    h += fmt::format(
        "<li><strong>{}</strong> ({}): {}<br><span class=\"range\">Why: {}</span> "
        "<span class=\"source\">Source: {}</span></li>\n",
        esc(aftercare_label(a.id)), esc(span), esc(a.instruction), esc(humanize_text(a.reason)),
        esc(humanize_text(a.source)));
  }
  return h + "</ol>\n";
}

}  // namespace

Report report_html(const plan::Plan& plan, const ReportOptions& options, const std::filesystem::path& figure_dir) {
  Figures figures(figure_dir);
  std::string h = header(plan, options) + screening_section(plan) + recommendation_section(plan, figures, options);
  const bool any_chosen = std::any_of(plan.recommendations.begin(), plan.recommendations.end(),
                                      [](const plan::AreaRecommendation& r) { return r.chosen.has_value(); });
  if (any_chosen) h += course_section(plan, figures);
  h += systemic_section(plan, figures);
  h += aftercare_section(plan, figures);
  h += fmt::format(
      "<footer>Generated by mnsim {} on {} from {}. Times are hours or days from the start of each "
      "session.</footer>\n</body>\n</html>\n",
      esc(options.version), esc(options.generated_utc), esc(plan.patient_file));

  Report report{.html = std::move(h), .figures = figures.drawn(), .note = figures.note()};
  if (!figures.available()) report.note = "gnuplot not found: report without figures (install gnuplot-nox)";
  return report;
}

}  // namespace mnsim::io
