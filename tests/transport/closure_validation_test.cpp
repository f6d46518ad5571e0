// Validation of the channel-closure law (transport/channel_closure.hpp) against the published
// closure time courses in data/validation/channel_closure.csv (a citation on every row).
//
// Which rows are compared, and how:
// - Only rows checked against a source (tag V), of human or rat skin, with a readout the law
//   represents: impedance or TEWL back to baseline (open fraction 0.164), calcein no longer
//   entering (0.01), or a fitted half-life. Proxies (plasma drug levels, OCT, cryo-SEM, delivery of
//   another drug), swelling hydrogel needles and rows of mixed skin types are left out: the test
//   counts what it used and asserts the count.
// - "closed_by_h": every site closed by then, so the model must close by then (+25 %).
//   "recovery_time_h" and "half_life_h": the model within 25 % of the mean.
// - Occlusion: rows that say "no" are open to air. The impedance studies of several days do not
//   state it in their abstracts; closure over days is only seen under occlusion (open human skin
//   reseals within 2 h, Gupta et al. 2011, the first row), so they are compared with the occluded law.
// - Skin types of the self-identified groups: White II, Latino IV, Black VI. Not compared, and a
//   known limit of the law (monotone in skin type, its step fitted to White vs Black): the Asian
//   group closed fastest of all (44.1 h vs 50.2 h White), and the bi-/multi-racial group has no
//   single type.
// - Rat roller channels: the residual channel depth of the 770 um roller is measured (152.5 um,
//   channel_geometry.csv); the 370 um roller has none and is left out.
// - Rat TEWL back to baseline (4-5 h after the 770 um roller) is compared end to end by
//   `mnsim validation` (calibration row tr_closure_kalluri_770_tewl), through the response's TEWL
//   model, which adds evaporation from the channels' edges to the open fraction: the closure
//   factor of rat skin is fitted there, and the law alone (open fraction 0.164) would read 8.6 h.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/csv_table.hpp"
#include "test_support.hpp"
#include "transport/channel_closure.hpp"

namespace mnsim {
namespace {

struct Row {
  std::map<std::string, std::string> field;
  std::size_t line = 0;
  [[nodiscard]] const std::string& at(const char* key) const { return field.at(key); }
};

std::vector<Row> closure_rows() {
  constexpr std::array<const char*, 13> columns{
      "species", "site",  "device", "needle_length_um", "occluded", "readout", "measure",
      "value_h", "low_h", "high_h", "source",           "tag",      "role"};
  std::vector<Row> rows;
  read_csv_table<13>(test::data_dir() / "validation" / "channel_closure.csv", columns,
                     [&](const auto& f, const CsvRowContext& where) {
                       Row row{.line = where.line};
                       for (std::size_t i = 0; i < columns.size(); ++i) row.field[columns[i]] = f[i];
                       rows.push_back(std::move(row));
                     });
  return rows;
}

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

TEST(ClosureValidation, PublishedClosureTimesAreReproduced) {
  Registry registry;
  transport::declare_closure_parameters(registry);
  ParameterSet p;
  p.complete(registry, "test");
  const auto parameters = transport::closure_parameters_from(p);
  const std::map<std::string, int> skin_type{{"White", 2}, {"Latino", 4}, {"Black", 6}};

  int used = 0;
  for (const auto& row : closure_rows()) {
    const std::string where = "channel_closure.csv line " + std::to_string(row.line);
    const auto& readout = row.at("readout");
    const auto& species = row.at("species");
    EXPECT_TRUE(row.at("role") == "calibration" || row.at("role") == "validation") << where;
    if (row.at("tag") != "V" || (species != "human" && species != "rat")) continue;
    if (row.at("device").find("hydrogel") != std::string::npos) continue;
    double fraction = 0.0;
    const bool half_life = row.at("measure") == "half_life_h";
    if (starts_with(readout, "impedance") || starts_with(readout, "TEWL"))
      fraction = transport::impedance_closed_fraction;
    if (starts_with(readout, "calcein_imaging")) fraction = transport::dye_closed_fraction;
    if (readout.find(" and ") != std::string::npos || (fraction == 0.0 && !half_life)) continue;

    transport::ClosureConditions c{.species = species, .age_y = 30.0, .fitzpatrick = 2};
    if (const auto open = readout.find("self-identified "); open != std::string::npos) {
      const auto group = readout.substr(open + 16, readout.find(',', open) - open - 16);
      if (skin_type.count(group) == 0) continue;
      c.fitzpatrick = skin_type.at(group);
    }
    if (species == "rat") {
      if (row.at("needle_length_um") != "770" || starts_with(readout, "TEWL")) continue;
      c.channel_depth_um = 152.5;
    }
    c.occlusion_h = row.at("occluded") == "no" ? 0.0 : 1e6;
    const transport::ClosureLaw law(parameters, c);
    const double model = half_life ? law.initial_half_life_h() : law.time_to_fraction_h(fraction);

    const auto& measure = row.at("measure");
    if (!row.at("value_h").empty()) {
      const double value = std::stod(row.at("value_h"));
      if (measure == "closed_by_h") {
        EXPECT_LE(model, 1.25 * value) << where;
      } else {
        EXPECT_NEAR(model / value, 1.0, 0.25) << where << ": model " << model << " h";
      }
    } else {
      EXPECT_GE(model, 0.75 * std::stod(row.at("low_h"))) << where << ": model " << model << " h";
      EXPECT_LE(model, 1.25 * std::stod(row.at("high_h"))) << where << ": model " << model << " h";
    }
    ++used;
  }
  EXPECT_GE(used, 11);
}

}  // namespace
}  // namespace mnsim
