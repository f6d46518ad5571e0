// The anatomy atlas: shipped tables load, stacks are complete, trends point the right way,
// and sampled people reproduce the population statistics.
#include "skin/atlas.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "test_support.hpp"

namespace mnsim::skin {
namespace {

const Atlas& atlas() {
  static const Atlas loaded = Atlas::load(test::data_dir());
  return loaded;
}

SkinQuery human(const std::string& site, const std::string& sex, double age) {
  SkinQuery q;
  q.site = site;
  q.sex = sex;
  q.age_y = age;
  return q;
}

TEST(Atlas, HasEveryRequiredHumanSiteForBothSexesAndThePigAndRatSkinsOfTheLiterature) {
  for (const std::string site :
       {"forehead", "cheek", "perioral", "nose", "periorbital", "neck", "forearm", "back", "abdomen", "thigh"}) {
    for (const std::string sex : {"female", "male"}) {
      const auto model = atlas().typical(human(site, sex, 35));
      for (const auto& layer : model.layers()) {
        EXPECT_GT(layer.thickness_um, 0.0) << site << " " << sex << " " << layer_name(layer.id);
        EXPECT_FALSE(layer.source.empty()) << site << " " << layer_name(layer.id);
      }
    }
  }
  for (const auto& [species, site] : {std::pair{"pig", "back"}, std::pair{"pig", "ear"}, std::pair{"rat", "back"}}) {
    SkinQuery q;
    q.species = species;
    q.site = site;
    q.sex = "any";
    EXPECT_GT(atlas().typical(q).dermis_um(), 0.0) << species << " " << site;
  }
}

TEST(Atlas, LayersStackFromTheSurfaceDown) {
  const auto model = atlas().typical(human("cheek", "female", 45));
  double expected_top = 0.0;
  for (const auto& layer : model.layers()) {
    EXPECT_DOUBLE_EQ(layer.top_um, expected_top);
    expected_top += layer.thickness_um;
  }
  EXPECT_DOUBLE_EQ(model.total_um(), expected_top);
  EXPECT_EQ(model.layer_at(1.0), LayerId::stratum_corneum);
  EXPECT_EQ(model.layer_at(model.epidermis_um() + 1.0), LayerId::papillary_dermis);
  EXPECT_EQ(model.layer_at(model.total_um() + 1000.0), LayerId::hypodermis);
}

TEST(Atlas, FacialDermisIsThickerInMen) {
  // Meng et al. 2022, BMC Med Imaging 22:113, Table 2: men thicker at most facial sites.
  for (const std::string site : {"forehead", "cheek"}) {
    EXPECT_GT(atlas().typical(human(site, "male", 35)).dermis_um(),
              atlas().typical(human(site, "female", 35)).dermis_um())
        << site;
  }
}

TEST(Atlas, SkinThinsWithAgeInWomen) {
  for (const std::string site : {"forehead", "forearm"}) {
    const auto young = atlas().typical(human(site, "female", 30));
    const auto old = atlas().typical(human(site, "female", 75));
    EXPECT_LT(old.dermis_um(), young.dermis_um()) << site;
    EXPECT_LE(old.layer(LayerId::viable_epidermis).thickness_um, young.layer(LayerId::viable_epidermis).thickness_um)
        << site;
  }
}

TEST(Atlas, PercentilesBracketTheMean) {
  const auto model = atlas().typical(human("forehead", "male", 50));
  for (const auto& layer : model.layers()) {
    EXPECT_LT(layer.thickness_p5_um, layer.thickness_um) << layer_name(layer.id);
    EXPECT_GT(layer.thickness_p95_um, layer.thickness_um) << layer_name(layer.id);
  }
}

TEST(Atlas, VesselsLieWhereAnatomySaysInsideTheDermis) {
  const auto model = atlas().typical(human("cheek", "female", 40));
  const auto& v = model.vascular();
  EXPECT_GT(v.capillary_loop_apex_depth_um, model.layer(LayerId::stratum_corneum).thickness_um);
  EXPECT_GE(v.superficial_plexus_depth_um, v.capillary_loop_apex_depth_um);
  EXPECT_LE(v.superficial_plexus_depth_um, v.deep_plexus_depth_um);
  EXPECT_DOUBLE_EQ(v.deep_plexus_depth_um, model.layer(LayerId::reticular_dermis).bottom_um());
  EXPECT_GT(v.capillary_loop_density_per_mm2, 0.0);
  EXPECT_FALSE(v.sources.empty());
}

TEST(Atlas, EveryHumanLayerCarriesCitedMechanicalProperties) {
  const auto model = atlas().typical(human("cheek", "female", 40));
  for (const auto& layer : model.layers()) {
    const auto it = layer.properties->find("youngs_modulus_kPa");
    ASSERT_NE(it, layer.properties->end()) << layer_name(layer.id);
    EXPECT_GT(it->second.value, 0.0);
    EXPECT_LE(it->second.low, it->second.value);
    EXPECT_GE(it->second.high, it->second.value);
    EXPECT_FALSE(it->second.source.empty());
  }
}

// The face passes more than the abdomen, the reference of the in vitro permeability data, and
// the arm less (benzoic acid in man, J Soc Cosmet Chem 1986;37(5) Table I: data/skin/site_properties.csv);
// a site without a row, and the animals, keep 1 (no factor).
TEST(Atlas, TheStratumCorneumCarriesItsSitesPermeabilityFactor) {
  const auto factor = [](const SkinModel& model) {
    const auto& sc = *model.layer(LayerId::stratum_corneum).properties;
    const auto it = sc.find("permeability_factor");
    return it == sc.end() ? 1.0 : it->second.value;
  };
  EXPECT_DOUBLE_EQ(factor(atlas().typical(human("abdomen", "female", 40))), 1.0);
  EXPECT_NEAR(factor(atlas().typical(human("forehead", "male", 40))), 27.65 / 15.26, 0.005);
  EXPECT_NEAR(factor(atlas().typical(human("cheek", "female", 40))), 27.65 / 15.26, 0.005);
  EXPECT_NEAR(factor(atlas().typical(human("forearm", "female", 40))), 9.41 / 15.26, 0.005);
  EXPECT_DOUBLE_EQ(factor(atlas().typical(human("neck", "female", 40))), 1.0);
  SkinQuery pig;
  pig.species = "pig";
  pig.site = "ear";
  pig.sex = "any";
  EXPECT_DOUBLE_EQ(factor(atlas().typical(pig)), 1.0);
}

TEST(Atlas, MeasuredOverridesReplaceTableValuesAndCarryNoSpread) {
  auto q = human("cheek", "female", 40);
  q.thickness_override_um[LayerId::reticular_dermis] = 1234.0;
  const auto model = atlas().typical(q);
  EXPECT_DOUBLE_EQ(model.layer(LayerId::reticular_dermis).thickness_um, 1234.0);
  EXPECT_DOUBLE_EQ(model.layer(LayerId::reticular_dermis).thickness_sd_um, 0.0);
  Rng rng = make_stream(1, 0);
  EXPECT_DOUBLE_EQ(atlas().sample(q, rng).layer(LayerId::reticular_dermis).thickness_um, 1234.0);
}

TEST(Atlas, UnknownSitesAndSpeciesAreInputErrorsThatListTheChoices) {
  try {
    (void)atlas().typical(human("ear", "female", 40));
    FAIL() << "human ear accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cheek"), std::string::npos) << e.what();
  }
  SkinQuery q;
  q.species = "horse";
  EXPECT_THROW((void)atlas().typical(q), InputError);
}

TEST(Atlas, SampledPeopleAreReproducibleAndMatchThePopulationMeanAndSpread) {
  const auto q = human("forehead", "female", 40);
  const auto typical = atlas().typical(q);
  Rng a = make_stream(7, 3);
  Rng b = make_stream(7, 3);
  EXPECT_DOUBLE_EQ(atlas().sample(q, a).dermis_um(), atlas().sample(q, b).dermis_um());

  constexpr int n = 20000;
  const auto& target = typical.layer(LayerId::reticular_dermis);
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    Rng rng = make_stream(11, static_cast<std::uint64_t>(i));
    const double t = atlas().sample(q, rng).layer(LayerId::reticular_dermis).thickness_um;
    sum += t;
    sum_sq += t * t;
  }
  const double mean = sum / n;
  const double sd = std::sqrt(sum_sq / n - mean * mean);
  // Standard error of the mean is sd/sqrt(n) < 1 % of sd; 4 standard errors is a safe bound.
  EXPECT_NEAR(mean, target.thickness_um, 4.0 * target.thickness_sd_um / std::sqrt(n));
  EXPECT_NEAR(sd, target.thickness_sd_um, 0.05 * target.thickness_sd_um);
}

TEST(Atlas, MalformedTablesAreDataErrorsNamingFileAndLine) {
  const auto dir = test::scratch_dir("atlas-malformed");
  std::filesystem::create_directories(dir / "skin");
  for (const auto* name :
       {"sites.csv", "layers.csv", "age_trends.csv", "vascular.csv", "layer_properties.csv", "site_properties.csv"}) {
    std::filesystem::copy_file(test::data_dir() / "skin" / name, dir / "skin" / name);
  }
  {
    std::ofstream out(dir / "skin" / "layers.csv", std::ios::app);
    out << "human,cheek,female,stratum_corneum,not-a-number,2,30,test,D\n";
  }
  try {
    (void)Atlas::load(dir);
    FAIL() << "malformed table accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("layers.csv"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("thickness_um"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mnsim::skin
