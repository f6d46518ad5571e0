// The aftercare calendar: RFC 5545 text (escaping, folding, CRLF, UTC times), session start
// parsing, visits that name only the areas each area's schedule treats that day (issue #26), the
// aftercare after each visit, and validation of a whole calendar with a real parser
// (python3-icalendar), with the exfoliant ban no shorter than barrier recovery and 24 h.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include "io/ics_reader.hpp"
#include "io/ics_writer.hpp"
#include "io/plan_fixture.hpp"
#include "io/plan_json.hpp"

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

// Sets the recommended protocol of one area of a plan.
void set_protocol(plan::Plan& plan, const std::string& area, double depth_mm, int passes, int sessions,
                  double interval_d) {
  for (auto& r : plan.recommendations) {
    if (r.area != area) continue;
    ASSERT_TRUE(r.chosen) << area;
    r.chosen->candidate.needle_depth_mm = depth_mm;
    r.chosen->candidate.passes = passes;
    r.chosen->candidate.sessions = sessions;
    r.chosen->candidate.interval_d = interval_d;
    return;
  }
  FAIL() << "no area " << area;
}

// The plan of issue #26: the cheeks 6 sessions every 28 days, the forehead 3 every 42.
plan::Plan two_schedule_plan() {
  auto plan = test::example_plan("healthy_fine_lines");
  set_protocol(plan, "cheeks", 0.75, 6, 6, 28.0);
  set_protocol(plan, "forehead", 1.5, 4, 3, 42.0);
  return plan;
}

std::vector<mnsim::test::IcsEvent> session_events(const std::vector<mnsim::test::IcsEvent>& events) {
  std::vector<mnsim::test::IcsEvent> out;
  std::copy_if(events.begin(), events.end(), std::back_inserter(out),
               [](const auto& e) { return e.get("CATEGORIES") == "session"; });
  return out;
}

TEST(AftercareCalendar, EachVisitNamesOnlyTheAreasItsScheduleTreatsThatDay) {
  const auto plan = two_schedule_plan();
  const auto events = mnsim::test::read_ics_events(aftercare_ics(plan, options()));
  using Day = std::pair<long, std::vector<std::string>>;
  const std::vector<Day> expected{{0, {"cheeks", "forehead"}},  {28, {"cheeks"}},  {42, {"forehead"}}, {56, {"cheeks"}},
                                  {84, {"cheeks", "forehead"}}, {112, {"cheeks"}}, {140, {"cheeks"}}};
  std::vector<Day> got;
  for (const auto& e : session_events(events)) {
    const auto start = mnsim::test::ics_utc(e.get("DTSTART"));
    ASSERT_TRUE(start) << e.get("DTSTART");
    const auto offset = *start - options().first_session;
    EXPECT_EQ(offset % std::chrono::days(1), 0s) << e.get("DTSTART");
    std::vector<std::string> names;
    for (const auto& area : mnsim::test::visit_areas(e)) {
      names.push_back(area.name);
      // Each area with its own depth and passes, never another's.
      EXPECT_EQ(area.needle_depth_mm, area.name == "cheeks" ? 0.75 : 1.5) << area.name;
      EXPECT_EQ(area.passes, area.name == "cheeks" ? 6 : 4) << area.name;
    }
    got.emplace_back(static_cast<long>(offset / std::chrono::days(1)), names);
    EXPECT_EQ(e.get("SUMMARY"), fmt::format("Microneedling visit {} of 7: {}", got.size(), fmt::join(names, ", ")));
    EXPECT_NE(e.get("DESCRIPTION")
                  .find("Products on the treated areas: sterile hyaluronic serum (sterile, made "
                        "for intradermal use)."),
              std::string::npos)
        << e.get("DESCRIPTION");
  }
  EXPECT_EQ(got, expected);
  EXPECT_EQ(session_offsets_h(plan).size(), expected.size());
}

TEST(AftercareCalendar, NamesEachAreasSessionOfItsOwnCourse) {
  const auto events = session_events(mnsim::test::read_ics_events(aftercare_ics(two_schedule_plan(), options())));
  ASSERT_EQ(events.size(), 7U);
  const std::string day84 = events[4].get("DESCRIPTION");
  EXPECT_NE(day84.find("- cheeks: needle depth 0.75 mm, 6 passes (session 4 of 6 for this area, every 28 days)"),
            std::string::npos)
      << day84;
  EXPECT_NE(day84.find("- forehead: needle depth 1.5 mm, 4 passes (session 3 of 3 for this area, every 42 days)"),
            std::string::npos)
      << day84;
}

TEST(AftercareCalendar, AftercareFollowsEachVisitOnce) {
  const auto plan = two_schedule_plan();
  const auto events = mnsim::test::read_ics_events(aftercare_ics(plan, options()));
  const auto visits = session_events(events);
  ASSERT_EQ(events.size(), visits.size() * (plan.aftercare.size() + 1));
  for (std::size_t k = 0; k < visits.size(); ++k) {
    const auto start = *mnsim::test::ics_utc(visits[k].get("DTSTART"));
    const auto areas = mnsim::test::visit_areas(visits[k]);
    const bool forehead = std::any_of(areas.begin(), areas.end(), [](const auto& a) { return a.name == "forehead"; });
    std::size_t after = 0;
    for (const auto& e : events) {
      const std::string prefix = fmt::format("s{}-a", k + 1);
      if (e.get("UID").rfind(prefix, 0) != 0) continue;
      const auto& item = plan.aftercare.at(after++);
      EXPECT_EQ(mnsim::test::ics_utc(e.get("DTSTART")),
                start + std::chrono::seconds(std::llround(item.start_h * 3600.0)))
          << e.get("UID");
      const std::string text = e.get("DESCRIPTION");
      const std::chrono::year_month_day day(std::chrono::floor<std::chrono::days>(start));
      EXPECT_NE(
          text.find(fmt::format("For the microneedling visit of {:04d}-{:02d}-{:02d} (", static_cast<int>(day.year()),
                                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()))),
          std::string::npos)
          << text;
      // One course times the aftercare (the forehead's, the deepest): said, and on a visit of the
      // cheeks alone, said to be longer than they may need.
      EXPECT_NE(text.find("predicted course of the deepest protocol in this plan (forehead: 1.5 mm, 4 passes)"),
                std::string::npos)
          << text;
      EXPECT_EQ(text.find("may need less time") != std::string::npos, !forehead) << text;
    }
    EXPECT_EQ(after, plan.aftercare.size()) << "visit " << k + 1;
  }
}

TEST(AftercareCalendar, AreasOnTheSameScheduleShareEachVisit) {
  const auto plan = test::example_plan("acne_scars_fitzpatrick5");
  ASSERT_EQ(plan.recommendations.size(), 2U);
  const auto& a = plan.recommendations[0].chosen->candidate;
  const auto& b = plan.recommendations[1].chosen->candidate;
  ASSERT_EQ(a.sessions, b.sessions);
  ASSERT_EQ(a.interval_d, b.interval_d);
  const auto visits = session_events(mnsim::test::read_ics_events(aftercare_ics(plan, options())));
  ASSERT_EQ(visits.size(), static_cast<std::size_t>(a.sessions));
  for (const auto& v : visits) EXPECT_EQ(mnsim::test::visit_areas(v).size(), 2U) << v.get("DESCRIPTION");
}

TEST(AftercareCalendar, DoNotTreatStillGivesAValidCalendar) {
  const auto plan = test::example_plan("open_wound");
  const std::string ics = aftercare_ics(plan, options());
  EXPECT_NE(ics.find("SUMMARY:No microneedling planned"), std::string::npos);
  EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
}

// Runs tests/io/check_ics.py with the system Python, which holds the Debian icalendar module;
// with a plan, also checks each visit against the plan's schedule (plan.json written next to it).
int check_with_parser(const std::filesystem::path& file, std::size_t events, double min_ban_h,
                      const plan::Plan* plan = nullptr) {
  std::string command = fmt::format("{} {}/tests/io/check_ics.py '{}' {} {}", MNSIM_PYTHON3,
                                    mnsim::test::source_dir().string(), file.string(), events, min_ban_h);
  if (plan != nullptr) {
    const auto json = std::filesystem::path(file).replace_extension(".json");
    std::ofstream(json, std::ios::binary) << plan_json_text(*plan);
    command += fmt::format(" '{}' {}", json.string(), options().first_session.time_since_epoch().count());
  }
  return std::system(command.c_str());
}

TEST(AftercareCalendar, ValidatesWithARealICalendarParser) {
  ASSERT_EQ(std::system(MNSIM_PYTHON3 " -c 'import icalendar' 2>/dev/null"), 0)
      << "python3-icalendar is missing: run scripts/install-deps.sh";
  const auto dir = mnsim::test::scratch_dir("ics");
  for (const char* name : {"healthy_fine_lines", "acne_scars_fitzpatrick5", "anticoagulated", "keloid_history",
                           "numbing_cream_full_face", "active_acne_one_cheek"}) {
    const auto plan = test::example_plan(name);
    const auto file = dir / (std::string(name) + ".ics");
    std::ofstream(file, std::ios::binary) << aftercare_ics(plan, options());
    const double min_ban_h = std::max(24.0, plan.course.barrier_recovery_h.p95);
    const std::size_t events = session_offsets_h(plan).size() * (plan.aftercare.size() + 1);
    EXPECT_EQ(check_with_parser(file, events, min_ban_h, &plan), 0) << name;
  }
  {
    const auto plan = two_schedule_plan();
    const auto file = dir / "two_schedules.ics";
    std::ofstream(file, std::ios::binary) << aftercare_ics(plan, options());
    EXPECT_EQ(check_with_parser(file, 7 * (plan.aftercare.size() + 1), 24.0, &plan), 0);
    // The checker itself rejects a calendar whose areas do not follow the plan's schedule.
    auto other = plan;
    set_protocol(other, "forehead", 1.5, 4, 6, 28.0);
    std::ofstream(file, std::ios::binary) << aftercare_ics(other, options());
    EXPECT_NE(check_with_parser(file, session_offsets_h(other).size() * (plan.aftercare.size() + 1), 24.0, &plan), 0);
  }
  // The checker itself rejects a ban shorter than asked for.
  const auto plan = test::example_plan("healthy_fine_lines");
  const auto file = dir / "strict.ics";
  std::ofstream(file, std::ios::binary) << aftercare_ics(plan, options());
  EXPECT_NE(check_with_parser(file, session_offsets_h(plan).size() * (plan.aftercare.size() + 1), 1e6), 0);
}

}  // namespace
}  // namespace mnsim::io
