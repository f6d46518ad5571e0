// The compound library and how a scenario's [[product]] resolves to a compound: library
// entries, user overrides, user-defined compounds and the error for an unknown name.
#include "transport/compound.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "app/session.hpp"
#include "core/error.hpp"
#include "io/scenario_reader.hpp"
#include "test_support.hpp"

namespace mnsim::transport {
namespace {

const CompoundLibrary& library() {
  static const CompoundLibrary loaded = CompoundLibrary::load(test::data_dir());
  return loaded;
}

// product[0] of a scenario holding one [[product]] with the given extra lines.
ParameterSet product(const std::string& lines) {
  static app::Session session(test::data_dir());
  const auto& registry = session.registry();
  auto parameters = io::read_scenario_text("[[product]]\nname = \"serum\"\n" + lines, "s.toml", registry);
  parameters.complete(registry, "s.toml");
  return parameters;
}

InputError error_of(const std::string& lines) {
  const auto parameters = product(lines);
  try {
    compound_for_product(parameters, 0, library());
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted:\n" << lines;
  return InputError({}, "", "");
}

TEST(CompoundLibrary, EveryCompoundLoadsWithAPositiveMolecularWeightAndASource) {
  const auto names = library().names();
  ASSERT_GE(names.size(), 20U);
  for (const auto& name : names) {
    const Compound* c = library().find(name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(c->name, name);
    EXPECT_GT(c->mw_g_per_mol, 0.0) << name;
    EXPECT_FALSE(c->source.empty()) << name;
  }
}

TEST(CompoundLibrary, KeepsBlankFieldsUnknownRatherThanZero) {
  const Compound* caffeine = library().find("caffeine");
  ASSERT_NE(caffeine, nullptr);
  EXPECT_DOUBLE_EQ(caffeine->mw_g_per_mol, 194.19);
  ASSERT_TRUE(caffeine->log_kow.has_value());
  EXPECT_DOUBLE_EQ(*caffeine->log_kow, -0.07);
  EXPECT_FALSE(caffeine->pka_acid.has_value());

  const Compound* tranexamic = library().find("tranexamic_acid");
  ASSERT_NE(tranexamic, nullptr);
  EXPECT_FALSE(tranexamic->log_kow.has_value());
  EXPECT_DOUBLE_EQ(*tranexamic->pka_acid, 4.3);
  EXPECT_DOUBLE_EQ(*tranexamic->pka_base, 10.6);
  EXPECT_DOUBLE_EQ(*tranexamic->charge_at_ph7_4, 0.0);

  EXPECT_FALSE(library().find("fitc_dextran_4kda")->charge_at_ph7_4.has_value());
  EXPECT_EQ(library().find("no_such_compound"), nullptr);
}

// A salt dissociates in solution: what crosses the skin is its parent's ions and neutral base,
// so a salt row (parent name + _hcl or _dihydrochloride) carries the parent's log Kow, pKa and
// charge; only the molecular weight differs.
TEST(CompoundLibrary, SaltsCarryTheSolutionPropertiesOfTheirParent) {
  int salts = 0;
  for (const auto& name : library().names()) {
    for (const std::string suffix : {"_hcl", "_dihydrochloride"}) {
      if (!name.ends_with(suffix)) continue;
      const Compound* parent = library().find(name.substr(0, name.size() - suffix.size()));
      if (parent == nullptr) continue;
      const Compound& salt = *library().find(name);
      ++salts;
      EXPECT_EQ(salt.log_kow, parent->log_kow) << name;
      EXPECT_EQ(salt.pka_acid, parent->pka_acid) << name;
      EXPECT_EQ(salt.pka_base, parent->pka_base) << name;
      EXPECT_EQ(salt.charge_at_ph7_4, parent->charge_at_ph7_4) << name;
      EXPECT_EQ(salt.h_bond_donors, parent->h_bond_donors) << name;
      EXPECT_GT(salt.mw_g_per_mol, parent->mw_g_per_mol) << name;
    }
  }
  EXPECT_EQ(salts, 4) << "amantadine, naltrexone, tiagabine and pramipexole salts";
}

TEST(CompoundLibrary, ChargesFollowHendersonHasselbalchForOneIonisableGroup) {
  // data/compounds/README.md: base 1/(1+10^(7.4-pKa)), acid -1/(1+10^(pKa-7.4)), to two decimals.
  for (const auto& name : library().names()) {
    const Compound& c = *library().find(name);
    if (!c.charge_at_ph7_4 || c.pka_acid.has_value() == c.pka_base.has_value()) continue;
    const double expected =
        c.pka_base ? 1.0 / (1.0 + std::pow(10.0, 7.4 - *c.pka_base)) : -1.0 / (1.0 + std::pow(10.0, *c.pka_acid - 7.4));
    if (name.starts_with("hyaluronic")) continue;  // polyanion: one pKa, about 19 carboxylates
    EXPECT_NEAR(*c.charge_at_ph7_4, expected, 0.005) << name;
  }
}

TEST(CompoundForProduct, ALibraryNameGivesTheLibraryEntry) {
  const auto c = compound_for_product(product("compound = \"lidocaine\"\n"), 0, library());
  EXPECT_EQ(c.name, "lidocaine");
  EXPECT_DOUBLE_EQ(c.mw_g_per_mol, 234.34);
  EXPECT_DOUBLE_EQ(*c.log_kow, 2.44);
  EXPECT_EQ(c.source, library().find("lidocaine")->source);
}

TEST(CompoundForProduct, ScenarioValuesReplaceTheLibraryValuesAndSaySo) {
  const auto c =
      compound_for_product(product("compound = \"caffeine\"\nmw_g_per_mol = 200.0\nlog_kow = 0.5\n"), 0, library());
  EXPECT_DOUBLE_EQ(c.mw_g_per_mol, 200.0);
  EXPECT_DOUBLE_EQ(*c.log_kow, 0.5);
  EXPECT_NE(c.source.find("product[0].mw_g_per_mol"), std::string::npos) << c.source;
  EXPECT_NE(c.source.find("product[0].log_kow"), std::string::npos) << c.source;
}

TEST(CompoundForProduct, AUserCanGiveThePkasAndAMeasuredIntactPermeability) {
  const auto c = compound_for_product(
      product("compound = \"my_amine\"\nmw_g_per_mol = 180\npka_base = 9.5\nintact_kp_cm_per_h = 1.5e-4\n"), 0,
      library());
  EXPECT_DOUBLE_EQ(*c.pka_base, 9.5);
  EXPECT_FALSE(c.pka_acid.has_value());
  EXPECT_DOUBLE_EQ(*c.intact_kp_cm_per_h, 1.5e-4);
  EXPECT_NE(c.source.find("product[0].intact_kp_cm_per_h"), std::string::npos) << c.source;
  // A library compound keeps its own pKa unless the scenario gives one.
  EXPECT_DOUBLE_EQ(*compound_for_product(product("compound = \"lidocaine\"\npka_base = 7.0\n"), 0, library()).pka_base,
                   7.0);
  EXPECT_FALSE(compound_for_product(product("compound = \"lidocaine\"\n"), 0, library()).intact_kp_cm_per_h);
}

TEST(CompoundForProduct, TheProductsPhTravelsWithItsCompoundAndDefaultsToABufferedDonor) {
  EXPECT_DOUBLE_EQ(compound_for_product(product("compound = \"lidocaine\"\n"), 0, library()).vehicle_ph, 7.4);
  EXPECT_DOUBLE_EQ(compound_for_product(product("compound = \"lidocaine\"\nph = 5.5\n"), 0, library()).vehicle_ph, 5.5);
}

TEST(CompoundLibrary, LidocaineCarriesItsPublishedDispositionAndToxicThreshold) {
  const auto& d = library().find("lidocaine")->disposition;
  ASSERT_TRUE(d.has_value());
  EXPECT_DOUBLE_EQ(d->clearance_low_ml_per_min_per_kg, 13.0);  // data/compounds/pharmacokinetics.csv
  EXPECT_DOUBLE_EQ(d->volume_high_l_per_kg, 4.5);
  EXPECT_DOUBLE_EQ(*d->toxic_ug_per_ml, 5.0);
  EXPECT_FALSE(d->source.empty());
  EXPECT_FALSE(library().find("caffeine")->disposition.has_value());
}

// A disposition of a compound the library lacks, or a value outside its own range, is a
// DataError naming the file and line.
TEST(CompoundLibrary, AMalformedDispositionIsADataErrorNamingFileAndLine) {
  const auto dir = test::scratch_dir("compounds-malformed");
  std::filesystem::create_directories(dir / "compounds");
  std::filesystem::copy_file(test::data_dir() / "compounds" / "compounds.csv", dir / "compounds" / "compounds.csv");
  const std::string header =
      "name,volume_l_per_kg,volume_low_l_per_kg,volume_high_l_per_kg,clearance_ml_per_min_per_kg,"
      "clearance_low_ml_per_min_per_kg,clearance_high_ml_per_min_per_kg,toxic_ug_per_ml,toxic_effect,source,tag\n";
  for (const auto& [row, expected] :
       {std::pair{"lidocane,1.6,0.6,4.5,15,13,17,5,x,s,M\n", "lidocane is not in compounds.csv"},
        std::pair{"lidocaine,5.0,0.6,4.5,15,13,17,5,x,s,M\n", "inside their ranges"}}) {
    std::ofstream(dir / "compounds" / "pharmacokinetics.csv") << header << row;
    try {
      (void)CompoundLibrary::load(dir);
      ADD_FAILURE() << "accepted: " << row;
    } catch (const DataError& e) {
      EXPECT_NE(std::string(e.what()).find("pharmacokinetics.csv:2"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(CompoundForProduct, AScenarioGivesADispositionOrReplacesPartOfOne) {
  const auto own = compound_for_product(
      product("compound = \"caffeine\"\nvolume_l_per_kg = 0.6\nclearance_ml_per_min_per_kg = 1.5\n"), 0, library());
  ASSERT_TRUE(own.disposition.has_value());
  EXPECT_DOUBLE_EQ(own.disposition->volume_low_l_per_kg, 0.6);
  EXPECT_DOUBLE_EQ(own.disposition->clearance_high_ml_per_min_per_kg, 1.5);
  EXPECT_FALSE(own.disposition->toxic_ug_per_ml.has_value());
  const auto lidocaine =
      compound_for_product(product("compound = \"lidocaine\"\nvolume_l_per_kg = 2.0\n"), 0, library());
  EXPECT_DOUBLE_EQ(lidocaine.disposition->volume_low_l_per_kg, 2.0);
  EXPECT_DOUBLE_EQ(lidocaine.disposition->clearance_low_ml_per_min_per_kg, 13.0);  // kept from the library
  const auto e = error_of("compound = \"caffeine\"\nvolume_l_per_kg = 0.6\n");
  EXPECT_EQ(e.key(), "product[0].volume_l_per_kg");
  EXPECT_NE(e.hint().find("product[0].clearance_ml_per_min_per_kg"), std::string::npos) << e.hint();
}

TEST(CompoundForProduct, AnUnknownNameWithAMolecularWeightIsAUserDefinedCompound) {
  const auto c = compound_for_product(product("compound = \"my_peptide\"\nmw_g_per_mol = 650\n"), 0, library());
  EXPECT_EQ(c.name, "my_peptide");
  EXPECT_DOUBLE_EQ(c.mw_g_per_mol, 650.0);
  EXPECT_FALSE(c.log_kow.has_value());
  EXPECT_FALSE(c.charge_at_ph7_4.has_value());
  EXPECT_NE(c.source.find("user-defined"), std::string::npos) << c.source;
}

TEST(CompoundForProduct, AnUnknownNameWithoutMolecularWeightIsABadInputNamingTheKeyAndTheLibrary) {
  const auto e = error_of("compound = \"cafeine\"\n");
  EXPECT_EQ(e.key(), "product[0].compound");
  EXPECT_EQ(e.where().file, "s.toml");
  EXPECT_GT(e.where().line, 0);
  for (const auto& name : library().names()) EXPECT_NE(e.message().find(name), std::string::npos) << name;
  EXPECT_TRUE(e.hint().starts_with("did you mean caffeine?")) << e.hint();
  EXPECT_NE(e.hint().find("product[0].mw_g_per_mol"), std::string::npos) << e.hint();
}

TEST(CompoundForProduct, ANameCutShortSuggestsTheFullLibraryName) {
  EXPECT_TRUE(error_of("compound = \"hyaluronic_acid_fragment\"\n")
                  .hint()
                  .starts_with("did you mean hyaluronic_acid_fragment_5_10kda?"));
}

TEST(CompoundForProduct, AnUnrelatedNameOnlyExplainsHowToDefineTheCompound) {
  const auto e = error_of("compound = \"zzzzzz\"\nlog_kow = 1.0\n");
  EXPECT_TRUE(e.hint().starts_with("set product[0].mw_g_per_mol")) << e.hint();
}

}  // namespace
}  // namespace mnsim::transport
