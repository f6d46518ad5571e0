#pragma once
// aftercare.ics: the treatment visits and the aftercare instructions as an iCalendar file (RFC
// 5545), importable into calendar apps: one event per visit naming only the areas treated that
// day, and after it one event per aftercare instruction. Written by hand: the
// format is a few lines of text, and no Debian-packaged C++ library writes it (libical is C
// with a large API for reading and recurrence that this does not need).
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "plan/plan.hpp"

namespace mnsim::io {

struct IcsOptions {
  std::chrono::sys_seconds first_session;  // start of the first session, UTC
  std::chrono::sys_seconds stamp;          // DTSTAMP: when the file was made, UTC
};

// "now" gives `now`; otherwise an ISO 8601 time with its zone: 2025-05-01T10:00Z,
// 2025-05-01T10:00:00+02:00. A time without a zone is refused, since guessing it would move
// every reminder by hours, and so is a time (`now` included) outside the years 10 to 9989 UTC:
// the calendar reaches a few years either side of it, and RFC 5545 dates have 4-digit years.
// Throws InputError at `where` naming `key`.
std::chrono::sys_seconds parse_session_start(std::string_view text, std::chrono::sys_seconds now,
                                             const SourceLocation& where, const std::string& key);

// One area's part of a visit: its recommended protocol and which of its sessions this is.
struct AreaSession {
  std::string area;
  double needle_depth_mm = 0.0;
  int passes = 1;
  int session = 1;  // 1-based, of `sessions`
  int sessions = 1;
  double interval_d = 0.0;
};

// One date on which one or more areas are treated.
struct Visit {
  double offset_h = 0.0;           // after the first session
  std::vector<AreaSession> areas;  // in the plan's area order
};

// Each recommended area is treated at k * interval_d days after the first session, k = 0 to
// sessions - 1; areas whose sessions fall at the same time share one visit. In time order.
std::vector<Visit> treatment_visits(const plan::Plan& plan);

// The visits' times in hours after the first session.
std::vector<double> session_offsets_h(const plan::Plan& plan);

// The calendar text: CRLF line endings, lines folded at 75 octets, UTC times. Throws InputError
// (planner.first_session) rather than write a date outside the years 0000 to 9999.
std::string aftercare_ics(const plan::Plan& plan, const IcsOptions& options);

// Escapes TEXT values (backslash, semicolon, comma, newline) and folds one content line.
std::string ics_escape(std::string_view text);
std::string ics_fold(std::string_view line);

}  // namespace mnsim::io
