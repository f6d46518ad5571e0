// Issue #27, bad input end to end: `validate` refuses what a run refuses, and each mistake gets
// exit 2 and a message that names where it is, the key, and what is accepted.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace mnsim {
namespace {

namespace fs = std::filesystem;
using test::mnsim;

// fmt rather than "'" + text: GCC 12 warns falsely (-Wrestrict) on a literal plus a string.
std::string quoted(const fs::path& path) { return fmt::format("'{}'", path.string()); }
std::string example(const std::string& name) { return quoted(test::source_dir() / "examples" / name); }

fs::path write_file(const fs::path& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

// Exit 2, one message holding every one of `words`.
void expect_bad_input(const std::string& arguments, const std::vector<std::string>& words) {
  const auto r = mnsim(arguments);
  EXPECT_EQ(r.exit_code, 2) << arguments << "\n" << r.output;
  for (const auto& word : words) EXPECT_NE(r.output.find(word), std::string::npos) << arguments << "\n" << r.output;
}

// V1: each of these was valid to `validate` and refused by `simulate`; both now refuse it alike,
// before any work (the run would have computed every puncture first).
TEST(InputMessages, ValidateRefusesWhatARunRefuses) {
  const auto dir = test::scratch_dir("input-validate");
  const auto unknown = write_file(dir, "finasteride.toml",
                                  "[patient]\nage_y = 40\n\n[[product]]\nname = \"hair serum\"\n"
                                  "compound = \"finasteride\"\nconcentration_pct = 5\n");
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
      {quoted(unknown), {"finasteride.toml:6:12", "product[0].compound", "unknown compound \"finasteride\""}},
      {example("default.toml") + " --set device.model=dermapen_99", {"device.model", "no device \"dermapen_99\""}},
      {example("default.toml") + " --set device.model=pen_11_needle --set device.type=roller",
       {"device.type", "is a pen, not a roller"}},
      {example("default.toml") + " --set device.model=pen_11_needle --set device.needle_length_mm=2.9",
       {"device.needle_length_mm", "beyond this pen's maximum"}},
      {example("default.toml") +
           " --set product[0].dose_type=finite --set product[0].applied_h=2 --set product[0].removed_h=1",
       {"product[0].removed_h", "wiped off at 1 h"}},
      {example("default.toml") + " --set protocol.application_force_N=20",
       {"protocol.application_force_N", "a pen drives its needles by its motor"}},
      {example("default.toml") + " --set protocol.hold_s=30", {"protocol.hold_s", "needs a stamp or patch pressed"}},
      {example("default.toml") + " --set protocol.applicator_mass_g=2",
       {"protocol.applicator_mass_g", "an impact applicator shoots a stamp or patch home"}},
      {example("device_maker_patch.toml") + " --set protocol.applicator_mass_g=2",
       {"protocol.applicator_mass_g", "either by an impact applicator's energy or by a pressing force"}},
      {example("home_roller.toml") + " --set protocol.press=displacement",
       {"protocol.press", "only a stamp or patch is pressed through a set displacement"}},
      {example("home_roller.toml") + " --set device.rows=7", {"device.rows", "cannot be laid in 7 equal rows"}},
      {example("home_roller.toml") + " --set device.rows=96", {"device.rows", "the needles would overlap"}},
  };
  for (const auto& [arguments, words] : cases) {
    expect_bad_input("validate " + arguments, words);
    const auto out = dir / "out";
    expect_bad_input("simulate " + arguments + " -o " + quoted(out), words);
    EXPECT_FALSE(fs::exists(out)) << arguments;
  }
  fs::remove_all(dir);
}

// A patient file is checked for what `plan` refuses too: its areas and its first session.
TEST(InputMessages, PatientFileMistakesHaveTheirFileAndLine) {
  const auto dir = test::scratch_dir("input-patient");
  const auto twice = write_file(dir, "twice.toml",
                                "[patient]\nage_y = 40\n\n[[area]]\nname = \"cheeks\"\n\n[[area]]\nname = \"cheeks\"\n"
                                "site = \"forehead\"\n");
  const auto first = write_file(dir, "first.toml", "[patient]\nage_y = 40\n\n[planner]\nfirst_session = \"soon\"\n");
  for (const std::string command : {"validate", "plan"}) {
    const std::string out = command == "plan" ? " -o " + quoted(dir / "out") : "";
    expect_bad_input(command + " " + quoted(twice) + out,
                     {"twice.toml:8:8", "area[1].name", "area \"cheeks\" is named twice (first at line 5)"});
    expect_bad_input(command + " " + quoted(first) + out,
                     {"first.toml:5:17", "planner.first_session", "\"soon\" is not a session start time"});
  }
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

// E2 and the integer messages: an index or a number beyond 64 bits, a float where an integer
// belongs, a count typed as 1e20 - each named with its key and the integer range.
TEST(InputMessages, IntegersAreRefusedWithTheirRangeAsIntegers) {
  const auto dir = test::scratch_dir("input-integers");
  const auto sessions = write_file(dir, "sessions.toml", "[protocol]\nsessions = 4.0\n");
  test::expect_refused("simulate",
                       {{quoted(sessions),
                         "sessions.toml:2:12: protocol.sessions: expected an integer from 1 to 12, got 4.0 (a float)"}},
                       dir / "out");
  test::expect_refused(
      "simulate " + example("default.toml"),
      {{"--set 'product[99999999999999999999].name=x'",
        "product[99999999999999999999].name: index 99999999999999999999 is out of range: [[product]] has 1 entries, "
        "so the index is from 0 to 1"},
       {"--set protocol.sessions=99999999999999999999",
        "value 99999999999999999999 is out of range: expected an integer from 1 to 12"},
       {"--set run.seed=99999999999999999",
        "value 99999999999999999 is out of range: expected an integer from 0 to 9007199254740991"},
       {"--samples 1e20", "--samples: response.samples: expected an integer from 0 to 1000000, got 1e+20 (a float)"},
       {"--samples 99999999999999999999",
        "--samples: response.samples: value 99999999999999999999 is out of range: expected an integer from 0 to "
        "1000000"},
       {"--seed abc", "--seed: run.seed: expected an integer from 0 to 9007199254740991, got \"abc\""}},
      dir / "out");
  test::expect_refused("plan " + example("patients/healthy_fine_lines.toml"),
                       {{"--samples 1e20", "--samples: planner.samples: expected an integer from 0 to 1000000"}},
                       dir / "out");
  test::expect_refused(
      "sweep " + example("default.toml") + " --vary device.needle_length_mm=1,2",
      {{"--max-points 0", "--max-points: expected a whole number from 1 to 100000, got 0"},
       {"--max-points 99999999999999999999", "expected a whole number from 1 to 100000, got 99999999999999999999"}},
      dir / "out");
  expect_bad_input("skin --sample 1e3", {"--sample: expected a whole number from 1 to 10000000, got 1e3"});
  fs::remove_all(dir);
}

// Minor: text after a --set value was dropped (a TOML comment), and the run went on without it.
TEST(InputMessages, TextAfterASetValueIsRefused) {
  expect_bad_input("validate " + example("default.toml") + " --set 'device.needle_length_mm=1.0 # x'",
                   {"device.needle_length_mm: unexpected text after the value: \"1.0 # x\""});
}

// E5: a resolved grid that the cap allows but memory does not is refused before it is allocated
// (it ran out of memory). Limited to 4 GB, a run that allocated anyway would fail at once instead
// of taking the machine's memory; 40 kept fields put the need far above any test machine's.
TEST(InputMessages, AResolvedGridLargerThanMemoryIsRefusedBeforeAllocation) {
  // AddressSanitizer reserves terabytes of address space for its shadow memory at start-up, so
  // under it (make asan) the limit would stop every run: there the refusal is checked without it.
#if defined(__SANITIZE_ADDRESS__)
  const char* address_space_limit = "";
#else
  const char* address_space_limit = "ulimit -v 4000000; ";
#endif
  const auto dir = test::scratch_dir("input-memory");
  std::vector<int> hours(40);
  for (std::size_t h = 0; h < hours.size(); ++h) hours[h] = static_cast<int>(h) + 1;
  const auto r = test::run_shell(
      fmt::format("{}'{}' simulate {} --set run.fidelity=resolved --set transport.geometry=patch"
                  " --set transport.patch_mm=1.4 --set transport.grid_um=1 --set transport.max_voxels=2000000000"
                  " --set protocol.area_cm2=1 --set 'output.field_times_h=[{}]' -o {} 2>&1",
                  address_space_limit, MNSIM_EXE, example("default.toml"), fmt::join(hours, ","), quoted(dir / "out")));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("transport.max_voxels"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("GB of memory of this machine"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

// Files that are not what they should be: a loop of links, a directory, a ragged table.
TEST(InputMessages, FilesAreRefusedForWhatIsWrongWithThem) {
  const auto dir = test::scratch_dir("input-files");
  fs::create_symlink(dir / "b.toml", dir / "a.toml");
  fs::create_symlink(dir / "a.toml", dir / "b.toml");
  expect_bad_input("validate " + quoted(dir / "a.toml"), {"a.toml: a loop of symbolic links"});

  const std::string fit = "fit " + example("fit/franz_pig_roller_amantadine.toml") +
                          " --fit product[0].intact_kp_cm_per_h -o " + quoted(dir / "out") + " --data ";
  expect_bad_input(fit + quoted(dir), {"this is a directory, not a CSV file"});
  const auto more = write_file(dir, "more.csv", "time_h,cumulative_ug_per_cm2\n1,2\n2,3\n3,4,5\n4,5\n");
  expect_bad_input(fit + quoted(more), {"more.csv:4:", "more fields than the header has columns"});
  const auto fewer = write_file(dir, "fewer.csv", "time_h,cumulative_ug_per_cm2\n1,2\n2\n3,4\n");
  expect_bad_input(fit + quoted(fewer), {"fewer.csv:3:", "fewer fields than the header has columns"});
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

// `--with ,,,` took the next word (-o) as a procedure; empty items are refused instead.
TEST(InputMessages, EmptyItemsOfACommaListAreRefused) {
  const auto dir = test::scratch_dir("input-with");
  test::expect_refused("compare " + example("default.toml"),
                       {{"--with ,,,", "--with: an empty name in the list \",,,\""},
                        {"--with dermabrasion,,nafl-1550", "an empty name in the list \"dermabrasion,,nafl-1550\""}},
                       dir / "out");
  fs::remove_all(dir);
}

// docs/scenario.md called every list "one entry per product", [[area]] included.
TEST(InputMessages, ListSectionsOfTheReferenceNameThemselves) {
  const auto r = mnsim("params --format markdown", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("## [[area]] (a list: one [[area]] table per entry)"), std::string::npos);
  EXPECT_EQ(r.output.find("one entry per product"), std::string::npos);
}

}  // namespace
}  // namespace mnsim
