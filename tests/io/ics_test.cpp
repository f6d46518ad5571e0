// The aftercare calendar: RFC 5545 text (escaping, folding, CRLF, UTC times), session start
// parsing, and validation of a whole calendar with a real parser (python3-icalendar), with the
// exfoliant ban no shorter than barrier recovery and 24 h.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "io/ics_writer.hpp"
#include "io/plan_fixture.hpp"

namespace mnsim::io {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

const SourceLocation here{"patient.toml", 3, 1};

TEST(IcsText, EscapesTextValues) { EXPECT_EQ(ics_escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne"); }

TEST(IcsText, FoldsAt75OctetsWithoutSplittingUtf8) {
  std::string line = "DESCRIPTION:";
  for (int i = 0; i < 40; ++i) line += "r\xc3\xa9";  // "ré", two-octet é
  const std::string folded = ics_fold(line);
  std::string unfolded;
  std::size_t start = 0;
  while (start < folded.size()) {
    const auto end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string part = folded.substr(start, end - start);
    EXPECT_LE(part.size(), 75U);
    EXPECT_NE(static_cast<unsigned char>(part.empty() ? 'x' : part.back()), 0xC3U);  // no split sequence
    unfolded += start == 0 ? part : part.substr(1);
    if (start != 0) {
      EXPECT_EQ(part[0], ' ');
    }
    start = end + 2;
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(ics_fold("SHORT:x"), "SHORT:x\r\n");
}

TEST(SessionStart, ReadsUtcAndOffsetsAndNow) {
  const auto t = parse_session_start("2025-05-01T10:00Z", {}, here, "planner.first_session");
  EXPECT_EQ(t, sys_days(std::chrono::year(2025) / 5 / 1) + 10h);
  EXPECT_EQ(parse_session_start("2025-05-01T10:00:30+02:00", {}, here, "k"), t - 2h + 30s);
  EXPECT_EQ(parse_session_start("2025-05-01T10:00-05:30", {}, here, "k"), t + 5h + 30min);
  const std::chrono::sys_seconds now{std::chrono::seconds(1700000000)};
  EXPECT_EQ(parse_session_start("now", now, here, "k"), now);
}

TEST(SessionStart, RefusesTimesWithoutZoneOrImpossibleDates) {
  for (const char* bad : {"2025-05-01T10:00", "2025-02-30T10:00Z", "2025-05-01T25:00Z", "tomorrow", "2025-05-01",
                          "2025-05-01T10:00+2", "2025-05-01T10:00Zx"}) {
    try {
      (void)parse_session_start(bad, {}, here, "planner.first_session");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(e.key(), "planner.first_session");
      EXPECT_NE(e.hint().find("ISO 8601"), std::string::npos);
    }
  }
}

TEST(SessionStart, RefusesYearsACalendarCannotWrite) {
  // A plan runs a few years past its first session; RFC 5545 writes 4-digit years.
  EXPECT_EQ(parse_session_start("9989-12-31T23:59Z", {}, here, "k"),
            sys_days(std::chrono::year(9989) / 12 / 31) + 23h + 59min);
  EXPECT_EQ(parse_session_start("0010-01-01T00:00Z", {}, here, "k"), sys_days(std::chrono::year(10) / 1 / 1));
  for (const char* bad : {"9999-12-31T10:00Z", "9990-01-01T00:00Z", "9989-12-31T23:30-01:00", "0010-01-01T00:30+01:00",
                          "0000-01-01T00:00Z"}) {
    try {
      (void)parse_session_start(bad, {}, here, "planner.first_session");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(e.key(), "planner.first_session");
      EXPECT_NE(e.message().find("RFC 5545"), std::string::npos) << e.message();
      EXPECT_NE(e.hint().find("10 to 9989"), std::string::npos) << e.hint();
    }
  }
  // "now" is held to the same range (a SOURCE_DATE_EPOCH can set it).
  const std::chrono::sys_seconds late{sys_days(std::chrono::year(9995) / 1 / 1)};
  EXPECT_THROW((void)parse_session_start("now", late, here, "planner.first_session"), InputError);
}

IcsOptions options() {
  return {.first_session = sys_days(std::chrono::year(2025) / 5 / 1) + 8h,
          .stamp = sys_days(std::chrono::year(2025) / 4 / 20) + 12h};
}

TEST(AftercareCalendar, HasOneEventPerInstructionAndSession) {
  const auto plan = test::example_plan("healthy_fine_lines");
  const auto sessions = session_offsets_h(plan);
  ASSERT_FALSE(sessions.empty());
  const std::string ics = aftercare_ics(plan, options());
  std::size_t events = 0;
  for (auto pos = ics.find("BEGIN:VEVENT"); pos != std::string::npos; pos = ics.find("BEGIN:VEVENT", pos + 1)) {
    ++events;
  }
  EXPECT_EQ(events, sessions.size() * (plan.aftercare.size() + 1));
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0U);
  EXPECT_NE(ics.find("DTSTART:20250501T080000Z\r\n"), std::string::npos);  // the first session
  EXPECT_NE(ics.find("DTSTAMP:20250420T120000Z\r\n"), std::string::npos);
  EXPECT_EQ(ics.find('\n', 0), ics.find("\r\n", 0) + 1);
}

TEST(AftercareCalendar, LatestAcceptedFirstSessionKeepsFourDigitYears) {
  const auto plan = test::example_plan("healthy_fine_lines");
  const auto latest = parse_session_start("9989-12-31T23:59Z", {}, here, "planner.first_session");
  const std::string ics = aftercare_ics(plan, {.first_session = latest, .stamp = latest});
  for (auto pos = ics.find("DTSTART:"); pos != std::string::npos; pos = ics.find("DTSTART:", pos + 1)) {
    EXPECT_EQ(ics.substr(pos + 8 + 8, 1), "T") << ics.substr(pos, 30);  // YYYYMMDDT...
    EXPECT_LE(ics.substr(pos + 8, 4), "9999");
  }
  // A first session nobody could have given (parse_session_start refuses it) is refused, not
  // written as a 5-digit year.
  const std::chrono::sys_seconds beyond{sys_days(std::chrono::year(9999) / 12 / 31)};
  try {
    (void)aftercare_ics(plan, {.first_session = beyond, .stamp = latest});
    ADD_FAILURE() << "wrote a calendar past 9999";
  } catch (const InputError& e) {
    EXPECT_EQ(e.key(), "planner.first_session");
    EXPECT_NE(e.message().find("10000-"), std::string::npos) << e.message();
  }
}

TEST(AftercareCalendar, DoNotTreatStillGivesAValidCalendar) {
  const auto plan = test::example_plan("open_wound");
  const std::string ics = aftercare_ics(plan, options());
  EXPECT_NE(ics.find("SUMMARY:No microneedling planned"), std::string::npos);
  EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
}

// Runs tests/io/check_ics.py with the system Python, which holds the Debian icalendar module.
int check_with_parser(const std::filesystem::path& file, std::size_t events, double min_ban_h) {
  const std::string command = fmt::format("{} {}/tests/io/check_ics.py '{}' {} {}", MNSIM_PYTHON3,
                                          mnsim::test::source_dir().string(), file.string(), events, min_ban_h);
  return std::system(command.c_str());
}

TEST(AftercareCalendar, ValidatesWithARealICalendarParser) {
  ASSERT_EQ(std::system(MNSIM_PYTHON3 " -c 'import icalendar' 2>/dev/null"), 0)
      << "python3-icalendar is missing: run scripts/install-deps.sh";
  const auto dir = mnsim::test::scratch_dir("ics");
  for (const char* name : {"healthy_fine_lines", "acne_scars_fitzpatrick5", "anticoagulated", "keloid_history"}) {
    const auto plan = test::example_plan(name);
    const auto file = dir / (std::string(name) + ".ics");
    std::ofstream(file, std::ios::binary) << aftercare_ics(plan, options());
    const double min_ban_h = std::max(24.0, plan.course.barrier_recovery_h.p95);
    const std::size_t events = session_offsets_h(plan).size() * (plan.aftercare.size() + 1);
    EXPECT_EQ(check_with_parser(file, events, min_ban_h), 0) << name;
  }
  // The checker itself rejects a ban shorter than asked for.
  const auto plan = test::example_plan("healthy_fine_lines");
  const auto file = dir / "strict.ics";
  std::ofstream(file, std::ios::binary) << aftercare_ics(plan, options());
  EXPECT_NE(check_with_parser(file, session_offsets_h(plan).size() * (plan.aftercare.size() + 1), 1e6), 0);
}

}  // namespace
}  // namespace mnsim::io
