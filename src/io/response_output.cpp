#include "io/response_output.hpp"

#include <fmt/format.h>

#include <sstream>

namespace mnsim::io {

namespace {

struct Column {
  const char* key;    // response output name
  const char* title;  // table heading
  bool probability;   // shown in percent
};
// The headline outputs a comparison table shows, in this order.
constexpr Column headline[] = {
    {"downtime_d", "downtime (d)", false},
    {"erythema_duration_h", "redness (h)", false},
    {"reepithelialisation_h", "re-epithelialised (h)", false},
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

std::string number(double value, bool probability) {
  return probability ? fmt::format("{:.3g}", 100.0 * value) : fmt::format("{:.3g}", value);
}

// "median [p5-p95]" when sampled, else the point value.
std::string cell(const response::ProcedureResponse& r, const Column& c) {
  const auto i = response::output_interval(r, c.key);
  if (r.samples == 0) return number(i.median, c.probability);
  return fmt::format("{} [{}-{}]", number(i.median, c.probability), number(i.p5, c.probability),
                     number(i.p95, c.probability));
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

std::string comparison_csv(const std::vector<response::ProcedureResponse>& procedures) {
  std::string out = "procedure,label,sessions";
  for (const auto& c : headline) out += fmt::format(",{0},{0}_p5,{0}_p95", csv_column(c.key));
  out += "\n";
  for (const auto& r : procedures) {
    out += fmt::format("{},\"{}\",{}", r.treatment.procedure, r.treatment.label, r.treatment.sessions);
    for (const auto& c : headline) {
      const auto i = response::output_interval(r, c.key);
      out += fmt::format(",{:.6g},{:.6g},{:.6g}", i.median, i.p5, i.p95);
    }
    out += "\n";
  }
  return out;
}

std::string comparison_text(const std::vector<response::ProcedureResponse>& procedures) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"procedure"});
  for (const auto& c : headline) rows.back().emplace_back(c.title);
  for (const auto& r : procedures) {
    rows.push_back({fmt::format("{} x{}", r.treatment.label, r.treatment.sessions)});
    for (const auto& c : headline) rows.back().push_back(cell(r, c));
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
  if (!procedures.empty() && procedures.front().samples > 0) {
    out += fmt::format("median [5th-95th percentile] over {} sampled persons\n", procedures.front().samples);
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

std::string response_text(const response::ProcedureResponse& r) {
  std::string out =
      fmt::format("Response over {} session(s) {:g} d apart:\n", r.treatment.sessions, r.treatment.interval_d);
  const auto line = [&](const char* label, const char* key, const char* unit, bool probability) {
    const Column c{key, label, probability};
    out += fmt::format("  {:<28} {} {}\n", label, cell(r, c), unit);
  };
  line("barrier recovered after", "barrier_recovery_h", "h", false);
  line("channels half closed after", "channel_closure_half_life_h", "h", false);
  line("re-epithelialised after", "reepithelialisation_h", "h", false);
  line("redness lasts", "erythema_duration_h", "h", false);
  line("swelling lasts", "oedema_duration_h", "h", false);
  line("downtime", "downtime_d", "d", false);
  line("collagen change at day 180", "collagen_change_pct.180", "%", false);
  line("scar probability", "scar_probability", "%", true);
  line("PIH probability", "pih_probability", "%", true);
  line("infection probability", "infection_probability", "%", true);
  line("bleeding probability", "bleeding_probability", "%", true);
  return out;
}

}  // namespace mnsim::io
