// Run directories appear complete or not at all.
#include "io/run_directory.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "core/error.hpp"
#include "test_support.hpp"

namespace mnsim::io {
namespace {

namespace fs = std::filesystem;

TEST(RunDirectory, FilesAppearOnlyOnCommit) {
  const auto base = test::scratch_dir("rundir-commit");
  const auto target = base / "run";
  {
    RunDirectory run(target, false);
    run.write("summary.json", "{}\n");
    EXPECT_FALSE(fs::exists(target));
    run.commit();
  }
  EXPECT_TRUE(fs::exists(target / "summary.json"));
  EXPECT_EQ(std::distance(fs::directory_iterator(base), fs::directory_iterator{}), 1);
  fs::remove_all(base);
}

TEST(RunDirectory, AnAbandonedRunLeavesNothingBehind) {
  const auto base = test::scratch_dir("rundir-abandon");
  {
    RunDirectory run(base / "run", false);
    run.write("summary.json", "{}\n");
  }
  EXPECT_TRUE(fs::is_empty(base));
  fs::remove_all(base);
}

TEST(RunDirectory, AnExistingRunIsKeptUnlessReplacementIsAsked) {
  const auto base = test::scratch_dir("rundir-exists");
  {
    RunDirectory run(base / "run", false);
    run.write("summary.json", "{\"new\": false}\n");
    run.commit();
  }
  EXPECT_THROW(RunDirectory(base / "run", false), InputError);
  {
    RunDirectory run(base / "run", true);
    run.write("summary.json", "{\"new\": true}\n");
    run.commit();
  }
  std::ifstream in(base / "run" / "summary.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "{\"new\": true}\n");
  fs::remove_all(base);
}

// The message of the InputError that constructing RunDirectory(target, true) throws, or "".
std::string refusal(const fs::path& target) {
  try {
    RunDirectory run(target, true);
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

TEST(RunDirectory, ForceReplacesOnlyWhatMnsimMade) {
  const auto base = test::scratch_dir("rundir-force");
  fs::create_directories(base / "notes");
  std::ofstream(base / "notes" / "thesis.txt") << "years of work\n";
  std::ofstream(base / "notes.txt") << "a file\n";
  fs::create_symlink(base / "notes", base / "link");
  EXPECT_NE(refusal(base / "notes").find("was not made by mnsim"), std::string::npos);
  EXPECT_NE(refusal(base / "notes.txt").find("is a file"), std::string::npos);
  EXPECT_NE(refusal(base / "link").find("symbolic link"), std::string::npos);
  for (const auto* name : {".", "..", "/"}) EXPECT_NE(refusal(name).find("not a name"), std::string::npos) << name;
  EXPECT_NE(refusal(base / "notes" / ".").find("not a name"), std::string::npos);
  EXPECT_TRUE(fs::exists(base / "notes" / "thesis.txt"));
  EXPECT_TRUE(fs::exists(base / "notes.txt"));
  // A folder that holds the working directory, even with a marker, is never replaced.
  std::ofstream(base / "notes" / run_marker_name) << "planted\n";
  const auto cwd = fs::current_path();
  fs::current_path(base / "notes");
  EXPECT_NE(refusal(base / "notes").find("holds the current directory"), std::string::npos);
  fs::current_path(cwd);
  EXPECT_TRUE(fs::exists(base / "notes" / "thesis.txt"));
  fs::remove_all(base);
}

TEST(RunDirectory, AMessageNamesTheKeyThatGaveThePath) {
  const auto base = test::scratch_dir("rundir-origin");
  fs::create_directories(base / "taken");
  try {
    RunDirectory run(base / "taken", false, {.key = "output.dir", .where = {"scenario.toml", 7, 1}});
    FAIL() << "an existing directory was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.key(), "output.dir");
    EXPECT_EQ(e.where().to_string(), "scenario.toml:7:1");
  }
  fs::remove_all(base);
}

TEST(RunDirectory, AFailedRunRemovesTheParentFoldersItCreated) {
  const auto base = test::scratch_dir("rundir-parents");
  {
    RunDirectory run(base / "a" / "b" / "run", false);
    EXPECT_TRUE(fs::is_directory(base / "a" / "b"));
  }
  EXPECT_TRUE(fs::is_empty(base));
  fs::remove_all(base);
}

TEST(RunDirectory, StaleStagingOfADeadProcessIsRemovedByTheNextRun) {
  const auto base = test::scratch_dir("rundir-stale");
  // A pid that no process has: beyond the kernel's pid_max (at most 2^22).
  const auto stale = base / ".run.partial-99999999";
  fs::create_directories(stale);
  std::ofstream(stale / run_marker_name) << "left by a killed run\n";
  // A folder of the same shape without the marker was not made by mnsim: kept.
  const auto foreign = base / ".run.partial-99999998";
  fs::create_directories(foreign);
  {
    RunDirectory run(base / "run", false);
    run.commit();
  }
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(foreign));
  fs::remove_all(base);
}

TEST(RunDirectory, ANameTooLongForItsStagingFolderIsRefusedFirst) {
  const auto base = test::scratch_dir("rundir-long");
  const std::string name(250, 'x');
  try {
    RunDirectory run(base / name, false);
    FAIL() << "a 250-character name was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("characters long"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_empty(base));
  fs::remove_all(base);
}

TEST(RunDirectory, AWriteThatFailsSaysWhy) {
  const auto base = test::scratch_dir("rundir-write");
  RunDirectory run(base / "run", false);
  try {
    run.write(std::string(300, 'y') + ".csv", "1\n");
    FAIL() << "a 300-character file name was written";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find("File name too long"), std::string::npos) << e.what();
  }
  fs::remove_all(base);
}

TEST(RunDirectory, DefaultNamesNeverCollide) {
  const auto base = test::scratch_dir("rundir-default");
  const auto first = default_run_directory(base, "demo");
  fs::create_directories(first);
  const auto second = default_run_directory(base, "demo");
  EXPECT_NE(first, second);
  EXPECT_EQ(first.filename().string().rfind("demo-", 0), 0U);
  fs::remove_all(base);
}

}  // namespace
}  // namespace mnsim::io
