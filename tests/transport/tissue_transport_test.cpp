// Transport properties of a compound in each skin layer (docs/models.md, Transport: tissue
// properties): the ionised share at pH 7.4 and at the product's pH, the two pathways of intact stratum corneum and a
// measured permeability given in the scenario, which replaces both.
#include "transport/tissue_transport.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "skin/atlas.hpp"
#include "test_support.hpp"

namespace mnsim::transport {
namespace {

constexpr double seconds_per_hour = 3600.0;

skin::SkinModel typical_skin(const std::string& species, const std::string& site) {
  static const auto atlas = skin::Atlas::load(test::data_dir());
  return atlas.typical({.species = species, .site = site});
}

// Potts-Guy, with the ionised species three log units below the neutral one in the lipids
// (transport.ion_pair_log_drop's default) and the stratum corneum diffusivity's default.
const IntactPrediction potts_guy{potts_guy_qsar, 3.0};

// The intact-skin permeability the stratum corneum layer carries: Kp = K D / h.
double kp_of_layer_cm_per_h(const TissueTransport& t) {
  const auto& sc = t.layers[0];
  return sc.partition * sc.diffusivity_um2_per_s / sc.thickness_um * seconds_per_hour * 1e-4;
}

TEST(TissueTransport, AnAcidIsNeutralAsHendersonHasselbalchSays) {
  const Compound acid{.name = "acid", .mw_g_per_mol = 176.0, .pka_acid = 4.4};
  EXPECT_NEAR(neutral_fraction_at_ph(acid, 7.4), 1.0 / (1.0 + 1000.0), 1e-12);
  EXPECT_NEAR(neutral_fraction_at_ph(acid, 4.4), 0.5, 1e-12);  // half ionised at its pKa
  const Compound base{.name = "base", .mw_g_per_mol = 151.0, .pka_base = 10.4};
  EXPECT_NEAR(neutral_fraction_at_ph(base, 7.4), 1.0 / (1.0 + 1000.0), 1e-12);
  EXPECT_NEAR(neutral_fraction_at_ph(base, 11.4), 1.0 / (1.0 + 0.1), 1e-12);
  EXPECT_DOUBLE_EQ(neutral_fraction_at_ph({.name = "neutral", .mw_g_per_mol = 194.0}, 3.0), 1.0);
}

// Lidocaine (pKa 7.86) in a product at pH 5.9 is 1 % un-ionised, at pH 9.9 99 %: the stratum
// corneum lipids take up the un-ionised share at the product's pH (pH-partition), while the
// viable tissues below stay at 7.4 and the polar pathway carries every species alike.
TEST(TissueTransport, TheProductsPhSetsWhatEntersTheLipidsAndNothingBelow) {
  const auto skin = typical_skin("human", "abdomen");
  Compound lidocaine{.name = "lidocaine", .mw_g_per_mol = 234.34, .log_kow = 2.44, .pka_base = 7.86};
  const auto at = [&](double ph) {
    lidocaine.vehicle_ph = ph;
    return tissue_transport(lidocaine, skin, potts_guy, false);
  };
  const auto acidic = at(5.86), buffered = at(7.4), alkaline = at(9.86);
  EXPECT_NEAR(acidic.vehicle_neutral_fraction, 1.0 / 101.0, 1e-12);
  EXPECT_NEAR(alkaline.vehicle_neutral_fraction, 100.0 / 101.0, 1e-12);
  EXPECT_DOUBLE_EQ(buffered.vehicle_neutral_fraction, buffered.neutral_fraction);
  // The lipid route follows Potts-Guy at the effective log Kow = log Kow + log(f_non + (1 - f_non)
  // 10^-3): the ionised share as ion pairs, three log units down.
  const double polar = 1.519e-4 / std::sqrt(234.34);
  for (const auto* t : {&acidic, &buffered, &alkaline}) {
    const double f = t->vehicle_neutral_fraction;
    const double lipid = std::pow(10.0, log_kp_potts_guy_cm_per_h(2.44 + std::log10(f + (1.0 - f) * 1e-3), 234.34));
    EXPECT_NEAR(t->kp_stratum_corneum_cm_per_h / (lipid + polar), 1.0, 1e-12);
    EXPECT_NEAR(kp_of_layer_cm_per_h(*t) / t->kp_stratum_corneum_cm_per_h, 1.0, 1e-12);
    EXPECT_DOUBLE_EQ(t->kp_polar_cm_per_h, polar);
  }
  EXPECT_GT(alkaline.kp_stratum_corneum_cm_per_h, 10.0 * acidic.kp_stratum_corneum_cm_per_h);
  EXPECT_GT(alkaline.layers[0].partition, acidic.layers[0].partition);
  for (std::size_t i = 1; i < acidic.layers.size(); ++i) {
    EXPECT_DOUBLE_EQ(acidic.layers[i].partition, alkaline.layers[i].partition);
    EXPECT_DOUBLE_EQ(acidic.layers[i].diffusivity_um2_per_s, alkaline.layers[i].diffusivity_um2_per_s);
  }
  EXPECT_DOUBLE_EQ(acidic.channel_diffusivity_um2_per_s, alkaline.channel_diffusivity_um2_per_s);
}

// A fully ionised lipophilic acid crosses the lipids as an ion pair: its lipid route is the
// neutral species' at log Kow less ion_pair_log_drop; with no ion pairs (a drop of 8) only the
// vanishing neutral share and the polar pathway remain.
TEST(TissueTransport, AnIonisedCompoundCrossesTheLipidsAsAnIonPair) {
  const auto skin = typical_skin("human", "abdomen");  // the reference site (factor 1)
  const Compound acid{.name = "acid", .mw_g_per_mol = 296.15, .log_kow = 4.51, .pka_acid = 4.15, .vehicle_ph = 9.15};
  const double f = 1.0 / (1.0 + 1e5);  // un-ionised at pKa + 5
  const double polar = 1.519e-4 / std::sqrt(296.15);
  const auto lipid = [](double log_kow) { return std::pow(10.0, log_kp_potts_guy_cm_per_h(log_kow, 296.15)); };
  const auto paired = tissue_transport(acid, skin, potts_guy, false);
  EXPECT_NEAR(paired.kp_stratum_corneum_cm_per_h / (lipid(4.51 + std::log10(f + (1.0 - f) * 1e-3)) + polar), 1.0,
              1e-12);
  const auto unpaired = tissue_transport(acid, skin, IntactPrediction{potts_guy.qsar, 8.0}, false);
  EXPECT_NEAR(unpaired.kp_stratum_corneum_cm_per_h / (lipid(4.51 + std::log10(f + (1.0 - f) * 1e-8)) + polar), 1.0,
              1e-12);
  EXPECT_GT(paired.kp_stratum_corneum_cm_per_h, 10.0 * unpaired.kp_stratum_corneum_cm_per_h);
}

TEST(TissueTransport, TheStratumCorneumLayerCarriesThePermeabilityItWasDerivedFrom) {
  const Compound caffeine{.name = "caffeine", .mw_g_per_mol = 194.19, .log_kow = -0.07};
  const auto t = tissue_transport(caffeine, typical_skin("human", "abdomen"), potts_guy, false);
  EXPECT_NEAR(kp_of_layer_cm_per_h(t) / t.kp_stratum_corneum_cm_per_h, 1.0, 1e-12);
  // Potts-Guy for caffeine plus the polar pathway 1.519e-4 / sqrt(MW).
  const double expected = std::pow(10.0, log_kp_potts_guy_cm_per_h(-0.07, 194.19)) + 1.519e-4 / std::sqrt(194.19);
  EXPECT_NEAR(t.kp_stratum_corneum_cm_per_h / expected, 1.0, 1e-12);
}

// The stratum corneum's two routes run in parallel, each with its own capacity: the lipids hold a
// compound at the Nitsche-Kasting K_sc, the aqueous pores only in their water (K_sc at Kow -> 0,
// 0.359). The layer takes each route's capacity by its share of Kp, so a salt that crosses mostly
// by the pores no longer waits for lipids that carry little of it (its lag falls more than
// fourfold), while a neutral compound keeps the full K_sc of the route that carries it.
TEST(TissueTransport, EachRouteOfTheStratumCorneumHoldsTheCompoundItCarries) {
  const auto skin = typical_skin("human", "abdomen");
  const auto k_sc = [](double kow) { return 0.04 * std::pow(kow, 0.81) + 0.359 + 4.057 * std::pow(kow, 0.27); };
  const auto lag_h = [](const TissueTransport& t) {
    const auto& sc = t.layers[0];
    return sc.thickness_um * sc.thickness_um / (6.0 * sc.diffusivity_um2_per_s) / seconds_per_hour;
  };
  // Almotriptan at pH 7.4 (pKa 9.5): 99 % ionised, its lipid route an ion pair.
  const Compound salt{
      .name = "almotriptan", .mw_g_per_mol = 469.56, .log_kow = 1.5, .pka_base = 9.5, .h_bond_donors = 1.0};
  const auto t = tissue_transport(salt, skin, potts_guy, false);
  const double f = t.vehicle_neutral_fraction;
  const double effective_kow = std::pow(10.0, 1.5) * (f + (1.0 - f) * 1e-3);
  const double polar_share = t.kp_polar_cm_per_h / t.kp_stratum_corneum_cm_per_h;
  EXPECT_GT(polar_share, 0.8);
  EXPECT_NEAR(t.layers[0].partition, (1.0 - polar_share) * k_sc(effective_kow) + polar_share * 0.359, 1e-12);
  EXPECT_NEAR(kp_of_layer_cm_per_h(t) / t.kp_stratum_corneum_cm_per_h, 1.0, 1e-12);
  // The layer's lag h^2 / 6 D: under a day now, more than four times that with the lipids' capacity.
  const double lipid_capacity_lag_h = lag_h(t) * k_sc(effective_kow) / t.layers[0].partition;
  EXPECT_LT(lag_h(t), 24.0);
  EXPECT_GT(lipid_capacity_lag_h, 4.0 * lag_h(t));
  // A neutral lipophilic compound is carried by the lipids: its capacity is theirs.
  const Compound testosterone{.name = "testosterone", .mw_g_per_mol = 288.42, .log_kow = 3.32};
  const auto n = tissue_transport(testosterone, skin, potts_guy, false);
  EXPECT_LT(n.kp_polar_cm_per_h / n.kp_stratum_corneum_cm_per_h, 2e-3);
  EXPECT_NEAR(n.layers[0].partition / k_sc(std::pow(10.0, 3.32)), 1.0, 2e-3);
}

TEST(TissueTransport, AnIonCrossesAnimalSkinByItsPolarPathwayScaledBySpecies) {
  // A fully ionised small compound with no lipid route: only the polar pathway carries it.
  const Compound ion{.name = "ion", .mw_g_per_mol = 186.0};
  const double human =
      tissue_transport(ion, typical_skin("human", "abdomen"), potts_guy, false).kp_stratum_corneum_cm_per_h;
  const double rat = tissue_transport(ion, typical_skin("rat", "back"), potts_guy, false).kp_stratum_corneum_cm_per_h;
  EXPECT_NEAR(human, 1.519e-4 / std::sqrt(186.0), 1e-15);
  EXPECT_NEAR(rat / human, 40.0, 1e-9);  // data/skin/layer_properties.csv, rat polar_pathway_factor
}

// The face passes 1.81 times what the abdomen does, by both routes, and the arm 0.62 times
// (data/skin/site_properties.csv); a measured Kp is the user's own site and is not scaled.
TEST(TissueTransport, EachSitePassesByItsPermeabilityFactor) {
  const Compound lidocaine{.name = "lidocaine", .mw_g_per_mol = 234.34, .log_kow = 2.44, .pka_base = 7.86};
  const auto kp = [&](const Compound& c, const std::string& site) {
    return tissue_transport(c, typical_skin("human", site), potts_guy, false).kp_stratum_corneum_cm_per_h;
  };
  EXPECT_NEAR(kp(lidocaine, "forehead") / kp(lidocaine, "abdomen"), 27.65 / 15.26, 0.005);
  EXPECT_NEAR(kp(lidocaine, "forearm") / kp(lidocaine, "abdomen"), 9.41 / 15.26, 0.005);
  const Compound ion{.name = "ion", .mw_g_per_mol = 186.0};
  EXPECT_NEAR(kp(ion, "cheek") / kp(ion, "abdomen"), 27.65 / 15.26, 0.005);
  Compound measured = lidocaine;
  measured.intact_kp_cm_per_h = 2e-3;
  EXPECT_DOUBLE_EQ(kp(measured, "forehead"), 2e-3);
}

TEST(TissueTransport, AMeasuredPermeabilityReplacesBothPathwaysAndLeavesTheViableLayersAlone) {
  Compound measured{.name = "amantadine", .mw_g_per_mol = 151.25, .log_kow = 2.44, .pka_base = 10.1};
  const auto skin = typical_skin("pig", "back");
  const auto predicted = tissue_transport(measured, skin, potts_guy, false);
  measured.intact_kp_cm_per_h = 2.2e-3;
  const auto t = tissue_transport(measured, skin, potts_guy, false);
  EXPECT_DOUBLE_EQ(t.kp_stratum_corneum_cm_per_h, 2.2e-3);
  EXPECT_NEAR(kp_of_layer_cm_per_h(t) / 2.2e-3, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(t.layers[0].partition, predicted.layers[0].partition);
  for (std::size_t i = 1; i < t.layers.size(); ++i) {
    EXPECT_DOUBLE_EQ(t.layers[i].diffusivity_um2_per_s, predicted.layers[i].diffusivity_um2_per_s);
    EXPECT_DOUBLE_EQ(t.layers[i].partition, predicted.layers[i].partition);
  }
}

}  // namespace
}  // namespace mnsim::transport
