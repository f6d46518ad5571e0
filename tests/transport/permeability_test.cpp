// Intact-skin permeability QSARs against the implementation oracle of shared research
// transport.md R3 (model outputs computed independently from the published equations), the
// derived viable-tissue diffusivities of transport.md 1.3, and the unit forms of Potts-Guy.
#include "transport/permeability.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "app/session.hpp"
#include "io/scenario_reader.hpp"
#include "test_support.hpp"

namespace mnsim::transport {
namespace {

// A value as printed in the oracle table ("1.05e-04", "-3.98", "0.047"): the comparison
// tolerance is half a unit in its last printed digit, i.e. "reproduced to the printed digits"
// (under 0.5 % for the three-digit Kp values, 0.005 for log Kp).
struct Printed {
  std::string text;

  [[nodiscard]] double value() const { return std::stod(text); }
  [[nodiscard]] double tolerance() const {
    const auto e = text.find_first_of("eE");
    const std::string mantissa = text.substr(0, e);
    const int exponent = e == std::string::npos ? 0 : std::stoi(text.substr(e + 1));
    const auto point = mantissa.find('.');
    const int decimals = point == std::string::npos ? 0 : static_cast<int>(mantissa.size() - point - 1);
    // The factor keeps a value that sits exactly half a unit away from failing on rounding.
    return 0.5 * std::pow(10.0, exponent - decimals) * (1.0 + 1e-9);
  }
};

void expect_printed(double computed, const Printed& printed, const std::string& what) {
  EXPECT_NEAR(computed, printed.value(), printed.tolerance()) << what << " printed " << printed.text;
}

struct OracleRow {
  std::string compound;
  double mw_g_per_mol;
  double log_kow;
  Printed log_kp_potts_guy;
  Printed kp_potts_guy;
  Printed kp_epa_2004;
  Printed b;
  Printed kp_with_viable_epidermis;
};

// transport.md section 7, R3, with the table's own MW and log Kow inputs.
const std::vector<OracleRow>& r3_table() {
  static const std::vector<OracleRow> rows = {
      {"caffeine", 194.19, -0.07, {"-3.98"}, {"1.05e-04"}, {"1.17e-04"}, {"0.001"}, {"1.05e-04"}},
      {"niacinamide", 122.12, -0.37, {"-3.75"}, {"1.77e-04"}, {"1.87e-04"}, {"0.001"}, {"1.77e-04"}},
      {"L-ascorbic acid", 176.12, -1.85, {"-5.13"}, {"7.39e-06"}, {"9.83e-06"}, {"0.000"}, {"7.39e-06"}},
      {"tranexamic acid", 157.21, -2.0, {"-5.12"}, {"7.54e-06"}, {"9.99e-06"}, {"0.000"}, {"7.54e-06"}},
      {"lidocaine", 234.34, 2.44, {"-2.44"}, {"3.62e-03"}, {"3.15e-03"}, {"0.021"}, {"3.55e-03"}},
      {"naltrexone (base)", 341.41, 1.92, {"-3.46"}, {"3.44e-04"}, {"3.59e-04"}, {"0.002"}, {"3.43e-04"}},
      {"naloxone (base)", 327.37, 2.09, {"-3.26"}, {"5.54e-04"}, {"5.57e-04"}, {"0.004"}, {"5.52e-04"}},
      {"nicotine", 162.23, 1.17, {"-2.90"}, {"1.25e-03"}, {"1.16e-03"}, {"0.006"}, {"1.24e-03"}},
      {"testosterone", 288.42, 3.32, {"-2.15"}, {"7.15e-03"}, {"5.97e-03"}, {"0.047"}, {"6.83e-03"}},
      {"carbamazepine", 236.27, 2.45, {"-2.45"}, {"3.59e-03"}, {"3.12e-03"}, {"0.021"}, {"3.51e-03"}},
      {"calcein", 622.53, -3.5, {"-9.03"}, {"9.4e-10"}, {"2.5e-09"}, {"0"}, {"9.4e-10"}},
  };
  return rows;
}

TEST(IntactPermeability, ReproducesTheQsarOracleTableToItsPrintedDigits) {
  for (const auto& row : r3_table()) {
    const double mw = row.mw_g_per_mol;
    const double kp_pg = kp_stratum_corneum_cm_per_h(IntactModel::potts_guy, row.log_kow, mw);
    expect_printed(log_kp_potts_guy_cm_per_h(row.log_kow, mw), row.log_kp_potts_guy, row.compound + " log Kp PG");
    expect_printed(kp_pg, row.kp_potts_guy, row.compound + " Kp PG");
    expect_printed(kp_stratum_corneum_cm_per_h(IntactModel::epa_2004, row.log_kow, mw), row.kp_epa_2004,
                   row.compound + " Kp EPA 2004");
    expect_printed(bunge_cleek_b(kp_pg, mw), row.b, row.compound + " B");
    expect_printed(kp_with_viable_epidermis_cm_per_h(kp_pg, mw), row.kp_with_viable_epidermis,
                   row.compound + " Kp PG/(1+B)");
  }
}

TEST(IntactPermeability, ThePrintedToleranceIsHalfAUnitInTheLastDigit) {
  for (const auto& [text, half_unit] : {std::pair{"1.05e-04", 0.005e-4}, std::pair{"-3.98", 0.005},
                                        std::pair{"0.047", 0.0005}, std::pair{"9.4e-10", 0.05e-10}}) {
    EXPECT_NEAR(Printed{text}.tolerance() / half_unit, 1.0, 1e-6) << text;
  }
}

TEST(IntactPermeability, PottsGuyPerSecondAndPerHourFormsDifferByLog10Of3600) {
  // -6.3 (cm/s, as published) and -2.7437 (cm/h, as coded in the CDC calculator): the cm/h
  // intercept is -6.3 + log10(3600) rounded to four decimals.
  EXPECT_NEAR(potts_guy_intercept_cm_per_h - potts_guy_intercept_cm_per_s, std::log10(seconds_per_hour), 5e-5);
  for (const auto& row : r3_table()) {
    const double per_second =
        std::pow(10.0, potts_guy_intercept_cm_per_s + 0.71 * row.log_kow - 0.0061 * row.mw_g_per_mol);
    const double per_hour = kp_stratum_corneum_cm_per_h(IntactModel::potts_guy, row.log_kow, row.mw_g_per_mol);
    EXPECT_NEAR(per_hour / seconds_per_hour / per_second, 1.0, 2e-4) << row.compound;
  }
}

TEST(IntactPermeability, ViableEpidermisOnlyLimitsLipophilicSmallMolecules) {
  // B = 1 exactly when Kp,sc equals the viable epidermis permeability; the series Kp is then half.
  const double mw = 200.0;
  const double kp_ve = kp_viable_epidermis_cm_per_h(mw);
  EXPECT_DOUBLE_EQ(kp_ve, 2.6 / std::sqrt(200.0));
  EXPECT_DOUBLE_EQ(bunge_cleek_b(kp_ve, mw), 1.0);
  EXPECT_DOUBLE_EQ(kp_with_viable_epidermis_cm_per_h(kp_ve, mw), kp_ve / 2.0);
  // A series resistance can only lower the permeability, and never below Kp,ve.
  for (const double log_kow : {-3.0, 0.0, 3.0, 6.0}) {
    const double kp_sc = kp_stratum_corneum_cm_per_h(IntactModel::potts_guy, log_kow, mw);
    const double kp = kp_with_viable_epidermis_cm_per_h(kp_sc, mw);
    EXPECT_LT(kp, kp_sc);
    EXPECT_LT(kp, kp_ve);
  }
}

TEST(IntactPermeability, FreeDiffusivityInViableTissueMatchesTheDerivedValues) {
  // transport.md 1.3: 2.7e-6 cm2/s at MW 150, 1.7e-6 at 300, 1.2e-6 at 500.
  expect_printed(free_diffusivity_viable_cm2_per_s(150.0), {"2.7e-6"}, "D_free MW 150");
  expect_printed(free_diffusivity_viable_cm2_per_s(300.0), {"1.7e-6"}, "D_free MW 300");
  expect_printed(free_diffusivity_viable_cm2_per_s(500.0), {"1.2e-6"}, "D_free MW 500");
}

TEST(IntactPermeability, EventLagTimeGrowsTenfoldPer179Daltons) {
  // tau_event = 0.105 h at vanishing MW; 0.105 * 10^0.56 = 0.381 h at 100 g/mol; 10x per 1/0.0056 g/mol.
  EXPECT_NEAR(epa_event_lag_h(0.0), 0.105, 1e-12);
  EXPECT_NEAR(epa_event_lag_h(100.0), 0.381, 5e-4);
  EXPECT_NEAR(epa_event_lag_h(300.0 + 1.0 / 0.0056) / epa_event_lag_h(300.0), 10.0, 1e-9);
}

// Each hydrogen-bond donor lowers log10 Kp of the lipid route by the donor slope, whatever the
// size and partition; the published QSARs have no donor term, so donors leave them unchanged.
TEST(IntactPermeability, EachHydrogenBondDonorLowersTheLipidRouteByTheDonorSlope) {
  const LipidQsar q{-1.3, 0.62, 0.0, 0.155, 0.2};
  for (const double log_kow : {-1.0, 2.0, 4.0}) {
    for (const double mw : {60.0, 300.0}) {
      const double none = log_kp_lipid_cm_per_h(q, log_kow, mw, 0.0);
      EXPECT_NEAR(log_kp_lipid_cm_per_h(q, log_kow, mw, 3.0), none - 0.6, 1e-12);
      EXPECT_NEAR(log_kp_lipid_cm_per_h(q, log_kow, mw), none, 1e-12);  // absent: no donors
    }
  }
  EXPECT_DOUBLE_EQ(log_kp_lipid_cm_per_h(potts_guy_qsar, 2.0, 300.0, 4.0), log_kp_potts_guy_cm_per_h(2.0, 300.0));
}

// The default is the lipid route fitted on mnsim's calibration rows (tools/fit_intact_kp.py);
// the published QSARs stay selectable.
TEST(IntactPermeability, TheScenarioChoosesTheQsarAndTheFittedOneIsTheDefault) {
  static app::Session session(test::data_dir());
  const auto& registry = session.registry();
  auto parameters = io::read_scenario_text("[patient]\n", "s.toml", registry);
  parameters.complete(registry, "s.toml");
  EXPECT_EQ(intact_model(parameters), IntactModel::fitted);
  const auto fitted = lipid_qsar(IntactModel::fitted, parameters);
  EXPECT_DOUBLE_EQ(fitted.intercept_log10_cm_per_h, parameters.real("transport.sc_lipid_intercept"));
  EXPECT_DOUBLE_EQ(fitted.sqrt_mw_slope, parameters.real("transport.sc_lipid_sqrt_mw_slope"));
  EXPECT_DOUBLE_EQ(fitted.donor_slope, parameters.real("transport.sc_lipid_donor_slope"));

  auto chosen = io::read_scenario_text("[transport]\nintact_model = \"epa_2004\"\n", "s.toml", registry);
  chosen.complete(registry, "s.toml");
  EXPECT_EQ(intact_model(chosen), IntactModel::epa_2004);
}

}  // namespace
}  // namespace mnsim::transport
