#include "io/response_output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <sstream>

#include "io/quantity_labels.hpp"
#include "io/quantity_text.hpp"

namespace mnsim::io {

namespace {

struct Column {
  const char* key;    // response output name
  const char* title;  // table heading
  bool probability;   // shown in percent
  // Hours per unit of a duration that can run into the end of a session's window (1 for _h, 24
  // for _d); 0 for anything else.
  double duration_unit_h = 0.0;
};
// The headline outputs a comparison table shows, in this order.
constexpr Column headline[] = {
    {"downtime_d", "downtime (d)", false, 24.0},
    {"erythema_duration_h", "redness (h)", false, 1.0},
    {"reepithelialisation_h", "re-epithelialised (h)", false, 1.0},
    {"collagen_change_pct.180", "collagen d180 (%)", false},
    {"scar_probability", "scar (%)", true},
    {"pih_probability", "PIH (%)", true},
    {"infection_probability", "infection (%)", true},
    {"bleeding_probability", "bleeding (%)", true},
};

// "collagen_change_pct.180" -> "collagen_change_pct_d180".
std::string csv_column(std::string key) {
  if (const auto dot = key.find('.'); dot != std::string::npos) key.replace(dot, 1, "_d");
  return key;
}

// The simulated window after each session, in hours: up to the next session, and after the last
// one up to the end of the simulated time (response/course.cpp stops there). A duration that fills
// a window was cut off by it. Empty when the course was not recorded, as its end is then unknown.
std::vector<double> session_windows_h(const response::ProcedureResponse& r) {
  if (r.course.time_h.empty()) return {};
  const double interval_h = r.treatment.interval_d * 24.0;
  const double last_start_h = (r.treatment.sessions - 1) * interval_h;
  std::vector<double> windows;
  if (r.treatment.sessions > 1) windows.push_back(interval_h);
  windows.push_back(r.course.time_h.back() - r.course.time_h.front() - last_start_h);
  return windows;
}

Reading reading_of(const response::ProcedureResponse& r, const Column& c) {
  Reading reading{.probability = c.probability};
  if (c.duration_unit_h > 0.0) {
    for (const double w : session_windows_h(r)) reading.windows.push_back(w / c.duration_unit_h);
  }
  return reading;
}

// "median [p5-p95]" when sampled and the range is not a single value, else one value.
std::string cell(const response::ProcedureResponse& r, const Column& c) {
  const auto i = response::output_interval(r, c.key);
  const auto reading = reading_of(r, c);
  if (r.samples == 0) return value_text(i.median, reading);
  return bracketed(range_text(i.median, i.p5, i.p95, reading));
}

// "4 x 30 d" for a protocol of several sessions, "1" for a single one.
std::string sessions_text(const response::Treatment& t) {
  if (t.sessions <= 1) return fmt::format("{}", t.sessions);
  return fmt::format("{} x {:g} d", t.sessions, t.interval_d);
}

}  // namespace

nlohmann::json response_json(const response::ProcedureResponse& r) {
  nlohmann::json out = nlohmann::json::object();
  out["procedure"] = r.treatment.procedure;
  out["label"] = r.treatment.label;
  out["sessions"] = r.treatment.sessions;
  out["interval_d"] = r.treatment.interval_d;
  for (std::size_t k = 0; k < r.point.size(); ++k) {
    const auto& name = r.point[k].first;
    nlohmann::json value = r.point[k].second;
    if (r.samples > 0) {
      const auto& i = r.intervals[k].second;
      value = {{"median", i.median}, {"p5", i.p5}, {"p95", i.p95}};
    }
    const auto dot = name.find('.');
    if (dot == std::string::npos) {
      out[name] = value;
    } else {
      out[name.substr(0, dot)][name.substr(dot + 1)] = value;
    }
  }
  out["fibrosis"] = r.course.metrics.fibrosis;
  out["samples"] = r.samples;
  if (r.samples > 0) out["fibrosis_probability"] = r.fibrosis_probability;
  return out;
}

std::string course_series_csv(const response::ProcedureResponse& r) {
  std::ostringstream out;
  response::write_course_csv(r.course, out);
  return out.str();
}

std::string protocol_text(const response::Treatment& t) {
  if (t.sessions <= 1) return fmt::format("{} session", t.sessions);
  return fmt::format("{} sessions {:g} d apart", t.sessions, t.interval_d);
}

// interval_d comes last so that the columns before it keep their places; it is empty for a single
// session, where no interval applies.
std::string comparison_csv(const std::vector<response::ProcedureResponse>& procedures) {
  std::string out = "procedure,label,sessions";
  for (const auto& c : headline) out += fmt::format(",{0},{0}_p5,{0}_p95", csv_column(c.key));
  out += ",interval_d\n";
  for (const auto& r : procedures) {
    out += fmt::format("{},\"{}\",{}", r.treatment.procedure, r.treatment.label, r.treatment.sessions);
    for (const auto& c : headline) {
      const auto i = response::output_interval(r, c.key);
      out += fmt::format(",{:.6g},{:.6g},{:.6g}", i.median, i.p5, i.p95);
    }
    out += r.treatment.sessions > 1 ? fmt::format(",{:g}\n", r.treatment.interval_d) : std::string(",\n");
  }
  return out;
}

namespace {

// The sessions behind each row, in words: procedures with the same schedule together.
std::string sessions_note(const std::vector<response::ProcedureResponse>& procedures) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // schedule, labels
  for (const auto& r : procedures) {
    const auto schedule = protocol_text(r.treatment);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == schedule; });
    if (it == groups.end()) it = groups.insert(groups.end(), {schedule, {}});
    it->second.push_back(r.treatment.label);
  }
  std::string out = "Each row is a whole protocol, its outcomes over all its sessions: ";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& [schedule, labels] = groups[g];
    out += fmt::format("{}{}: {}{}", g == 0 ? "" : "; ", fmt::join(labels, ", "), schedule,
                       labels.size() > 1 ? " each" : "");
  }
  return out + ".\n";
}

}  // namespace

std::string comparison_text(const std::vector<response::ProcedureResponse>& procedures) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"procedure", "sessions"});
  for (const auto& c : headline) rows.back().emplace_back(c.title);
  bool cut_off = false;
  for (const auto& r : procedures) {
    rows.push_back({r.treatment.label, sessions_text(r.treatment)});
    for (const auto& c : headline) {
      rows.back().push_back(cell(r, c));
      cut_off = cut_off || (c.duration_unit_h > 0.0 && rows.back().back().find("> ") != std::string::npos);
    }
  }
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t k = 0; k < row.size(); ++k) width[k] = std::max(width[k], row[k].size());
  }
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t k = 0; k < row.size(); ++k) out += fmt::format("{:<{}}  ", row[k], width[k]);
    out.erase(out.find_last_not_of(' ') + 1);
    out += "\n";
  }
  out += sessions_note(procedures);
  if (!procedures.empty() && procedures.front().samples > 0) {
    out += fmt::format("median [5th-95th percentile] over {} sampled persons\n", procedures.front().samples);
  }
  if (cut_off) {
    out += "> X: still going when the next session or the simulated time (X) ended; X is a lower bound\n";
  }
  return out;
}

nlohmann::json closure_check_json(const std::vector<response::ClosureCheck>& checks) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : checks) {
    out.push_back({{"wound", c.wound},
                   {"half_width_um", c.half_width_um},
                   {"resolved_h", c.resolved_h},
                   {"reduced_h", c.reduced_h}});
  }
  return out;
}

// Labels and units from the one table of io/quantity_labels.hpp, so a PIH probability reads the
// same here as in the plan's text and pages.
std::string response_text(const response::ProcedureResponse& r) {
  std::string out =
      fmt::format("Response over {} session(s) {:g} d apart:\n", r.treatment.sessions, r.treatment.interval_d);
  const auto line = [&](const char* key, double duration_unit_h = 0.0) {
    const auto q = quantity_label(key);
    const Column c{key, "", q.probability, duration_unit_h};
    out += fmt::format("  {:<28} {} {}\n", q.label, cell(r, c), q.unit);
  };
  line("barrier_recovery_h", 1.0);
  line("channel_closure_half_life_h");
  line("reepithelialisation_h", 1.0);
  line("erythema_duration_h", 1.0);
  line("oedema_duration_h", 1.0);
  line("downtime_d", 24.0);
  line("collagen_change_pct.180");
  line("scar_probability");
  line("pih_probability");
  line("infection_probability");
  line("bleeding_probability");
  return out;
}

}  // namespace mnsim::io
