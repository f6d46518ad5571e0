// The parameter registry: declarations, lookups, value checks and "did you mean" hints.
#include "core/registry.hpp"

#include <gtest/gtest.h>

namespace mnsim {
namespace {

Registry small_registry() {
  Registry r;
  r.add({.path = "patient.age_y",
         .type = ParamType::real,
         .unit = "y",
         .min = 0,
         .max = 110,
         .default_value = Value{35.0},
         .description = "age",
         .source = "test"});
  r.add({.path = "patient.fitzpatrick",
         .type = ParamType::integer,
         .min = 1,
         .max = 6,
         .default_value = Value{std::int64_t{2}},
         .source = "test"});
  r.add({.path = "patient.species",
         .type = ParamType::choice,
         .choices = {"human", "pig", "rat"},
         .default_value = Value{std::string("human")},
         .source = "test"});
  r.add({.path = "patient.conditions",
         .type = ParamType::string_list,
         .choices = {"keloid_history", "diabetes"},
         .default_value = Value{StringList{}},
         .source = "test"});
  r.add({.path = "product[].name", .type = ParamType::string, .source = "test"});
  r.add({.path = "timeline.sunscreen", .type = ParamType::boolean, .default_value = Value{true}, .source = "test"});
  r.add({.path = "timeline.check_times_h",
         .type = ParamType::number_list,
         .unit = "h",
         .min = 0,
         .max = 100,
         .default_value = Value{NumberList{}},
         .source = "test"});
  return r;
}

const SourceLocation here{"test.toml", 3, 7};

TEST(Registry, FindsDeclaredPathsAndArrayMembersByAnyIndex) {
  const auto r = small_registry();
  ASSERT_NE(r.find("patient.age_y"), nullptr);
  EXPECT_EQ(r.find("patient.age_y")->unit, "y");
  ASSERT_NE(r.find("product[3].name"), nullptr);
  EXPECT_EQ(r.find("product[3].name")->path, "product[].name");
  EXPECT_EQ(r.find("patient.agey"), nullptr);
}

TEST(Registry, RejectsDuplicateDeclarationsAndDefaultsOutsideTheirOwnRange) {
  auto r = small_registry();
  EXPECT_THROW(r.add({.path = "patient.age_y", .type = ParamType::real}), std::logic_error);
  EXPECT_THROW(
      r.add(
          {.path = "patient.height_cm", .type = ParamType::real, .min = 50, .max = 250, .default_value = Value{10.0}}),
      InputError);
}

TEST(Registry, ListsSectionsInDeclarationOrder) {
  const auto r = small_registry();
  EXPECT_EQ(r.sections(), (std::vector<std::string>{"patient", "product", "timeline"}));
  EXPECT_TRUE(r.is_array_section("product"));
  EXPECT_FALSE(r.is_array_section("patient"));
}

TEST(Registry, AcceptsIntegersWhereARealIsExpected) {
  const auto r = small_registry();
  const auto v = r.coerce(*r.find("patient.age_y"), Value{std::int64_t{45}}, here, "patient.age_y");
  EXPECT_DOUBLE_EQ(std::get<double>(v), 45.0);
}

TEST(Registry, OutOfRangeErrorNamesLocationKeyRangeAndUnit) {
  const auto r = small_registry();
  try {
    (void)r.coerce(*r.find("patient.age_y"), Value{-5.0}, here, "patient.age_y");
    FAIL() << "negative age accepted";
  } catch (const InputError& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("test.toml:3:7"), std::string::npos) << text;
    EXPECT_NE(text.find("patient.age_y"), std::string::npos) << text;
    EXPECT_NE(text.find("from 0 to 110 y"), std::string::npos) << text;
  }
}

TEST(Registry, IntegerKeysRejectFractionsAndOutOfRangeValues) {
  const auto r = small_registry();
  const auto& spec = *r.find("patient.fitzpatrick");
  EXPECT_THROW((void)r.coerce(spec, Value{3.5}, here, spec.path), InputError);
  EXPECT_THROW((void)r.coerce(spec, Value{std::int64_t{7}}, here, spec.path), InputError);
  EXPECT_EQ(std::get<std::int64_t>(r.coerce(spec, Value{std::int64_t{6}}, here, spec.path)), 6);
}

// Issue #27: "sessions = 4.0" was answered "got 4", and large integers were printed as floats.
TEST(Registry, IntegerKeysSayAFloatIsAFloatAndShowIntegersAsWritten) {
  const auto r = small_registry();
  const auto& spec = *r.find("patient.fitzpatrick");
  try {
    (void)r.coerce(spec, Value{4.0}, here, spec.path);
    ADD_FAILURE() << "4.0 accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("an integer from 1 to 6, got 4.0 (a float): write 4"), std::string::npos)
        << e.what();
  }
  try {
    (void)r.coerce(spec, Value{std::int64_t{99999999999999999}}, here, spec.path);
    ADD_FAILURE() << "out of range accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("value 99999999999999999 is out of range"), std::string::npos) << e.what();
  }
  Registry big;
  big.add({.path = "run.seed", .type = ParamType::integer, .min = 0, .max = 9007199254740991.0, .source = "test"});
  EXPECT_EQ(big.find("run.seed")->expectation(), "an integer from 0 to 9007199254740991");
}

TEST(Registry, WrongTypeErrorNamesTheExpectedType) {
  const auto r = small_registry();
  try {
    (void)r.coerce(*r.find("patient.age_y"), Value{std::string("forty")}, here, "patient.age_y");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("expected a number"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)r.coerce(*r.find("timeline.sunscreen"), Value{std::string("yes")}, here, "x"), InputError);
}

TEST(Registry, ChoiceErrorsSuggestTheClosestChoice) {
  const auto r = small_registry();
  try {
    (void)r.coerce(*r.find("patient.species"), Value{std::string("humna")}, here, "patient.species");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.hint(), "did you mean \"human\"?");
  }
  const auto& conditions = *r.find("patient.conditions");
  EXPECT_NO_THROW((void)r.coerce(conditions, Value{StringList{"diabetes"}}, here, "c"));
  EXPECT_THROW((void)r.coerce(conditions, Value{StringList{"diabetis", "x"}}, here, "c"), InputError);
}

TEST(Registry, NumberListsCheckEveryNumberAndTakeAnEmptyArray) {
  const auto r = small_registry();
  const auto& times = *r.find("timeline.check_times_h");
  EXPECT_EQ(std::get<NumberList>(r.coerce(times, Value{NumberList{0.5, 2.0}}, here, "t")), (NumberList{0.5, 2.0}));
  EXPECT_TRUE(std::get<NumberList>(r.coerce(times, Value{StringList{}}, here, "t")).empty());
  EXPECT_THROW((void)r.coerce(times, Value{NumberList{0.5, 200.0}}, here, "t"), InputError);
  EXPECT_THROW((void)r.coerce(times, Value{StringList{"1"}}, here, "t"), InputError);
  EXPECT_THROW((void)r.coerce(times, Value{1.0}, here, "t"), InputError);
  EXPECT_EQ(times.expectation(), "a list of numbers from 0 to 100 h");
  EXPECT_EQ(to_display(Value{NumberList{0.5, 2.0}}), "[0.5, 2]");
}

TEST(Registry, SuggestsTheClosestSectionAndKeyOnlyWhenClose) {
  const auto r = small_registry();
  EXPECT_EQ(r.closest_section("patinet"), "patient");
  EXPECT_EQ(r.closest_key("patient", "age"), "age_y");
  EXPECT_EQ(r.closest_key("patient", "favourite_colour"), "");
}

TEST(Registry, ExpectationTextsReadNaturally) {
  const auto r = small_registry();
  EXPECT_EQ(r.find("patient.age_y")->expectation(), "a number from 0 to 110 y");
  EXPECT_EQ(r.find("patient.species")->expectation(), "one of: human, pig, rat");
  EXPECT_TRUE(r.find("product[].name")->required());
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("same", "same"), 0U);
  EXPECT_EQ(normalize_path("product[12].name"), "product[].name");
}

}  // namespace
}  // namespace mnsim
