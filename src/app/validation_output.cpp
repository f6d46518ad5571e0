#include "app/validation_output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "app/validation_criteria.hpp"
#include "io/csv_writer.hpp"
#include "io/markup_escape.hpp"

namespace mnsim::app {

namespace {

std::string num(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return fmt::format("{:.3g}", value);
}

bool is_category(const ValidationResult& r) { return r.band.rule == "category"; }

std::string band_text(const ValidationResult& r) {
  if (is_category(r)) return r.measured_text;
  if (r.kind == "ordering") return "ratio > 1";
  const auto& b = r.band;
  if (b.low && b.high) return fmt::format("{}-{}", num(*b.low), num(*b.high));
  if (b.high) return fmt::format("<= {}", num(*b.high));
  return fmt::format(">= {}", num(*b.low));
}

std::string measured_text(const ValidationResult& r) {
  if (r.kind == "events") return r.measured_text;
  if (r.measured) return num(*r.measured);
  return r.measured_text;
}

std::string predicted_text(const ValidationResult& r) {
  if (is_category(r)) return r.predicted.text;
  const auto& p = r.predicted;
  if (p.p5 == p.median && p.p95 == p.median) return num(p.median);
  return fmt::format("{} ({}-{})", num(p.median), num(p.p5), num(p.p95));
}

std::string fold_text(const ValidationResult& r) { return r.fold_error ? num(*r.fold_error) : "-"; }

std::string short_text(const std::string& text, std::size_t width) {
  return text.size() <= width ? text : text.substr(0, width - 3) + "...";
}

// Markdown table cells hold no pipes or line breaks.
std::string cell(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  io::replace_all(text, "|", "\\|");
  return text;
}

nlohmann::json row_json(const ValidationResult& r) {
  nlohmann::json row{{"module", r.about.module},
                     {"id", r.about.id},
                     {"case", r.case_name},
                     {"role", role_name(r.about.role)},
                     {"calibrates", r.about.calibrates},
                     {"kind", r.kind},
                     {"quantity", r.quantity},
                     {"time", r.time},
                     {"unit", r.unit},
                     {"band_rule", r.band.rule},
                     {"pass", r.pass},
                     {"source", r.about.source},
                     {"tag", r.about.tag},
                     {"file", r.about.file}};
  if (is_category(r)) {
    row["measured"] = r.measured_text;
    row["predicted"] = {{"median", r.predicted.text}, {"p5", r.predicted.text}, {"p95", r.predicted.text}};
  } else {
    row["measured"] = r.measured ? nlohmann::json(*r.measured) : nlohmann::json();
    row["predicted"] = {{"median", r.predicted.median}, {"p5", r.predicted.p5}, {"p95", r.predicted.p95}};
  }
  row["low"] = r.band.low ? nlohmann::json(*r.band.low) : nlohmann::json();
  row["high"] = r.band.high ? nlohmann::json(*r.band.high) : nlohmann::json();
  row["fold_error"] = r.fold_error ? nlohmann::json(*r.fold_error) : nlohmann::json();
  if (!r.trial.empty()) row["trial"] = r.trial;
  if (!r.miss_reason.empty()) row["miss_reason"] = r.miss_reason;
  if (r.kind == "events") {
    row["n"] = r.n;
    row["events"] = r.events;
    row["predicted_events"] = {{"median", r.events_median}, {"p5", r.events_p5}, {"p95", r.events_p95}};
  }
  return row;
}

}  // namespace

std::string validation_csv(const ValidationReport& report) {
  io::CsvWriter csv({"module",       "id",
                     "trial",        "role",
                     "calibrates",   "case",
                     "quantity",     "time",
                     "unit",         "measured",
                     "low",          "high",
                     "band_rule",    "predicted_median",
                     "predicted_p5", "predicted_p95",
                     "fold_error",   "pass",
                     "source",       "tag",
                     "miss_reason"});
  for (const auto& r : report.results) {
    std::string calibrates;
    for (const auto& c : r.about.calibrates) calibrates += (calibrates.empty() ? "" : ";") + c;
    const bool category = is_category(r);
    csv.row({r.about.module,
             r.about.id,
             r.trial,
             role_name(r.about.role),
             calibrates,
             r.case_name,
             r.quantity,
             r.time,
             r.unit,
             category ? r.measured_text : (r.measured ? io::number_text(*r.measured) : std::string()),
             r.band.low ? io::number_text(*r.band.low) : std::string(),
             r.band.high ? io::number_text(*r.band.high) : std::string(),
             r.band.rule,
             category ? r.predicted.text : io::number_text(r.predicted.median),
             category ? r.predicted.text : io::number_text(r.predicted.p5),
             category ? r.predicted.text : io::number_text(r.predicted.p95),
             r.fold_error ? io::number_text(*r.fold_error) : std::string(),
             r.pass ? "pass" : "miss",
             r.about.source,
             r.about.tag,
             r.miss_reason});
  }
  return csv.str();
}

namespace {

std::string criterion_value(const CriterionResult& c) {
  if (!c.value) return "-";
  if (c.criterion.metric == CriterionMetric::rmse_log10) return fmt::format("{:.3f}", *c.value);
  return fmt::format("{:.0f} %", 100.0 * *c.value);
}

std::string criterion_target(const Criterion& c) {
  if (c.metric == CriterionMetric::rmse_log10) return fmt::format("<= {:g}", c.target);
  return fmt::format(">= {:g} %", 100.0 * c.target);
}

std::string criterion_rows(const CriterionResult& c) {
  return c.criterion.min_rows > 0 ? fmt::format("{} (at least {})", c.rows, c.criterion.min_rows)
                                  : std::to_string(c.rows);
}

}  // namespace

nlohmann::json validation_json(const ValidationReport& report) {
  nlohmann::json modules = nlohmann::json::object();
  for (const auto& m : report.modules) {
    modules[m.module] = {{"rows", m.rows},
                         {"passed", m.passed},
                         {"score", m.score()},
                         {"gm_fold_error", m.gm_fold_error ? nlohmann::json(*m.gm_fold_error) : nlohmann::json()},
                         {"calibration_rows", m.calibration_rows},
                         {"calibration_passed", m.calibration_passed}};
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : report.results) rows.push_back(row_json(r));
  nlohmann::json criteria = nlohmann::json::array();
  for (const auto& c : report.criteria) {
    criteria.push_back({{"id", c.criterion.id},
                        {"issue", c.criterion.issue},
                        {"statement", c.criterion.statement},
                        {"metric", metric_name(c.criterion.metric)},
                        {"rows", c.rows},
                        {"value", c.value ? nlohmann::json(*c.value) : nlohmann::json()},
                        {"target", c.criterion.target},
                        {"holds", c.holds}});
  }
  return {{"modules", modules}, {"rows", rows}, {"criteria", criteria}, {"runs", report.runs}};
}

std::string validation_text(const ValidationReport& report) {
  std::string out = fmt::format("{:<11} {:<40} {:<34} {:<22} {:<26} {:>6}  {}\n", "module", "case", "quantity",
                                "measured (band)", "model median (5-95 %)", "fold", "result");
  for (const auto& r : report.results) {
    const auto result =
        std::string(r.pass ? "pass" : "MISS") + (r.about.role == Role::calibration ? " (calibration)" : "");
    out +=
        fmt::format("{:<11} {:<40} {:<34} {:<22} {:<26} {:>6}  {}\n", r.about.module, short_text(r.case_name, 40),
                    short_text(r.quantity, 34), short_text(fmt::format("{} ({})", measured_text(r), band_text(r)), 22),
                    short_text(predicted_text(r), 26), fold_text(r), result);
  }
  out += "\nScore (validation rows only; calibration rows are listed, not counted):\n";
  out += fmt::format("{:<12} {:>5} {:>7} {:>7} {:>14} {:>12}\n", "module", "rows", "passed", "score", "gm fold error",
                     "calibration");
  for (const auto& m : report.modules) {
    out +=
        fmt::format("{:<12} {:>5} {:>7} {:>6.0f}% {:>14} {:>6}/{:<5}\n", m.module, m.rows, m.passed, 100.0 * m.score(),
                    m.gm_fold_error ? num(*m.gm_fold_error) : "-", m.calibration_passed, m.calibration_rows);
  }
  if (!report.criteria.empty()) {
    out += "\nChecks of the open issues (data/validation/criteria.csv):\n";
    for (const auto& c : report.criteria) {
      out += fmt::format("{:<30} #{:<4} {:>8} {:>9}  {:<5} {}\n", c.criterion.id, c.criterion.issue, criterion_value(c),
                         criterion_target(c.criterion), c.holds ? "holds" : "not", c.criterion.statement);
    }
  }
  return out;
}

ValidationPoints validation_points(const ValidationReport& report, const std::string& module) {
  ValidationPoints points;
  std::vector<std::array<double, 7>> rows;  // measured, low, high, median, p5, p95, pass
  for (const auto& r : report.results) {
    if (r.about.module != module || is_category(r) || r.kind == "ordering" || !r.measured || *r.measured <= 0.0)
      continue;
    const double m = *r.measured;
    const auto& p = r.predicted;
    rows.push_back(
        {m, r.band.low ? *r.band.low : m, r.band.high ? *r.band.high : m, p.median, p.p5, p.p95, r.pass ? 1.0 : 0.0});
  }
  if (rows.empty()) return points;
  double lo = HUGE_VAL, hi = -HUGE_VAL, smallest = HUGE_VAL, largest = 0.0;
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < 6; ++c) {
      if (!std::isfinite(row[c])) continue;
      lo = std::min(lo, row[c]);
      hi = std::max(hi, row[c]);
      if (row[c] > 0.0) {
        smallest = std::min(smallest, row[c]);
        largest = std::max(largest, row[c]);
      }
    }
  }
  points.log_axes = largest > 0.0 && largest / smallest > 100.0;
  if (points.log_axes) {
    points.low = smallest / 2.0;
    points.high = largest * 2.0;
  } else {
    const double pad = 0.08 * (hi - lo) + 1e-9 * std::max(1.0, std::abs(hi));
    points.low = lo - pad;
    points.high = hi + pad;
  }
  points.csv = "measured,low,high,median,p5,p95,pass\n";
  for (auto row : rows) {
    // On log axes a bound at 0 (or an infinite one) is drawn at the edge of the figure.
    for (std::size_t c = 0; c < 6; ++c) row[c] = std::clamp(row[c], points.low, points.high);
    points.csv += fmt::format("{},{},{},{},{},{},{}\n", row[0], row[1], row[2], row[3], row[4], row[5], row[6]);
  }
  return points;
}

std::string validation_markdown(const ValidationReport& report, const std::vector<std::string>& figures,
                                const std::string& figure_dir, const std::string& command) {
  std::string out = fmt::format(
      "# Validation: every prediction against the literature\n\n"
      "Generated by `{}` from data/validation/ (`make docs` rewrites this page and its figures; a test checks "
      "that it is current). Model predictions for education and research, not medical advice.\n\n"
      "Each published number is one row with a role. **Calibration** rows are numbers a parameter was fitted to "
      "(the row names the parameters, and the parameter's registry source names the row): they show only that "
      "the fit worked, must pass, and are never scored. **Validation** rows had no parameter fitted to them; only "
      "they count. The tolerance band of each row was set from the measurement, by the rules of "
      "data/validation/README.md, before the prediction was seen; a miss stays in the table with its reason. "
      "Published clinical studies run as virtual trials: the study's n virtual patients per arm, drawn from its "
      "Fitzpatrick and sex mix; an event count passes when the model's rate lies in the Wilson 95 % interval of "
      "k of n, an ordering when the model orders the arms the same way.\n\n"
      "## Score per module\n\n"
      "| module | validation rows | passed | score | geometric-mean fold error | calibration rows (passed) |\n"
      "|---|---:|---:|---:|---:|---:|\n",
      command);
  for (const auto& m : report.modules) {
    out += fmt::format("| {} | {} | {} | {:.0f} % | {} | {} ({}) |\n", m.module, m.rows, m.passed, 100.0 * m.score(),
                       m.gm_fold_error ? num(*m.gm_fold_error) : "-", m.calibration_rows, m.calibration_passed);
  }
  out += fmt::format(
      "\n{} model runs. Fold error: max(model/published, published/model) of the median against "
      "the published value (the geometric middle of the band where none is given; event rates with "
      "half an event added to each side).\n",
      report.runs);
  if (!report.criteria.empty()) {
    out +=
        "\n## Checks of the open issues\n\n"
        "The numbers the fidelity issues' Done-when sections ask for, computed from the validation rows above "
        "(data/validation/criteria.csv). A share within a fold and the log error count rows with a published "
        "central value (not a bound); the range check counts every published number.\n\n"
        "| check | issue | statement | rows | value | target | holds |\n"
        "|---|---|---|---:|---:|---:|---|\n";
    for (const auto& c : report.criteria) {
      out += fmt::format("| `{}` | #{} | {} | {} | {} | {} | {} |\n", c.criterion.id, c.criterion.issue,
                         cell(c.criterion.statement), criterion_rows(c), criterion_value(c),
                         criterion_target(c.criterion), c.holds ? "yes" : "**no**");
    }
  }
  for (const auto& m : report.modules) {
    out += fmt::format("\n## {}\n\n", m.module);
    const auto figure = fmt::format("validation_{}.png", m.module);
    if (std::find(figures.begin(), figures.end(), figure) != figures.end())
      out += fmt::format("![{}: model against published values]({}/{})\n\n", m.module, figure_dir, figure);
    bool any = false;
    for (const auto& r : report.results) any = any || r.about.module == m.module;
    if (!any) {
      out += "No rows yet.\n";
      continue;
    }
    out +=
        "| id | role | case | quantity (time) | published (band, rule) | model median (5-95 %) | fold | result |\n"
        "|---|---|---|---|---|---|---:|---|\n";
    for (const auto& r : report.results) {
      if (r.about.module != m.module) continue;
      const auto role = r.about.role == Role::calibration ? "calibration" : "validation";
      out += fmt::format("| {} | {} | {} | `{}`{} | {} ({}, {}){} | {} | {} | {} |\n", r.about.id, role,
                         cell(r.case_name), r.quantity, r.time.empty() ? "" : fmt::format(" ({})", cell(r.time)),
                         cell(measured_text(r)), band_text(r), r.band.rule,
                         r.unit.empty() ? "" : fmt::format(" {}", cell(r.unit)), predicted_text(r), fold_text(r),
                         r.pass ? std::string("pass")
                                : "**miss**" + (r.miss_reason.empty() ? std::string() : ": " + cell(r.miss_reason)));
    }
    out += "\nSources and assumptions:\n\n";
    std::string last_trial;
    for (const auto& r : report.results) {
      if (r.about.module != m.module) continue;
      if (!r.trial.empty() && r.trial == last_trial) continue;  // a trial's endpoints share one source
      last_trial = r.trial;
      out +=
          fmt::format("- `{}` [{}]{}: {}{}\n", r.trial.empty() ? r.about.id : r.trial, r.about.tag,
                      r.about.calibrates.empty() ? "" : fmt::format(" (fits {})", fmt::join(r.about.calibrates, ", ")),
                      cell(r.about.source),
                      r.about.assumptions.empty() ? "" : fmt::format(" Assumed: {}", cell(r.about.assumptions)));
    }
  }
  return out;
}

}  // namespace mnsim::app
