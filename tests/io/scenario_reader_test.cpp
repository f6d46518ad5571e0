// Reading scenarios the way a new user writes them, mistakes included: every mistake is an
// InputError that names the file, line and column, the key, what was expected and a hint.
#include "io/scenario_reader.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/session.hpp"
#include "test_support.hpp"

namespace mnsim::io {
namespace {

const Registry& registry() {
  static app::Session session(test::data_dir());
  return session.registry();
}

InputError error_of(const std::string& text) {
  try {
    auto p = read_scenario_text(text, "s.toml", registry());
    p.complete(registry(), "s.toml");
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return InputError({}, "", "");
}

TEST(ScenarioReader, ReadsTheDefaultExampleAndFillsEveryDefault) {
  auto p = read_scenario_file(test::source_dir() / "examples" / "default.toml", registry());
  p.complete(registry(), "default.toml");
  EXPECT_DOUBLE_EQ(p.real("patient.age_y"), 45.0);
  EXPECT_EQ(p.entry("patient.age_y").origin.line, 5);
  EXPECT_EQ(p.text("site.name"), "cheek");
  EXPECT_EQ(p.array_size("product"), 1U);
  EXPECT_EQ(p.text("product[0].name"), "hyaluronic serum");
  for (const auto& spec : registry().specs()) {
    if (!spec.in_array() && spec.default_value) {
      EXPECT_TRUE(p.has(spec.path)) << spec.path;
    }
  }
}

TEST(ScenarioReader, TypoInAKeySuggestsTheClosestKeyAtItsPosition) {
  const auto e = error_of("[patient]\nage_yr = 40\n");
  EXPECT_EQ(e.where().line, 2);
  EXPECT_EQ(e.where().column, 1);
  EXPECT_EQ(e.hint(), "did you mean age_y?");
}

TEST(ScenarioReader, TypoInASectionSuggestsTheClosestSection) {
  const auto e = error_of("[patinet]\nage_y = 40\n");
  EXPECT_EQ(e.where().line, 1);
  EXPECT_EQ(e.hint(), "did you mean [patient]?");
}

TEST(ScenarioReader, NegativeAgeIsOutOfRangeWithUnitAndRange) {
  const auto e = error_of("[patient]\nage_y = -3\n");
  EXPECT_EQ(e.where().line, 2);
  EXPECT_EQ(e.where().column, 9);
  EXPECT_EQ(e.key(), "patient.age_y");
  EXPECT_NE(e.message().find("from 0 to 110 y"), std::string::npos) << e.what();
}

TEST(ScenarioReader, FitzpatrickSevenIsOutOfRange) {
  const auto e = error_of("[patient]\nfitzpatrick = 7\n");
  EXPECT_EQ(e.key(), "patient.fitzpatrick");
  EXPECT_NE(e.message().find("an integer from 1 to 6"), std::string::npos) << e.what();
}

TEST(ScenarioReader, AStringWhereANumberBelongsNamesTheExpectedType) {
  const auto e = error_of("[patient]\nage_y = \"forty\"\n");
  EXPECT_NE(e.message().find("expected a number"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find("\"forty\""), std::string::npos) << e.what();
}

TEST(ScenarioReader, AMisspeltChoiceSuggestsTheClosestChoice) {
  const auto e = error_of("[site]\nname = \"cheeck\"\n");
  EXPECT_EQ(e.hint(), "did you mean \"cheek\"?");
}

TEST(ScenarioReader, EmptyAndCommentOnlyFilesAreErrors) {
  EXPECT_NE(error_of("").message().find("empty"), std::string::npos);
  EXPECT_NE(error_of("# only a comment\n\n").message().find("empty"), std::string::npos);
}

TEST(ScenarioReader, BinaryContentIsRejectedAtTheFirstControlByte) {
  const auto e = error_of(std::string("[patient]\nage", 13) + std::string(1, '\0') + "\x01\x02");
  EXPECT_EQ(e.where().line, 2);
  EXPECT_EQ(e.where().column, 4);
  EXPECT_NE(e.message().find("not a text file"), std::string::npos);
}

TEST(ScenarioReader, TomlSyntaxErrorsGiveTheirPosition) {
  const auto e = error_of("[patient]\nage_y = = 4\n");
  EXPECT_EQ(e.where().line, 2);
  EXPECT_NE(e.message().find("not valid TOML"), std::string::npos);
}

TEST(ScenarioReader, InvalidUtf8IsAnInputError) {
  const auto e = error_of("[site]\nname = \"\xff\xfe\"\n");
  EXPECT_EQ(e.where().line, 2);
}

TEST(ScenarioReader, SectionShapesAreChecked) {
  EXPECT_NE(error_of("[product]\nname = \"x\"\n").message().find("[[product]]"), std::string::npos);
  EXPECT_NE(error_of("patient = 3\n").message().find("[patient]"), std::string::npos);
  EXPECT_NE(error_of("seed = 3\n").message().find("top-level"), std::string::npos);
  EXPECT_NE(error_of("[patient.extra]\nx = 1\n").message().find("unknown key"), std::string::npos);
}

TEST(ScenarioReader, AProductWithoutANameIsReportedAtItsHeader) {
  const auto e = error_of("[patient]\nage_y = 30\n\n[[product]]\ndose_mg_per_cm2 = 1\n");
  EXPECT_EQ(e.where().line, 4);
  EXPECT_EQ(e.key(), "product[0].name");
}

TEST(ScenarioReader, MissingFileDirectoryAndOversizedFileAreErrors) {
  EXPECT_THROW((void)read_scenario_file("/nonexistent/mnsim.toml", registry()), InputError);
  EXPECT_THROW((void)read_scenario_file(test::source_dir(), registry()), InputError);
  const auto dir = test::scratch_dir("big-scenario");
  const auto big = dir / "big.toml";
  {
    std::ofstream out(big);
    const std::string line = "# padding padding padding padding padding padding padding padding\n";
    for (std::size_t written = 0; written < 10 * 1024 * 1024; written += line.size()) out << line;
  }
  try {
    (void)read_scenario_file(big, registry());
    FAIL() << "10 MB file accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("at most 1 MB"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(Overrides, SetAnyKeyWithTheSameChecksAsTheFile) {
  ParameterSet p;
  apply_override(p, registry(), "patient.age_y=52");
  apply_override(p, registry(), "site.name=forehead");
  apply_override(p, registry(), "patient.conditions=[\"diabetes\"]");
  EXPECT_DOUBLE_EQ(p.real("patient.age_y"), 52.0);
  EXPECT_EQ(p.text("site.name"), "forehead");
  EXPECT_EQ(p.list("patient.conditions"), StringList{"diabetes"});
  EXPECT_EQ(p.entry("patient.age_y").origin.file, "--set");
  EXPECT_THROW(apply_override(p, registry(), "patient.age_y=-1"), InputError);
  EXPECT_THROW(apply_override(p, registry(), "patient.fitzpatrick=seven"), InputError);
  EXPECT_THROW(apply_override(p, registry(), "no_equals_sign"), InputError);
}

TEST(Overrides, UnknownPathSuggestsTheClosestRegistryPath) {
  ParameterSet p;
  try {
    apply_override(p, registry(), "patient.agey=3");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.hint(), "did you mean patient.age_y?");
  }
}

TEST(Overrides, ListEntriesCanBeChangedOrAppendedButNotSkipped) {
  ParameterSet p;
  apply_override(p, registry(), "product[0].name=serum");
  apply_override(p, registry(), "product[0].dose_mg_per_cm2=1.5");
  EXPECT_EQ(p.array_size("product"), 1U);
  EXPECT_THROW(apply_override(p, registry(), "product[5].name=x"), InputError);
  EXPECT_THROW(apply_override(p, registry(), "product[].name=x"), InputError);
}

// Issue #27: an index beyond 64 bits threw std::out_of_range ("stoul", exit 1).
TEST(Overrides, AnIndexOutOfRangeNamesTheKeyAndTheAcceptedIndices) {
  ParameterSet p;
  apply_override(p, registry(), "product[0].name=serum");
  for (const char* index : {"5", "99999999999999999999"}) {
    try {
      apply_override(p, registry(), fmt::format("product[{}].name=x", index));
      ADD_FAILURE() << index << " accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.key(), fmt::format("product[{}].name", index));
      EXPECT_NE(e.message().find("the index is from 0 to 1"), std::string::npos) << e.what();
    }
  }
}

// Issue #27: "--set device.needle_length_mm=1.0 # x" dropped the comment and ran with 1.0.
TEST(Overrides, TextAfterTheValueIsRefused) {
  ParameterSet p;
  for (const char* assignment : {"device.needle_length_mm=1.0 # x", "device.needle_length_mm=1.0#x",
                                 "device.needle_length_mm=1.0\nprotocol.passes = 2"}) {
    try {
      apply_override(p, registry(), assignment);
      ADD_FAILURE() << assignment << " accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.key(), "device.needle_length_mm");
      EXPECT_NE(e.message().find("unexpected text after the value"), std::string::npos) << e.what();
    }
  }
  apply_override(p, registry(), "product[0].name=\"a # b\"  ");
  EXPECT_EQ(p.text("product[0].name"), "a # b");
  apply_override(p, registry(), "output.field_times_h=[1, 2]");
  EXPECT_EQ(p.numbers("output.field_times_h").size(), 2U);
}

// Issue #27: an integer beyond 64 bits read as the string "99999999999999999999".
TEST(Overrides, AnIntegerBeyond64BitsIsOutOfRangeNotAString) {
  ParameterSet p;
  try {
    apply_override(p, registry(), "protocol.sessions=99999999999999999999");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("value 99999999999999999999 is out of range: expected an integer from 1 to"),
              std::string::npos)
        << e.what();
  }
}

// Issue #27: a loop of symbolic links was reported as "file not found".
TEST(ScenarioReader, ASymlinkLoopIsNamedAsOne) {
  const auto dir = test::scratch_dir("reader-loop");
  std::filesystem::create_symlink(dir / "b.toml", dir / "a.toml");
  std::filesystem::create_symlink(dir / "a.toml", dir / "b.toml");
  try {
    (void)read_scenario_file(dir / "a.toml", registry());
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("a loop of symbolic links"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mnsim::io
