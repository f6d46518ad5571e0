// Validation of the skin stacks against published thickness measurements.
// Each row of data/validation/skin_thickness.csv is a measurement with its citation; the
// model's population mean for that site, sex and age must lie within one measured SD of
// the measured mean (or 15 %, when the measured SD is smaller than that).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/csv_table.hpp"
#include "skin/atlas.hpp"
#include "test_support.hpp"

namespace mnsim::skin {
namespace {

struct Measurement {
  std::string species, site, sex, quantity, source;
  double age_min_y = 0, age_max_y = 0, mean_um = 0, sd_um = 0;
  unsigned line = 0;
};

std::vector<Measurement> measurements() {
  std::vector<Measurement> rows;
  read_csv_table<13>(test::data_dir() / "validation" / "skin_thickness.csv",
                     {"species", "site", "sex", "age_min_y", "age_max_y", "quantity", "mean_um", "sd_um", "n", "method",
                      "source", "tag", "role"},
                     [&](const auto& f, const CsvRowContext& where) {
                       Measurement m;
                       m.species = f[0];
                       m.site = f[1];
                       m.sex = f[2];
                       m.age_min_y = f[3].empty() ? 0 : csv_number(f[3], where, "age_min_y");
                       m.age_max_y = f[4].empty() ? 0 : csv_number(f[4], where, "age_max_y");
                       m.quantity = f[5];
                       m.mean_um = csv_number(f[6], where, "mean_um");
                       m.sd_um = f[7].empty() ? 0 : csv_number(f[7], where, "sd_um");
                       m.source = f[10];
                       m.line = where.line;
                       rows.push_back(m);
                     });
  return rows;
}

double predicted(const SkinModel& m, const std::string& quantity) {
  if (quantity == "stratum_corneum_um") return m.layer(LayerId::stratum_corneum).thickness_um;
  if (quantity == "viable_epidermis_um") return m.layer(LayerId::viable_epidermis).thickness_um;
  if (quantity == "epidermis_um") return m.epidermis_um();
  if (quantity == "dermis_um") return m.dermis_um();
  if (quantity == "total_um") return m.epidermis_um() + m.dermis_um();
  throw std::invalid_argument("unknown quantity " + quantity);
}

double model_value(const Atlas& atlas, const Measurement& row) {
  SkinQuery q;
  q.species = row.species;
  q.site = row.site;
  q.age_y = row.age_max_y > 0 ? 0.5 * (row.age_min_y + row.age_max_y) : 35.0;
  if (row.species != "human") {
    q.sex = "any";
    return predicted(atlas.typical(q), row.quantity);
  }
  if (row.sex != "any") {
    q.sex = row.sex;
    return predicted(atlas.typical(q), row.quantity);
  }
  // Mixed-sex cohorts: the mean of the two sexes.
  q.sex = "female";
  const double female = predicted(atlas.typical(q), row.quantity);
  q.sex = "male";
  return 0.5 * (female + predicted(atlas.typical(q), row.quantity));
}

TEST(SkinValidation, ModelMatchesEveryPublishedThicknessWithinItsSpread) {
  const auto atlas = Atlas::load(test::data_dir());
  const auto rows = measurements();
  ASSERT_GE(rows.size(), 20U);
  for (const auto& row : rows) {
    const double model = model_value(atlas, row);
    const double tolerance = std::max(row.sd_um, 0.15 * row.mean_um);
    EXPECT_NEAR(model, row.mean_um, tolerance)
        << "skin_thickness.csv line " << row.line << ": " << row.species << " " << row.site << " " << row.sex << " "
        << row.quantity << " (" << row.source << ")";
  }
}

// Perioral and neck stacks are derived from other sites (data/skin/README.md): no independent
// measurement was found for them yet, so they are not in this list.
TEST(SkinValidation, CoversTheFaceSitesWithPublishedMeasurements) {
  std::set<std::pair<std::string, std::string>> covered;
  for (const auto& row : measurements()) covered.insert({row.site, row.sex});
  for (const std::string site : {"forehead", "cheek", "nose", "periorbital"}) {
    for (const std::string sex : {"female", "male"}) {
      EXPECT_TRUE(covered.contains({site, sex}) || covered.contains({site, "any"})) << site << " " << sex;
    }
  }
}

TEST(SkinValidation, EveryRowCitesItsSource) {
  for (const auto& row : measurements()) EXPECT_GT(row.source.size(), 10U) << "line " << row.line;
}

}  // namespace
}  // namespace mnsim::skin
