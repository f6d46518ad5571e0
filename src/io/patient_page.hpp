#pragma once
// patient.html: the plan as the patient reads and takes home, in plain words (no keys, no model
// terms): what was decided, the session dates of each area, what to expect on the days after a
// session, the aftercare, when to call the clinic, the chances of side effects, and a consent and
// signature block with the clinic's name. One self-contained page (inline CSS, no scripts, no
// figures) that prints on A4; the practitioner's page is report.html (io/report_html.hpp).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "plan/plan.hpp"

namespace mnsim::io {

struct PatientPageOptions {
  std::string generated_utc;               // e.g. "2025-05-01 10:00 UTC"
  std::string version;                     // mnsim version
  std::chrono::sys_seconds first_session;  // start of the first session, UTC (as the calendar)
  int utc_offset_min = 0;                  // the dates are written in the zone the file gave
  bool first_session_given = true;         // false for "now": the dates only count from today
};

std::string patient_page_html(const plan::Plan& plan, const PatientPageOptions& options);

// The zone of a planner.first_session that parse_session_start (io/ics_writer.hpp) accepted, in
// minutes east of UTC: "...Z" is 0, "...+02:00" is 120; nullopt for "now" (no zone given).
std::optional<int> session_zone_offset_min(std::string_view first_session);

// A time span in the patient's words: "1 hour", "30 hours", "3 days".
std::string plain_duration(double hours);

}  // namespace mnsim::io
