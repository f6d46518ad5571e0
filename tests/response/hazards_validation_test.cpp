// Validation of the scar, pigmentation and infection hazards against published thresholds and
// incidences (data/validation/scar_thresholds.csv, adverse_events.csv, pih_by_fitzpatrick.csv; a
// citation and a role on every row). Hazards run through the response engine on the simulated course.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/csv_table.hpp"
#include "response/hazard_support.hpp"

namespace mnsim {
namespace {

template <std::size_t N>
std::vector<std::map<std::string, std::string>> rows_of(const std::string& file,
                                                        const std::array<const char*, N>& columns) {
  std::vector<std::map<std::string, std::string>> rows;
  read_csv_table<N>(test::data_dir() / "validation" / file, columns, [&](const auto& f, const CsvRowContext& where) {
    std::map<std::string, std::string> row{{"line", std::to_string(where.line)}};
    for (std::size_t i = 0; i < N; ++i) row[columns[i]] = f[i];
    // The role of the row's comparison in data/validation/comparisons/ or trials/ (README there).
    EXPECT_TRUE(row["role"] == "calibration" || row["role"] == "validation") << file << " line " << where.line;
    rows.push_back(std::move(row));
  });
  return rows;
}

class HazardValidation : public ::testing::Test {
 protected:
  test::HazardWorld world;

  // A default adult of a given type on the cheek, as examples/default.toml but over 2 cm2.
  ParameterSet person(int type, std::vector<std::string> more = {}) {
    more.push_back("protocol.area_cm2=2");
    more.push_back("patient.fitzpatrick=" + std::to_string(type));
    return world.parameters("default.toml", more);
  }
  response::Hazards of(const std::string& procedure, const ParameterSet& p) {
    return procedure == "microneedling" ? world.microneedling(p) : world.comparator(p, world.catalog.get(procedure));
  }
};

// Graduated scratch (Dunkin 2007): the scar must begin where the scratch passes the reported depth.
// Tolerance: the reported +/- 0.03 mm widened to +/- 0.05 mm for the hip -> thigh site substitution.
TEST_F(HazardValidation, GraduatedScratchScarsFromTheReportedDepth) {
  const auto p = world.parameters("", {"site.name=thigh", "protocol.area_cm2=2"});
  auto scratch = world.catalog.get("scratch");
  auto scar_at = [&](double depth_mm) {
    scratch.depth_um = 1000.0 * depth_mm;
    return world.comparator(p, scratch).scar.probability;
  };
  int checked = 0;
  for (const auto& row :
       rows_of<11>("scar_thresholds.csv", {"study", "species", "site", "wound", "diameter_um", "threshold_depth_mm",
                                           "threshold_sd_mm", "expected", "source", "tag", "role"})) {
    if (row.at("study") != "dunkin2007") continue;
    const double depth = std::stod(row.at("threshold_depth_mm"));
    if (row.at("expected") == "no_scar") {
      EXPECT_LT(scar_at(depth), 0.01) << "scar_thresholds.csv line " << row.at("line");
    } else {
      // Onset: the depth at which the scar probability passes one half along the scratch.
      double onset = 0.0;
      for (double d = 0.05; d <= 1.5; d += 0.001) {
        if (scar_at(d) >= 0.5) {
          onset = d;
          break;
        }
      }
      EXPECT_NEAR(onset, depth, 0.05) << "scar_thresholds.csv line " << row.at("line");
    }
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

// Full-thickness columns (Champlain 2022): minimal scarring below 400-500 um, rising above, likely
// from 800 um. Classes: minimal < 2 %; rising: above the 400 um value and below 50 %; likely > 50 %.
TEST_F(HazardValidation, MicroColumnsBelowHalfAMillimetreHealWithoutScar) {
  const auto p = world.parameters("", {"site.name=forearm", "protocol.area_cm2=2"});
  const auto skin = world.session.atlas().typical(skin::query_from(p));
  const auto hp = response::hazard_parameters_from(p);
  auto column = [&](double diameter_um) {
    response::WoundGeometry w;
    w.procedure = "column";
    w.wound_width_um = diameter_um;
    w.depth_um = skin.epidermis_um() + skin.dermis_um();
    w.skin_thickness_um = w.depth_um;
    return response::geometric_scar_probability(w, hp);
  };
  int checked = 0;
  for (const auto& row :
       rows_of<11>("scar_thresholds.csv", {"study", "species", "site", "wound", "diameter_um", "threshold_depth_mm",
                                           "threshold_sd_mm", "expected", "source", "tag", "role"})) {
    if (row.at("study") != "champlain2022") continue;
    const double model = column(std::stod(row.at("diameter_um")));
    const auto& expected = row.at("expected");
    const std::string where = "scar_thresholds.csv line " + row.at("line");
    if (expected == "minimal") {
      EXPECT_LT(model, 0.02) << where;
    } else if (expected == "rising") {
      EXPECT_GT(model, column(400)) << where;
      EXPECT_LT(model, 0.5) << where;
    } else {
      EXPECT_GT(model, 0.5) << where;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 7);
}

// Scar and infection incidences per procedure: the model, over the row's skin types, must lie
// within the reported range widened by a factor 2 (small series, mixed settings).
TEST_F(HazardValidation, ScarAndInfectionRatesFallInTheReportedRanges) {
  int checked = 0;
  for (const auto& row :
       rows_of<10>("adverse_events.csv", {"procedure", "outcome", "fitzpatrick_low", "fitzpatrick_high",
                                          "reported_low_pct", "reported_high_pct", "n", "source", "tag", "role"})) {
    const double high = 2.0 * std::stod(row.at("reported_high_pct")) / 100.0;
    const double low = 0.5 * std::stod(row.at("reported_low_pct")) / 100.0;
    for (const auto* end : {"fitzpatrick_low", "fitzpatrick_high"}) {
      const auto h = of(row.at("procedure"), person(std::stoi(row.at(end))));
      const double model = row.at("outcome") == "scar" ? h.scar.probability : h.infection.probability;
      EXPECT_LE(model, high) << "adverse_events.csv line " << row.at("line");
      EXPECT_GE(model, low) << "adverse_events.csv line " << row.at("line");
    }
    ++checked;
  }
  EXPECT_EQ(checked, 5);
}

// PIH by skin type: the model's range over the row's types must overlap the reported range widened
// by a factor 2.
TEST_F(HazardValidation, PigmentationMatchesReportedRatesBySkinType) {
  int checked = 0;
  for (const auto& row :
       rows_of<10>("pih_by_fitzpatrick.csv", {"procedure", "fitzpatrick_low", "fitzpatrick_high", "reported_low_pct",
                                              "reported_high_pct", "n", "compared", "source", "tag", "role"})) {
    if (row.at("compared") != "1") continue;
    const double at_low = of(row.at("procedure"), person(std::stoi(row.at("fitzpatrick_low")))).pih.probability;
    const double at_high = of(row.at("procedure"), person(std::stoi(row.at("fitzpatrick_high")))).pih.probability;
    EXPECT_LE(at_low, at_high);
    EXPECT_GE(at_high, 0.5 * std::stod(row.at("reported_low_pct")) / 100.0)
        << "pih_by_fitzpatrick.csv line " << row.at("line");
    EXPECT_LE(at_low, 2.0 * std::stod(row.at("reported_high_pct")) / 100.0)
        << "pih_by_fitzpatrick.csv line " << row.at("line");
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

// Ordering of the published profiles, one session of each on the same person: microneedling <
// non-ablative fractional < ablative fractional < fully ablative for pigmentation; scar far below
// dermabrasion and full ablation; darker types always more PIH; side effects of microneedling
// mild and temporary.
TEST_F(HazardValidation, MicroneedlingIsTheMildestProcedureOnTheSamePerson) {
  for (const int type : {2, 4}) {
    const auto p = person(type, {"protocol.sessions=1"});
    const auto mn = of("microneedling", p);
    const auto nafl = of("nafl-1550", p);
    const auto afl = of("fractional-co2", p);
    const auto full = of("ablative-co2", p);
    const auto abrasion = of("dermabrasion", p);
    EXPECT_LT(mn.pih.probability, nafl.pih.probability) << "type " << type;
    EXPECT_LT(nafl.pih.probability, afl.pih.probability) << "type " << type;
    EXPECT_LT(afl.pih.probability, full.pih.probability) << "type " << type;
    EXPECT_LT(afl.infection.probability, full.infection.probability) << "type " << type;
    EXPECT_LT(mn.scar.probability, 0.01) << "type " << type;
    EXPECT_LT(mn.scar.probability, 0.1 * abrasion.scar.probability) << "type " << type;
    EXPECT_LT(mn.scar.probability, 0.1 * full.scar.probability) << "type " << type;
    EXPECT_GT(mn.pih.duration_h, 0.0);
  }
  // Mild and temporary over the default four sessions: redness and swelling within the week of
  // Chu et al. 2021, no fibrosis.
  const auto p = person(2);
  const auto result = app::simulate_injury(p, world.session);
  const auto course =
      response::respond(response::microneedling_treatment(result.injury, result.skin, p), p, 0, 1, false)
          .course.metrics;
  EXPECT_LT(course.erythema_duration_h, 7 * 24.0);
  EXPECT_LT(course.oedema_duration_h, 7 * 24.0);
  EXPECT_FALSE(course.fibrosis);
}

TEST_F(HazardValidation, ActiveAcneAndOpenWoundsRaiseInfectionAfterMicroneedling) {
  const double base = of("microneedling", person(2)).infection.probability;
  EXPECT_GT(of("microneedling", person(2, {"patient.conditions=[\"active_acne\"]"})).infection.probability, base);
  EXPECT_GT(of("microneedling", person(2, {"patient.conditions=[\"open_wound\"]"})).infection.probability, base);
}

}  // namespace
}  // namespace mnsim
