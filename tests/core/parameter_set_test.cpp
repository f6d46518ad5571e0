// ParameterSet: typed access and completion with defaults.
#include "core/parameter_set.hpp"

#include <gtest/gtest.h>

namespace mnsim {
namespace {

Registry registry_with_a_list() {
  Registry r;
  r.add({.path = "patient.age_y", .type = ParamType::real, .min = 0, .max = 110, .default_value = Value{35.0}});
  r.add({.path = "skin.dermis_um", .type = ParamType::real, .optional = true});
  r.add({.path = "product[].name", .type = ParamType::string});
  r.add({.path = "product[].dose_mg_per_cm2", .type = ParamType::real, .default_value = Value{2.0}});
  return r;
}

TEST(ParameterSet, CompleteFillsDefaultsAndLeavesOptionalKeysUnset) {
  const auto r = registry_with_a_list();
  ParameterSet p;
  p.complete(r, "x.toml");
  EXPECT_DOUBLE_EQ(p.real("patient.age_y"), 35.0);
  EXPECT_TRUE(p.entry("patient.age_y").origin.file.empty());
  EXPECT_FALSE(p.has("skin.dermis_um"));
  EXPECT_EQ(p.array_size("product"), 0U);
}

TEST(ParameterSet, CompleteFillsTheDefaultsOfEveryListEntry) {
  const auto r = registry_with_a_list();
  ParameterSet p;
  for (int i = 0; i < 2; ++i) {
    p.add_array_element("product", {"x.toml", 10 + i, 1});
    p.set("product[" + std::to_string(i) + "].name", Value{std::string("serum")}, {"x.toml", 11 + i, 8});
  }
  p.complete(r, "x.toml");
  EXPECT_DOUBLE_EQ(p.real("product[0].dose_mg_per_cm2"), 2.0);
  EXPECT_DOUBLE_EQ(p.real("product[1].dose_mg_per_cm2"), 2.0);
}

TEST(ParameterSet, AMissingRequiredKeyOfAListEntryIsReportedAtTheEntryHeader) {
  const auto r = registry_with_a_list();
  ParameterSet p;
  p.add_array_element("product", {"x.toml", 12, 1});
  p.set("product[0].name", Value{std::string("serum")}, {"x.toml", 13, 8});
  p.add_array_element("product", {"x.toml", 15, 1});
  try {
    p.complete(r, "x.toml");
    FAIL() << "second product without a name accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 15);
    EXPECT_EQ(e.key(), "product[1].name");
  }
}

TEST(ParameterSet, TypedAccessToAWrongTypeIsAProgrammingError) {
  ParameterSet p;
  p.set("a.b", Value{1.0}, {});
  EXPECT_THROW((void)p.text("a.b"), std::logic_error);
  EXPECT_THROW((void)p.real("a.c"), std::logic_error);
}

}  // namespace
}  // namespace mnsim
