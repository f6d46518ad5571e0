// Run directories appear complete or not at all.
#include "io/run_directory.hpp"

#include <gtest/gtest.h>

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

TEST(RunDirectory, AnExistingDirectoryIsKeptUnlessReplacementIsAsked) {
  const auto base = test::scratch_dir("rundir-exists");
  fs::create_directories(base / "run");
  EXPECT_THROW(RunDirectory(base / "run", false), InputError);
  {
    RunDirectory run(base / "run", true);
    run.write("summary.json", "{\"new\": true}\n");
    run.commit();
  }
  EXPECT_TRUE(fs::exists(base / "run" / "summary.json"));
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
