#include "io/patient_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <vector>

#include "io/ics_writer.hpp"
#include "io/markup_escape.hpp"
#include "io/page_style.hpp"
#include "io/quantity_labels.hpp"

namespace mnsim::io {

std::optional<int> session_zone_offset_min(std::string_view text) {
  if (text.ends_with("Z")) return 0;
  if (text.size() < 6) return std::nullopt;
  const auto zone = text.substr(text.size() - 6);
  if ((zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
  const auto two = [](std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); };
  return (zone[0] == '-' ? -1 : 1) * (two(zone.substr(1, 2)) * 60 + two(zone.substr(4, 2)));
}

std::string plain_duration(double hours) {
  const auto count = [](long n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  if (hours < 1.0) return count(std::max(1L, std::lround(hours * 60.0)), "minute", "minutes");
  if (hours < 36.0) return count(std::max(1L, std::lround(hours)), "hour", "hours");
  return count(std::lround(hours / 24.0), "day", "days");
}

namespace {

std::string esc(std::string_view s) { return html_escape(s); }

// Built anew rather than changed in place (GCC 12 reports a false -Wmaybe-uninitialized on s[0] of
// a moved-in string after inlining).
std::string capitalised(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) out.push_back(out.empty() && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  return out;
}

// "About 30 hours" or "About 30 hours (for some people up to 3 days)", for the "When" column.
std::string about(const plan::Quantiles& q) {
  const auto median = plain_duration(q.median);
  const auto high = plain_duration(q.p95);
  if (median == high) return "About " + median;
  return fmt::format("About {} (for some people up to {})", median, high);
}

// ---- dates -------------------------------------------------------------------------------------

constexpr std::array<const char*, 7> weekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                 "Thursday", "Friday", "Saturday"};
constexpr std::array<const char*, 12> months = {"January", "February", "March",     "April",   "May",      "June",
                                                "July",    "August",   "September", "October", "November", "December"};

// "Thursday 1 May 2025, 10:00" in the zone the patient file gave.
std::string local_date(std::chrono::sys_seconds utc, int offset_min) {
  const auto local = utc + std::chrono::minutes(offset_min);
  const auto days = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(days);
  const std::chrono::weekday wd(days);
  const std::chrono::hh_mm_ss hms(local - days);
  return fmt::format("{} {} {} {}, {:02d}:{:02d}", weekdays[wd.c_encoding()], static_cast<unsigned>(ymd.day()),
                     months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()), hms.hours().count(),
                     hms.minutes().count());
}

std::string zone_name(int offset_min) {
  if (offset_min == 0) return "UTC";
  const int a = std::abs(offset_min);
  return fmt::format("UTC{}{:02d}:{:02d}", offset_min < 0 ? '-' : '+', a / 60, a % 60);
}

// Each area's sessions in order, from the calendar's visits (io/ics_writer.hpp), so the page and
// aftercare.ics cannot disagree on a date.
std::map<std::string, std::vector<std::pair<AreaSession, double>>> sessions_by_area(const plan::Plan& plan) {
  std::map<std::string, std::vector<std::pair<AreaSession, double>>> out;
  for (const auto& visit : treatment_visits(plan)) {
    for (const auto& a : visit.areas) out[a.area].emplace_back(a, visit.offset_h);
  }
  return out;
}

std::string dates_section(const plan::Plan& plan, const PatientPageOptions& o) {
  const auto sessions = sessions_by_area(plan);
  if (sessions.empty()) return {};
  std::string h = "<h2>Your session dates</h2>\n";
  h += o.first_session_given
           ? fmt::format("<p>Times are in {}. Your clinic will confirm each appointment.</p>\n",
                         zone_name(o.utc_offset_min))
           : "<p>No start date was set yet: these dates count from the day this plan was made. Your clinic will "
             "agree the real dates with you.</p>\n";
  for (const auto& r : plan.recommendations) {
    const auto it = sessions.find(r.area);
    if (!r.chosen || it == sessions.end()) continue;
    const auto& c = r.chosen->candidate;
    h += fmt::format("<h3>{}</h3>\n<p>{} {}{}.</p>\n<ol class=\"keep\">\n", esc(capitalised(name_label(r.area))),
                     c.sessions, c.sessions == 1 ? "session" : "sessions",
                     c.sessions > 1 ? fmt::format(", one every {:g} days", c.interval_d) : std::string());
    for (const auto& [session, offset_h] : it->second) {
      const auto when = o.first_session + std::chrono::seconds(std::llround(offset_h * 3600.0));
      h += fmt::format("<li>{}</li>\n", esc(local_date(when, o.utc_offset_min)));
    }
    h += "</ol>\n";
  }
  return h;
}

// ---- what was decided --------------------------------------------------------------------------

// The plain reasons of the rules that hold the whole treatment or one area back.
std::vector<std::string> plain_reasons(const plan::Plan& plan, std::string_view subject) {
  std::vector<std::string> out;
  for (const auto& t : plan.verdict.triggered) {
    if (t.level != plan::Level::contraindication || t.subject != subject) continue;
    const auto words = rule_plain(t.id);
    if (!words.empty() && std::find(out.begin(), out.end(), words) == out.end()) out.push_back(words);
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return out;
}

std::string decision_section(const plan::Plan& plan) {
  std::string h = "<h2>What was decided</h2>\n";
  switch (plan.verdict.decision) {
    case plan::Decision::go:
      h += "<p><span class=\"verdict sentence go\">Your treatment can go ahead as planned.</span></p>\n";
      break;
    case plan::Decision::caution:
      h += "<p><span class=\"verdict sentence caution\">Your treatment can go ahead, with precautions your "
           "practitioner will "
           "go through with you.</span></p>\n";
      break;
    case plan::Decision::do_not_treat: {
      h += "<p><span class=\"verdict sentence do_not_treat\">Treatment should not go ahead now.</span></p>\n";
      const auto reasons = plain_reasons(plan, "");
      h += reasons.empty() ? "<p>Your practitioner will explain why.</p>\n"
                           : fmt::format(
                                 "<p>The reason: {}. Your practitioner will explain what this means and "
                                 "when treatment may be possible.</p>\n",
                                 esc(joined(reasons)));
      break;
    }
  }
  h += "<ul class=\"plain\">\n";
  for (const auto& a : plan.verdict.areas) {
    const auto name = esc(capitalised(name_label(a.name)));
    if (a.excluded) {
      const auto reasons = plain_reasons(plan, a.name);
      h += fmt::format("<li><strong>{}</strong>: not treated for now{}.</li>\n", name,
                       reasons.empty() ? std::string(" (your practitioner will explain why)")
                                       : esc(": because of " + joined(reasons)));
      continue;
    }
    const auto r = std::find_if(plan.recommendations.begin(), plan.recommendations.end(),
                                [&](const plan::AreaRecommendation& x) { return x.area == a.name; });
    if (r == plan.recommendations.end() || !r->chosen) {
      h += fmt::format(
          "<li><strong>{}</strong>: no treatment could be planned for this area; your practitioner will "
          "explain why.</li>\n",
          name);
      continue;
    }
    std::vector<std::string> zones;
    for (const auto& z : a.exclude_zones) zones.push_back(name_label(z));
    h += fmt::format("<li><strong>{}</strong>: treated for {}{}.</li>\n", name, esc(goal_plain(a.goal)),
                     zones.empty() ? std::string() : esc(", leaving out: " + joined(zones)));
  }
  return h + "</ul>\n";
}

// ---- after each session ------------------------------------------------------------------------

struct Moment {
  double at_h;       // for the order
  std::string when;  // in words
  std::string what;
};

const plan::AftercareItem* find_item(const plan::Plan& plan, std::string_view id) {
  const auto it = std::find_if(plan.aftercare.begin(), plan.aftercare.end(),
                               [&](const plan::AftercareItem& a) { return a.id == id; });
  return it == plan.aftercare.end() ? nullptr : &*it;
}

std::vector<Moment> moments(const plan::Plan& plan) {
  const auto& c = plan.course;
  std::vector<Moment> out = {
      {0.0, "Straight after the session",
       "The treated skin is red, like a mild sunburn, and may feel warm, tight and a little swollen. Tiny spots of "
       "blood may show."},
      {c.oedema_duration_h.median, about(c.oedema_duration_h), "Swelling goes down."},
      {c.erythema_duration_h.median, about(c.erythema_duration_h), "Redness fades."},
      {c.reepithelialisation_h.median, about(c.reepithelialisation_h), "The tiny needle wounds have closed over."},
      {24.0 * c.downtime_d.median, about({24.0 * c.downtime_d.median, 24.0 * c.downtime_d.p5, 24.0 * c.downtime_d.p95}),
       "Most visible signs of the treatment are gone."},
  };
  const auto after = [&](std::string_view id, bool at_end, const char* what) {
    if (const auto* a = find_item(plan, id)) {
      const double t = at_end ? a->end_h : a->start_h;
      out.push_back({t, "After " + plain_duration(t), what});
    }
  };
  after("makeup", false, "You may wear makeup again.");
  after("no_sweat_swim", true, "Sport that makes you sweat, swimming pools and saunas are fine again.");
  after("no_exfoliants", true, "Scrubs, exfoliating acids and retinoid creams are fine again.");
  after("photoprotection", true, "The strict sun protection can end; keep using a daily sunscreen.");
  for (const auto& a : plan.aftercare) {
    if (a.id.starts_with("product:") && a.kind == "from" && a.start_h > 0.0)
      out.push_back({a.start_h, "After " + plain_duration(a.start_h),
                     fmt::format("You may use {} again.", aftercare_label(a.id))});
  }
  std::stable_sort(out.begin(), out.end(), [](const Moment& a, const Moment& b) { return a.at_h < b.at_h; });
  return out;
}

std::string course_area_note(const plan::Plan& plan) {
  const auto* course = plan::course_recommendation(plan.recommendations);
  const auto treated = std::count_if(plan.recommendations.begin(), plan.recommendations.end(),
                                     [](const plan::AreaRecommendation& r) { return r.chosen.has_value(); });
  if (course == nullptr || treated < 2) return {};
  return fmt::format(
      "<p>These times are for the {}, which has the deepest treatment; your other areas may settle sooner.</p>\n",
      esc(name_label(course->area)));
}

std::string expect_section(const plan::Plan& plan) {
  if (plan.aftercare.empty()) return {};
  std::string h = "<h2 class=\"new-page\">What to expect after each session</h2>\n" + course_area_note(plan);
  h += "<div class=\"table-wrap\"><table><tr><th>When</th><th>What happens</th></tr>\n";
  for (const auto& m : moments(plan)) h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", esc(m.when), esc(m.what));
  return h + "</table></div>\n";
}

// When an instruction applies, in words, from the start of the session.
std::string plain_span(const plan::AftercareItem& a) {
  if (a.start_h < 0.0) {
    const auto until = a.end_h < 0.0 ? plain_duration(-a.end_h) + " before it" : std::string("the session");
    return fmt::format("From {} before the session until {}", plain_duration(-a.start_h), until);
  }
  if (a.end_h <= a.start_h)
    return a.start_h <= 0.0 ? "From the session on" : "From " + plain_duration(a.start_h) + " after the session";
  if (a.start_h <= 0.0) return "For the first " + plain_duration(a.end_h);
  return fmt::format("From {} to {} after the session", plain_duration(a.start_h), plain_duration(a.end_h));
}

bool is_warning(const plan::AftercareItem& a) { return a.kind == "consult" || a.kind == "watch"; }

std::string aftercare_section(const plan::Plan& plan) {
  if (plan.aftercare.empty()) return {};
  std::string h = "<h2>Looking after your skin</h2>\n<ul class=\"plain\">\n";
  for (const auto& a : plan.aftercare) {
    if (is_warning(a) || a.kind == "info") continue;
    h += fmt::format("<li><strong>{}:</strong> {}</li>\n", esc(plain_span(a)), esc(a.instruction));
  }
  return h + "</ul>\n";
}

std::string clinic_text(const plan::Plan& plan) {
  if (plan.patient.clinic_name.empty()) return "<span class=\"blank\">&nbsp;</span>";
  return "<strong>" + esc(plan.patient.clinic_name) + "</strong>";
}

std::string warning_section(const plan::Plan& plan) {
  std::vector<const plan::AftercareItem*> warnings;
  for (const auto& a : plan.aftercare)
    if (is_warning(a)) warnings.push_back(&a);
  if (warnings.empty()) return {};
  std::string h = fmt::format(
      "<h2>When to call the clinic</h2>\n<p class=\"keep\">Clinic: {}<br>Phone: <span "
      "class=\"blank\">&nbsp;</span></p>\n<ul class=\"plain\">\n",
      clinic_text(plan));
  for (const auto* a : warnings) {
    const auto when = a->end_h > a->start_h ? plain_span(*a) : "After " + plain_duration(a->start_h);
    h += fmt::format("<li><strong>{}:</strong> {}</li>\n", esc(when), esc(a->instruction));
  }
  h += "<li><strong>At any time:</strong> if something worries you, call the clinic. In an emergency (trouble "
       "breathing, swelling of the face or throat, a high fever), call emergency services.</li>\n";
  return h + "</ul>\n";
}

// ---- chances of side effects -------------------------------------------------------------------

// The median as every output writes it; "about" only where it is a number, not a bound ("<0.01 %").
std::string risk_cell(std::string_view key, const plan::Quantiles& q) {
  const auto r = quantity_range(key, q.median, q.p5, q.p95, quantity_reading(key));
  const bool bound = r.median.starts_with("<") || r.median.starts_with(">");
  const auto median = bound ? r.median : "about " + r.median;
  if (r.single()) return esc(median);
  return esc(fmt::format("{} (for some people up to {})", median, r.p95));
}

std::string risk_section(const plan::Plan& plan) {
  std::vector<const plan::AreaRecommendation*> areas;
  for (const auto& r : plan.recommendations)
    if (r.chosen) areas.push_back(&r);
  if (areas.empty()) return {};
  std::string h =
      "<h2>Chances of side effects</h2>\n<p>For someone like you with the settings planned, over all sessions of "
      "each area. These are predictions, not promises.</p>\n<div class=\"table-wrap\"><table><tr><th>Side "
      "effect</th>";
  for (const auto* r : areas) h += fmt::format("<th>{}</th>", esc(capitalised(name_label(r->area))));
  h += "</tr>\n";
  using Pick = const plan::Quantiles& (*)(const plan::CandidateOutcome&);
  const std::array<std::pair<const char*, Pick>, 4> rows = {{
      {"pih_probability", [](const plan::CandidateOutcome& o) -> const plan::Quantiles& { return o.pih_probability; }},
      {"bruising_probability",
       [](const plan::CandidateOutcome& o) -> const plan::Quantiles& { return o.bruising_probability; }},
      {"infection_probability",
       [](const plan::CandidateOutcome& o) -> const plan::Quantiles& { return o.infection_probability; }},
      {"scar_probability",
       [](const plan::CandidateOutcome& o) -> const plan::Quantiles& { return o.scar_probability; }},
  }};
  for (const auto& [key, pick] : rows) {
    h += fmt::format("<tr><td>{}</td>", esc(capitalised(quantity_label(key).plain)));
    for (const auto* r : areas) h += fmt::format("<td>{}</td>", risk_cell(key, pick(r->chosen->outcome)));
    h += "</tr>\n";
  }
  return h + "</table></div>\n";
}

// ---- consent -----------------------------------------------------------------------------------

std::string consent_section(const plan::Plan& plan) {
  const bool treated = std::any_of(plan.recommendations.begin(), plan.recommendations.end(),
                                   [](const plan::AreaRecommendation& r) { return r.chosen.has_value(); });
  std::string h = fmt::format(
      "<section class=\"keep\"><h2 class=\"new-page\">Consent</h2>\n<p>Clinic: {}</p>\n<p>I have read this plan. The "
      "practitioner has explained {}, what to expect afterwards, the possible side effects and other options, and I "
      "have been able to ask questions. I understand that the numbers in this plan are predictions for someone like "
      "me, not promises.{}</p>\n",
      clinic_text(plan), treated ? "the treatment" : "why no treatment is planned now",
      treated ? " I agree to the treatment of the areas and on the dates set out above." : "");
  h += "<div class=\"sign\"><div>Patient's name</div><div>Practitioner's name</div>"
       "<div>Patient's signature and date</div><div>Practitioner's signature and date</div></div>\n</section>\n";
  return h;
}

}  // namespace

std::string patient_page_html(const plan::Plan& plan, const PatientPageOptions& options) {
  std::string h = page_head("Your microneedling plan", "Your microneedling plan");
  h += fmt::format("<p>Clinic: {}</p>\n", clinic_text(plan));
  h += fmt::format("<p class=\"disclaimer\"><strong>{}</strong></p>\n", esc(plan::disclaimer));
  h += decision_section(plan);
  h += dates_section(plan, options);
  h += expect_section(plan);
  h += aftercare_section(plan);
  h += warning_section(plan);
  h += risk_section(plan);
  h += consent_section(plan);
  h += fmt::format(
      "<footer>Made by mnsim {} on {}. Times after a session count from the start of that session."
      "</footer>\n</body>\n</html>\n",
      esc(options.version), esc(options.generated_utc));
  return h;
}

}  // namespace mnsim::io
