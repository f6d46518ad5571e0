#pragma once
// aftercare.ics: the sessions and the aftercare instructions as an iCalendar file (RFC 5545),
// one event per instruction and session, importable into calendar apps. Written by hand: the
// format is a few lines of text, and no Debian-packaged C++ library writes it (libical is C
// with a large API for reading and recurrence that this does not need).
#include <chrono>
#include <string>
#include <string_view>

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

// Session times in hours after the first: the union of every recommended area's schedule.
std::vector<double> session_offsets_h(const plan::Plan& plan);

// The calendar text: CRLF line endings, lines folded at 75 octets, UTC times. Throws InputError
// (planner.first_session) rather than write a date outside the years 0000 to 9999.
std::string aftercare_ics(const plan::Plan& plan, const IcsOptions& options);

// Escapes TEXT values (backslash, semicolon, comma, newline) and folds one content line.
std::string ics_escape(std::string_view text);
std::string ics_fold(std::string_view line);

}  // namespace mnsim::io
