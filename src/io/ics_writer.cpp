#include "io/ics_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

namespace mnsim::io {

namespace {

using std::chrono::sys_days;
using std::chrono::sys_seconds;

// RFC 5545 writes a year in 4 digits: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
constexpr sys_seconds first_writable{sys_days(std::chrono::year(0) / 1 / 1)};
constexpr sys_seconds last_writable{sys_days(std::chrono::year(9999) / 12 / 31) + std::chrono::seconds(86399)};

// How far a plan's calendar reaches from its first session: at most six sessions 42 days apart
// (data/plan/depth_by_goal.csv), then aftercare up to two years long (the maxima of the
// aftercare.*photoprotection_d keys); before it, a herpes prophylaxis lead of up to 30 days. Ten
// years is far beyond both, so a first session accepted here never makes a date RFC 5545 cannot
// write, and the refusal comes before any work.
constexpr int reach_years = 10;
constexpr sys_seconds first_session_min{sys_days(std::chrono::year(reach_years) / 1 / 1)};
constexpr sys_seconds first_session_max{sys_days(std::chrono::year(9999 - reach_years) / 12 / 31) +
                                        std::chrono::seconds(86399)};

std::string iso_date(sys_seconds t) {
  const std::chrono::year_month_day ymd(std::chrono::floor<std::chrono::days>(t));
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::string utc(sys_seconds t) {
  // Not reached from a first session parse_session_start accepts (reach_years): a last guard
  // against writing a 5-digit or negative year.
  if (t < first_writable || t > last_writable) {
    throw InputError({}, "planner.first_session",
                     fmt::format("the calendar would hold the date {}, outside the years 0000 to 9999 that "
                                 "iCalendar (RFC 5545) can write",
                                 iso_date(t)),
                     "give a first session within the years " + std::to_string(reach_years) + " to " +
                         std::to_string(9999 - reach_years));
  }
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(days);
  const std::chrono::hh_mm_ss hms(t - days);
  return fmt::format("{:04d}{:02d}{:02d}T{:02d}{:02d}{:02d}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

// Reads `width` digits at `pos`; nullopt when they are not all digits.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int value = 0;
  const auto [ptr, ec] = std::from_chars(s.data() + pos, s.data() + pos + width, value);
  if (ec != std::errc() || ptr != s.data() + pos + width) return std::nullopt;
  return value;
}

sys_seconds within_calendar_years(sys_seconds start, std::string_view text, const SourceLocation& where,
                                  const std::string& key) {
  if (start >= first_session_min && start <= first_session_max) return start;
  throw InputError(where, key,
                   fmt::format("\"{}\" ({} UTC) is outside the years {} to {}: a plan's calendar runs up to {} years "
                               "around its first session, and iCalendar (RFC 5545) writes years in 4 digits",
                               text, iso_date(start), reach_years, 9999 - reach_years, reach_years),
                   "give a first session within the years " + std::to_string(reach_years) + " to " +
                       std::to_string(9999 - reach_years));
}

}  // namespace

sys_seconds parse_session_start(std::string_view text, sys_seconds now, const SourceLocation& where,
                                const std::string& key) {
  if (text == "now") return within_calendar_years(now, text, where, key);
  const auto bad = [&](const std::string& what) {
    return InputError(where, key, fmt::format("\"{}\" is not a session start time: {}", text, what),
                      "write \"now\" or an ISO 8601 time with its zone, e.g. 2025-05-01T10:00Z or "
                      "2025-05-01T10:00+02:00");
  };
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  if (!year || !month || !day || !hour || !minute || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != ' ') || text[13] != ':') {
    throw bad("expected YYYY-MM-DDTHH:MM");
  }
  std::size_t pos = 16;
  int second = 0;
  if (pos < text.size() && text[pos] == ':') {
    const auto s = digits(text, pos + 1, 2);
    if (!s) throw bad("malformed seconds");
    second = *s;
    pos += 3;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                        std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok() || *hour > 23 || *minute > 59 || second > 59) throw bad("no such date or time");
  int offset_min = 0;
  if (pos >= text.size()) throw bad("the time zone is missing");
  if (text[pos] == 'Z' && pos + 1 == text.size()) {
    offset_min = 0;
  } else if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 && text[pos + 3] == ':') {
    const auto oh = digits(text, pos + 1, 2);
    const auto om = digits(text, pos + 4, 2);
    if (!oh || !om || *oh > 14 || *om > 59) throw bad("malformed zone offset");
    offset_min = (text[pos] == '-' ? -1 : 1) * (*oh * 60 + *om);
  } else {
    throw bad("malformed time zone (Z or +HH:MM)");
  }
  return within_calendar_years(std::chrono::sys_days(ymd) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
                                   std::chrono::seconds(second) - std::chrono::minutes(offset_min),
                               text, where, key);
}

std::vector<Visit> treatment_visits(const plan::Plan& plan) {
  // Keyed by whole seconds, the resolution the calendar writes: two areas share a visit exactly
  // when their sessions would be written at the same time.
  std::map<long long, Visit> visits;
  for (const auto& r : plan.recommendations) {
    if (!r.chosen) continue;
    const auto& c = r.chosen->candidate;
    for (int k = 0; k < c.sessions; ++k) {
      const double offset_h = 24.0 * c.interval_d * k;
      auto& visit = visits[std::llround(offset_h * 3600.0)];
      visit.offset_h = offset_h;
      visit.areas.push_back({.area = r.area,
                             .needle_depth_mm = c.needle_depth_mm,
                             .passes = c.passes,
                             .session = k + 1,
                             .sessions = c.sessions,
                             .interval_d = c.interval_d});
    }
  }
  std::vector<Visit> out;
  out.reserve(visits.size());
  for (auto& [key, visit] : visits) out.push_back(std::move(visit));
  return out;
}

std::vector<double> session_offsets_h(const plan::Plan& plan) {
  std::vector<double> out;
  for (const auto& visit : treatment_visits(plan)) out.push_back(visit.offset_h);
  return out;
}

std::string ics_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  // RFC 5545 3.1: lines longer than 75 octets continue on the next line after CRLF and one
  // space; a fold never splits a UTF-8 sequence.
  std::string out;
  std::size_t limit = 75;
  std::size_t start = 0;
  while (line.size() - start > limit) {
    std::size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) --cut;
    out.append(line.substr(start, cut - start));
    out += "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  out.append(line.substr(start));
  out += "\r\n";
  return out;
}

namespace {

std::string sanitize(std::string_view id) {
  std::string out;
  for (const char c : id) out += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '-';
  return out;
}

sys_seconds at(sys_seconds origin, double hours) {
  return origin + std::chrono::seconds(static_cast<long long>(std::llround(hours * 3600.0)));
}

// The first sentence, as the event's title.
std::string title(std::string_view instruction) {
  const auto end = instruction.find(". ");
  std::string t(instruction.substr(0, end == std::string_view::npos ? instruction.size() : end));
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t;
}

// The products of the patient file: the plan knows them for the whole patient, not per area, so
// every area treated at a visit gets the same ones.
std::string product_use(const plan::PlannedProduct& p) {
  if (p.removed_h && *p.removed_h <= 0.0) return p.name + " (before the needles only, wiped off first)";
  if (p.intradermal_grade) return p.name + " (sterile, made for intradermal use)";
  return p.name + " (not on open channels: see the aftercare for when)";
}

std::string products_text(const std::vector<plan::PlannedProduct>& products) {
  if (products.empty()) return "Products: none planned.";
  std::string out = "Products on the treated areas: ";
  for (std::size_t i = 0; i < products.size(); ++i) {
    if (i > 0) out += "; ";
    out += product_use(products[i]);
  }
  return out + ".";
}

std::string area_names(const Visit& visit) {
  std::string out;
  for (const auto& a : visit.areas) {
    if (!out.empty()) out += ", ";
    out += a.area;
  }
  return out;
}

// "- cheeks: needle depth 0.75 mm, 6 passes (session 2 of 6 for this area, every 28 days)": the
// form tests/io/check_ics.py and tests/io/ics_reader.hpp read back.
std::string area_line(const AreaSession& a) {
  std::string line = fmt::format("- {}: needle depth {:g} mm, {} {}", a.area, a.needle_depth_mm, a.passes,
                                 a.passes == 1 ? "pass" : "passes");
  if (a.sessions == 1) return line + " (its only session)";
  return line + fmt::format(" (session {} of {} for this area, every {:g} days)", a.session, a.sessions, a.interval_d);
}

std::string visit_text(const Visit& visit, std::size_t k, std::size_t visits, const std::string& products) {
  std::string out =
      fmt::format("Microneedling visit {} of {}. Areas to treat at this visit, and no others:", k + 1, visits);
  for (const auto& a : visit.areas) {
    out += '\n';
    out += area_line(a);
  }
  out += '\n';
  return out + products;
}

// Which visit an aftercare event belongs to, and whose predicted course timed it: one course for
// the whole plan, so on a visit that treats only shallower areas the times are not that visit's
// own prediction.
std::string aftercare_note(const Visit& visit, sys_seconds start, const plan::AreaRecommendation* course) {
  std::string out = fmt::format("For the microneedling visit of {} ({}).", iso_date(start), area_names(visit));
  if (course == nullptr) return out;
  const auto& c = course->chosen->candidate;
  out += fmt::format(" Times follow the predicted course of the deepest protocol in this plan ({}: {:g} mm, {} {})",
                     course->area, c.needle_depth_mm, c.passes, c.passes == 1 ? "pass" : "passes");
  const bool shallower = std::all_of(visit.areas.begin(), visit.areas.end(),
                                     [&](const AreaSession& a) { return a.needle_depth_mm < c.needle_depth_mm; });
  if (shallower) out += "; today's areas are needled less deep, so they may need less time than this";
  return out + ".";
}

class Calendar {
 public:
  explicit Calendar(sys_seconds stamp) : stamp_(utc(stamp)) {
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//mnsim//treatment planner//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + ics_escape("Microneedling aftercare (mnsim)"));
  }

  void event(const std::string& uid, sys_seconds start, sys_seconds end, const std::string& summary,
             const std::string& description, const std::string& category) {
    line("BEGIN:VEVENT");
    line("UID:" + uid);
    line("DTSTAMP:" + stamp_);
    line("DTSTART:" + utc(start));
    if (end > start) {
      line("DTEND:" + utc(end));
    } else {
      line("DURATION:PT15M");  // something that happens once: a short reminder
    }
    line("SUMMARY:" + ics_escape(summary));
    line("DESCRIPTION:" + ics_escape(description));
    line("CATEGORIES:" + ics_escape(category));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }

  std::string finish() {
    line("END:VCALENDAR");
    return std::move(text_);
  }

 private:
  void line(const std::string& content) { text_ += ics_fold(content); }
  std::string stamp_;
  std::string text_;
};

}  // namespace

std::string aftercare_ics(const plan::Plan& plan, const IcsOptions& options) {
  Calendar calendar(options.stamp);
  const auto epoch = std::to_string(options.first_session.time_since_epoch().count());
  const std::string footer = fmt::format("\n\n{}", plan::disclaimer);
  const auto visits = treatment_visits(plan);
  if (visits.empty()) {
    calendar.event(fmt::format("no-treatment-{}@mnsim", epoch), options.first_session, options.first_session,
                   "No microneedling planned", "Screening found a reason not to treat: see report.html." + footer,
                   "plan");
    return calendar.finish();
  }
  const std::string products = products_text(plan.patient.products);
  const auto* course = plan::course_recommendation(plan.recommendations);
  // One event per visit, naming every area treated that day, rather than one per area: the
  // patient keeps one appointment per date, the practitioner finds that day's settings for every
  // area in one place, and the aftercare follows the visit once (an event per area at the same
  // hour would repeat every reminder).
  for (std::size_t k = 0; k < visits.size(); ++k) {
    const auto& visit = visits[k];
    const auto start = at(options.first_session, visit.offset_h);
    calendar.event(fmt::format("s{}-session-{}@mnsim", k + 1, epoch), start, at(start, 1.0),
                   fmt::format("Microneedling visit {} of {}: {}", k + 1, visits.size(), area_names(visit)),
                   visit_text(visit, k, visits.size(), products) + footer, "session");
    const std::string after = aftercare_note(visit, start, course);
    for (std::size_t i = 0; i < plan.aftercare.size(); ++i) {
      const auto& item = plan.aftercare[i];
      calendar.event(
          fmt::format("s{}-a{}-{}-{}@mnsim", k + 1, i, sanitize(item.id), epoch), at(start, item.start_h),
          at(start, item.end_h), title(item.instruction),
          fmt::format("{}\n\n{}\nWhy: {}\nSource: {}{}", item.instruction, after, item.reason, item.source, footer),
          item.kind);
    }
  }
  return calendar.finish();
}

}  // namespace mnsim::io
