// How much of a compound a product holds dissolved at its pH: the intrinsic solubility of the
// un-ionised species plus the Henderson-Hasselbalch share of each ionised one (log S - pH
// profiles of slope +1 for an acid above its pKa, -1 for a base below it, both for ampholytes).
#include "transport/solubility.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_support.hpp"

namespace mnsim::transport {
namespace {

Compound with(std::optional<double> pka_acid, std::optional<double> pka_base) {
  Compound c;
  c.name = "test";
  c.mw_g_per_mol = 200.0;
  c.pka_acid = pka_acid;
  c.pka_base = pka_base;
  c.water_solubility_mg_per_l = 1000.0;  // 1 mg/mL
  return c;
}

TEST(Solubility, AnAcidGainsItsAnionAboveItsPkaAndABaseItsCationBelowIt) {
  const auto acid = with(4.0, std::nullopt), base = with(std::nullopt, 9.0);
  EXPECT_DOUBLE_EQ(ionised_solubility_factor(acid, 4.0), 2.0);  // half ionised at the pKa
  EXPECT_NEAR(ionised_solubility_factor(acid, 7.0), 1001.0, 1e-9);
  EXPECT_NEAR(ionised_solubility_factor(acid, 1.0), 1.001, 1e-12);
  EXPECT_DOUBLE_EQ(ionised_solubility_factor(base, 9.0), 2.0);
  EXPECT_NEAR(ionised_solubility_factor(base, 7.0), 101.0, 1e-9);
  EXPECT_NEAR(ionised_solubility_factor(base, 12.0), 1.001, 1e-12);
  EXPECT_DOUBLE_EQ(ionised_solubility_factor(with(std::nullopt, std::nullopt), 3.0), 1.0);
  EXPECT_NEAR(*solubility_at_ph_mg_per_ml(acid, 7.0), 1001.0 * 1.0, 1e-9);
}

TEST(Solubility, AnAmpholyteIsLeastSolubleBetweenItsTwoPkas) {
  // A zwitterion (carboxyl 4.3 below amine 10.6, as tranexamic acid) and an ordinary ampholyte
  // (amine 6 below phenol 9): either way a cation below the lower pKa and an anion above the
  // higher one, and the neutral species' solubility alone in between.
  for (const auto& c : {with(4.3, 10.6), with(9.0, 6.0)}) {
    const double low = std::min(*c.pka_acid, *c.pka_base), high = std::max(*c.pka_acid, *c.pka_base);
    const double middle = 0.5 * (low + high);
    EXPECT_NEAR(ionised_solubility_factor(c, middle), 1.0 + 2.0 * std::pow(10.0, -0.5 * (high - low)), 1e-12);
    EXPECT_NEAR(ionised_solubility_factor(c, low - 2.0), 1.0 + 100.0 + std::pow(10.0, low - 2.0 - high), 1e-9);
    EXPECT_NEAR(ionised_solubility_factor(c, high + 2.0), 1.0 + 100.0 + std::pow(10.0, low - high - 2.0), 1e-9);
  }
}

TEST(Solubility, TheLibrarysLidocaineDissolvesFourTimesBetterAtSkinPhThanAsTheBase) {
  const auto library = CompoundLibrary::load(test::data_dir());
  const Compound* lidocaine = library.find("lidocaine");
  ASSERT_NE(lidocaine, nullptr);
  ASSERT_TRUE(lidocaine->water_solubility_mg_per_l.has_value());
  // pKa 7.86, 4.1 mg/mL as the base: 4.1 (1 + 10^0.46) = 15.9 mg/mL at pH 7.4.
  EXPECT_NEAR(*solubility_at_ph_mg_per_ml(*lidocaine, 7.4),
              *lidocaine->water_solubility_mg_per_l * 1e-3 * (1.0 + std::pow(10.0, 7.86 - 7.4)), 1e-9);
  const Compound* hyaluronic = library.find("hyaluronic_acid_fragment_5_10kda");
  ASSERT_NE(hyaluronic, nullptr);
  EXPECT_FALSE(solubility_at_ph_mg_per_ml(*hyaluronic, 7.4).has_value());
}

}  // namespace
}  // namespace mnsim::transport
