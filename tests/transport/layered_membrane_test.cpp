// Verification of the layered-membrane permeation solver against exact solutions: Crank's
// infinite-dose membrane (Crank 1975, eqs. 4.24a and 4.16), the finite-dose well-mixed vehicle
// (Kasting 2001, J Pharm Sci 90:202), the steady flux through layers in series (Crank 1975,
// ch. 12), the order of spatial convergence, and conservation of mass. The reference tables are
// R1 and R2 of the shared research notes (transport.md section 7).
#include "transport/layered_membrane.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace {

using mnsim::transport::Dose;
using mnsim::transport::MembraneLayer;
using mnsim::transport::PermeationProblem;
using mnsim::transport::PermeationSeries;
using mnsim::transport::simulate_permeation;

constexpr double pi = std::numbers::pi;
constexpr double hour = 3600.0;  // s

// R1: L = 20 um, D = 1e-9 cm2/s, K = 10, C_v = 1 mg/cm3, in cm, s and mg.
constexpr double r1_thickness = 20e-4;
constexpr double r1_diffusivity = 1e-9;
constexpr double r1_partition = 10.0;
constexpr double r1_concentration = 1.0;

// Crank 1975, eq. 4.24a: amount through a membrane from a fixed surface concentration K C_v
// into a sink. The series converges for any t > 0; 400 terms are exact to rounding.
double crank_amount(double t, double thickness, double diffusivity, double partition, double concentration) {
  const double tau = diffusivity * t / (thickness * thickness);
  double sum = 0.0;
  for (int n = 1; n <= 400; ++n) sum += std::pow(-1.0, n) / (n * n) * std::exp(-n * n * pi * pi * tau);
  return partition * concentration * thickness * (tau - 1.0 / 6.0 - 2.0 / (pi * pi) * sum);
}

// Its time derivative: the flux into the sink.
double crank_flux(double t, double thickness, double diffusivity, double partition, double concentration) {
  const double tau = diffusivity * t / (thickness * thickness);
  double sum = 0.0;
  for (int n = 1; n <= 400; ++n) sum += std::pow(-1.0, n) * std::exp(-n * n * pi * pi * tau);
  return partition * concentration * diffusivity / thickness * (1.0 + 2.0 * sum);
}

PermeationProblem r1_problem(std::size_t cells) {
  PermeationProblem p;
  p.vehicle = {.dose = Dose::infinite, .concentration = r1_concentration};
  p.layers = {{.thickness = r1_thickness, .diffusivity = r1_diffusivity, .partition = r1_partition, .cells = cells}};
  return p;
}

double relative_error(double actual, double expected) { return std::abs(actual - expected) / std::abs(expected); }

struct R1Row {
  double t_h;
  double amount;       // mg/cm2
  double amount_half;  // half a unit of the last printed digit
  double flux;         // mg/(cm2 h)
  double flux_half;
};

// The R1 table, as printed, except that the row printed at t = 0.1852 h (the lag time) holds the
// values at 0.185 h: they reproduce there to every digit, while at 0.1852 h Q is 7.811e-4.
const std::vector<R1Row> r1_table = {
    {0.05, 2.690e-06, 0.0005e-06, 3.701e-04, 0.0005e-04},
    {0.10, 1.0502e-04, 0.00005e-04, 4.2095e-03, 0.00005e-03},
    {0.185, 7.788e-04, 0.0005e-04, 1.1090e-02, 0.00005e-02},
    {0.5, 5.7144e-03, 0.00005e-03, 1.7576e-02, 0.0005e-02},
    {1.0, 1.46672e-02, 0.000005e-02, 1.79950e-02, 0.000005e-02},
    {2.0, 3.26667e-02, 0.000005e-02, 1.8000e-02, 0.00005e-02},
    {8.0, 1.406667e-01, 0.0000005e-01, 1.8000e-02, 0.00005e-02},
    {24.0, 4.286667e-01, 0.0000005e-01, 1.8000e-02, 0.00005e-02},
};

TEST(LayeredMembrane, InfiniteDoseMatchesCrankAtTheR1Times) {
  std::vector<double> times;
  for (const auto& row : r1_table) times.push_back(row.t_h * hour);
  const auto series = simulate_permeation(r1_problem(400), times);
  for (std::size_t k = 0; k < times.size(); ++k) {
    const auto& row = r1_table[k];
    const double q = crank_amount(times[k], r1_thickness, r1_diffusivity, r1_partition, r1_concentration);
    const double j = crank_flux(times[k], r1_thickness, r1_diffusivity, r1_partition, r1_concentration) * hour;
    // The exact series reproduces the printed table to its last digit ...
    EXPECT_NEAR(q, row.amount, row.amount_half) << "t = " << row.t_h << " h";
    EXPECT_NEAR(j, row.flux, row.flux_half) << "t = " << row.t_h << " h";
    // ... and the solver the exact series.
    EXPECT_LT(relative_error(series.receptor[k], q), 5e-3) << "Q at t = " << row.t_h << " h";
    EXPECT_LT(relative_error(series.flux[k] * hour, j), 5e-3) << "J at t = " << row.t_h << " h";
  }
}

// Long after the lag, Q(t) = J_ss (t - L^2 / 6D): the intercept of the line through two late
// outputs on the time axis.
TEST(LayeredMembrane, LagTimeIsLSquaredOverSixD) {
  const std::vector<double> times = {8.0 * hour, 24.0 * hour};
  const auto series = simulate_permeation(r1_problem(400), times);
  const double slope = (series.receptor[1] - series.receptor[0]) / (times[1] - times[0]);
  const double lag = times[1] - series.receptor[1] / slope;
  EXPECT_LT(relative_error(lag, r1_thickness * r1_thickness / (6.0 * r1_diffusivity)), 5e-3);
  EXPECT_LT(relative_error(slope, r1_partition * r1_diffusivity / r1_thickness * r1_concentration), 5e-3);
}

// Root n (from 1) of alpha tan(alpha) = beta, in ((n - 1) pi, (n - 1/2) pi), by bisection of
// alpha sin(alpha) - beta cos(alpha), which has the same roots and no poles.
double eigenvalue(int n, double beta) {
  double low = (n - 1) * pi;
  double high = (n - 0.5) * pi;
  const auto f = [beta](double a) { return a * std::sin(a) - beta * std::cos(a); };
  const double sign_low = f(low);
  for (int k = 0; k < 200; ++k) {
    const double mid = 0.5 * (low + high);
    (f(mid) * sign_low > 0.0 ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

// Kasting 2001: fraction of a finite dose in the sink at tau = D t / h^2.
double finite_dose_fraction(double tau, double beta) {
  double sum = 0.0;
  for (int n = 1; n <= 200; ++n) {
    const double a = eigenvalue(n, beta);
    sum += std::exp(-a * a * tau) / (std::cos(a) * (beta + beta * beta + a * a));
  }
  return 1.0 - 2.0 * beta * sum;
}

TEST(LayeredMembrane, FiniteDoseMatchesTheWellMixedVehicleSeries) {
  const std::vector<double> taus = {0.1, 0.5, 1.0, 2.0, 5.0};
  struct R2Row {
    double beta;
    std::vector<double> fraction;  // printed to 4 decimals
  };
  const std::vector<R2Row> r2_table = {{0.1, {0.0008, 0.0320, 0.0776, 0.1627, 0.3736}},
                                       {1.0, {0.0069, 0.2275, 0.4661, 0.7453, 0.9724}},
                                       {10.0, {0.0316, 0.5454, 0.8362, 0.9787, 1.0000}}};
  // A membrane of K = 2 so that the partition enters both beta and the interface condition.
  const double h = 20e-4;
  const double d = 1e-9;
  const double k = 2.0;
  for (const auto& row : r2_table) {
    PermeationProblem p;
    p.vehicle = {.dose = Dose::finite, .concentration = 1.0, .thickness = k * h / row.beta};
    p.layers = {{.thickness = h, .diffusivity = d, .partition = k, .cells = 400}};
    std::vector<double> times;
    for (const double tau : taus) times.push_back(tau * h * h / d);
    const auto series = simulate_permeation(p, times);
    for (std::size_t i = 0; i < taus.size(); ++i) {
      const double exact = finite_dose_fraction(taus[i], row.beta);
      const double solved = series.receptor[i] / series.initial_donor;
      EXPECT_NEAR(exact, row.fraction[i], 0.5e-4) << "beta " << row.beta << ", tau " << taus[i];
      EXPECT_NEAR(solved, row.fraction[i], 0.5e-4 + 5e-3 * exact) << "beta " << row.beta << ", tau " << taus[i];
      if (taus[i] >= 0.5) {
        EXPECT_LT(relative_error(solved, exact), 5e-3) << "beta " << row.beta << ", tau " << taus[i];
      }
    }
  }
}

// A stratum-corneum-like layer over a viable-tissue-like one: K differs tenfold and D ten
// thousandfold. Non-uniform cells, refined toward every face.
PermeationProblem two_layers(Dose dose, double viable_clearance) {
  PermeationProblem p;
  p.vehicle = {.dose = dose, .concentration = 1.0, .thickness = 10e-4};
  p.layers = {{.thickness = 15e-4, .diffusivity = 1e-10, .partition = 10.0, .cells = 40, .refinement = 1.1},
              {.thickness = 100e-4,
               .diffusivity = 1e-6,
               .partition = 1.0,
               .clearance_rate = viable_clearance,
               .cells = 40,
               .refinement = 1.1}};
  return p;
}

TEST(LayeredMembrane, TwoLayerSteadyFluxAndInterfaceJump) {
  const auto p = two_layers(Dose::infinite, 0.0);
  // 25 diffusion times of the slow layer: transients have decayed by exp(-25 pi^2).
  const std::vector<double> times = {25.0 * 15e-4 * 15e-4 / 1e-10};
  const auto series = simulate_permeation(p, times);
  double resistance = 0.0;
  for (const auto& layer : p.layers) resistance += layer.thickness / (layer.diffusivity * layer.partition);
  const double steady = p.vehicle.concentration / resistance;
  EXPECT_LT(relative_error(series.flux[0], steady), 5e-3) << series.flux[0] << " vs " << steady;

  // At steady state each layer's profile is a straight line: extrapolate the two cells on
  // each side to the interface, and the jump there must be the partition ratio.
  const auto c = series.profile(0);
  const auto& x = series.cell_depth;
  const std::size_t above = p.layers[0].cells - 1;
  const std::size_t below = above + 1;
  const double interface = p.layers[0].thickness;
  const auto extrapolate = [&](std::size_t i, std::size_t j) {
    return c[i] + (c[j] - c[i]) / (x[j] - x[i]) * (interface - x[i]);
  };
  const double c_above = extrapolate(above - 1, above);
  const double c_below = extrapolate(below, below + 1);
  EXPECT_LT(relative_error(c_below / c_above, p.layers[1].partition / p.layers[0].partition), 5e-3);
}

// Uniform cells, halved three times, at a tight time tolerance: the error in Q and J against
// Crank's series must fall by about four for every halving.
TEST(LayeredMembrane, SpatialConvergenceIsSecondOrder) {
  const double t = 0.5 * r1_thickness * r1_thickness / r1_diffusivity;
  const double q = crank_amount(t, r1_thickness, r1_diffusivity, r1_partition, r1_concentration);
  const double j = crank_flux(t, r1_thickness, r1_diffusivity, r1_partition, r1_concentration);
  std::vector<double> q_errors, j_errors;
  for (const std::size_t cells : {10, 20, 40, 80}) {
    auto p = r1_problem(cells);
    p.relative_tolerance = 1e-12;
    const std::vector<double> times = {t};
    const auto series = simulate_permeation(p, times);
    q_errors.push_back(std::abs(series.receptor[0] - q));
    j_errors.push_back(std::abs(series.flux[0] - j));
  }
  for (std::size_t k = 1; k < q_errors.size(); ++k) {
    const double q_order = std::log2(q_errors[k - 1] / q_errors[k]);
    const double j_order = std::log2(j_errors[k - 1] / j_errors[k]);
    EXPECT_NEAR(q_order, 2.0, 0.15) << "refinement " << k;
    EXPECT_NEAR(j_order, 2.0, 0.15) << "refinement " << k;
  }
}

void expect_mass_balance(Dose dose, double clearance) {
  std::vector<double> times;
  for (double t = 10.0; t < 1e6; t *= 2.0) times.push_back(t);
  const auto series = simulate_permeation(two_layers(dose, clearance), times);
  for (std::size_t k = 0; k < times.size(); ++k) {
    const double total = series.donor[k] + series.membrane[k] + series.receptor[k] + series.cleared[k];
    // An infinite dose starts from zero, so the scale is what it has supplied.
    const double scale = dose == Dose::finite ? series.initial_donor : series.supplied[k];
    EXPECT_LE(std::abs(total - series.initial_donor), 1e-9 * scale) << "t = " << times[k];
  }
  EXPECT_GT(series.receptor.back(), 0.0);
  if (clearance > 0.0) {
    EXPECT_GT(series.cleared.back(), 0.1 * series.supplied.back());
  } else {
    EXPECT_EQ(series.cleared.back(), 0.0);
  }
}

TEST(LayeredMembrane, InfiniteDoseConservesMass) { expect_mass_balance(Dose::infinite, 0.0); }
TEST(LayeredMembrane, InfiniteDoseWithClearanceConservesMass) { expect_mass_balance(Dose::infinite, 1e-2); }
TEST(LayeredMembrane, FiniteDoseConservesMass) { expect_mass_balance(Dose::finite, 0.0); }
TEST(LayeredMembrane, FiniteDoseWithClearanceConservesMass) { expect_mass_balance(Dose::finite, 1e-2); }

TEST(LayeredMembrane, RejectsImpossibleProblems) {
  const std::vector<double> times = {1.0};
  const auto rejects = [&](auto change) {
    auto p = two_layers(Dose::finite, 0.0);
    change(p);
    EXPECT_THROW(simulate_permeation(p, times), std::invalid_argument);
  };
  rejects([](PermeationProblem& p) { p.vehicle.concentration = -1.0; });
  rejects([](PermeationProblem& p) { p.vehicle.thickness = 0.0; });
  rejects([](PermeationProblem& p) { p.layers[0].thickness = 0.0; });
  rejects([](PermeationProblem& p) { p.layers[1].thickness = -1e-4; });
  rejects([](PermeationProblem& p) { p.layers[0].diffusivity = 0.0; });
  rejects([](PermeationProblem& p) { p.layers[1].partition = -2.0; });
  rejects([](PermeationProblem& p) { p.layers[1].clearance_rate = -1.0; });
  rejects([](PermeationProblem& p) { p.layers[0].cells = 0; });
  rejects([](PermeationProblem& p) { p.layers[0].refinement = 0.5; });
  rejects([](PermeationProblem& p) { p.layers[0].cells = mnsim::transport::max_membrane_cells; });
  rejects([](PermeationProblem& p) { p.layers.clear(); });
  const auto p = two_layers(Dose::infinite, 0.0);
  EXPECT_THROW(simulate_permeation(p, std::vector<double>{}), std::invalid_argument);
  EXPECT_THROW(simulate_permeation(p, std::vector<double>{2.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(simulate_permeation(p, std::vector<double>{-1.0}), std::invalid_argument);
}

}  // namespace
