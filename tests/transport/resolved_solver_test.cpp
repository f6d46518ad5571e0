// Verification of the resolved 3-D transport solver (Douglas ADI finite volumes) against exact
// solutions: Crank's infinite-dose membrane (R1 of shared research transport.md 7), the
// finite-dose well-mixed vehicle (R2), the steady flux through two layers in series, the
// steady profile of diffusion with clearance (observed order of convergence in space) and the
// first-order convergence in time; conservation of mass at every output; results independent
// of the thread count. A lateral grid of several voxels exercises every sweep even where the
// exact solution is one-dimensional.
#include "transport/resolved_solver.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace {

using namespace mnsim::transport;

constexpr double pi = std::numbers::pi;

double crank_amount(double t, double l, double d, double k) {
  const double tau = d * t / (l * l);
  double sum = 0.0;
  for (int n = 1; n <= 400; ++n) sum += std::pow(-1.0, n) / (n * n) * std::exp(-n * n * pi * pi * tau);
  return k * l * (tau - 1.0 / 6.0 - 2.0 / (pi * pi) * sum);
}

// A box of nx x nx columns of `planes` equal planes per layer, one material per layer.
ResolvedProblem layered_box(std::size_t nx, const std::vector<double>& thickness,
                            const std::vector<ResolvedMaterial>& layers, std::size_t planes) {
  ResolvedProblem p;
  p.geometry.nx = p.geometry.ny = nx;
  p.geometry.dx_um = 10.0;
  for (std::size_t l = 0; l < layers.size(); ++l)
    for (std::size_t k = 0; k < planes; ++k) {
      p.geometry.dz_um.push_back(thickness[l] / static_cast<double>(planes));
      for (std::size_t c = 0; c < nx * nx; ++c) p.geometry.material.push_back(static_cast<std::uint8_t>(l));
    }
  p.materials = layers;
  return p;
}

ResolvedSchedule fine_schedule(std::vector<double> times, double max_step) {
  ResolvedSchedule s;
  s.output_times_s = std::move(times);
  s.first_step_s = 0.05;
  s.growth = 1.05;
  s.max_step_s = max_step;
  return s;
}

ResolvedSchedule controlled_schedule(std::vector<double> times, double tolerance) {
  ResolvedSchedule s;
  s.output_times_s = std::move(times);
  s.first_step_s = 0.1;
  s.max_step_s = 3600.0;
  s.tolerance = tolerance;
  // While the channel closes its changing conductance excites modes that the step-doubling
  // estimate cannot see (the Douglas scheme leaves modes stiff both across and along the skin
  // undamped, in the whole step and in the halves alike), so steps stay within a fortieth of the
  // half-life then (the default closure_step_fraction), as without error control.
  s.closure_half_life_s = 1800.0;
  return s;
}

// R1: L = 20 um, D = 1e-9 cm2/s = 0.1 um2/s, K = 10, vehicle 1 mg/cm3: Q[mg/cm2] = Q[um] 1e-4.
TEST(ResolvedSolver, InfiniteDoseMatchesCrankAndTheR1Table) {
  auto p = layered_box(3, {20.0}, {{.partition = 10.0, .diffusivity = 0.1}}, 80);
  ResolvedSolver solver(p);
  const std::vector<double> hours = {0.185, 0.5, 1.0, 2.0, 8.0, 24.0};
  const std::vector<double> printed = {7.788e-04, 5.7144e-03, 1.46672e-02, 3.26667e-02, 1.406667e-01, 4.286667e-01};
  std::vector<double> times;
  for (const double h : hours) times.push_back(h * 3600.0);
  const auto series = solver.run(fine_schedule(times, 1.0));
  for (std::size_t i = 0; i < hours.size(); ++i) {
    const double q = series.receptor[i] * 1e-4;
    EXPECT_LT(std::abs(q - printed[i]) / printed[i], 5e-3) << "t = " << hours[i] << " h";
    EXPECT_LT(std::abs(series.receptor[i] - crank_amount(times[i], 20.0, 0.1, 10.0)) / series.receptor[i], 5e-3);
  }
  // Lag time from the steady tangent at 24 h: t - Q / J = L^2 / 6D = 666.7 s.
  const double lag = times.back() - series.receptor.back() / series.flux.back();
  EXPECT_LT(std::abs(lag - 400.0 / 0.6) / (400.0 / 0.6), 5e-3);
  EXPECT_LT(std::abs(series.flux.back() * 1e-4 * 3600.0 - 0.018) / 0.018, 5e-3);
}

double finite_dose_fraction(double tau, double beta) {
  double total = 0.0;
  for (int n = 1; n <= 200; ++n) {
    double lo = (n - 1) * pi + 1e-12, hi = (n - 0.5) * pi - 1e-12;
    for (int it = 0; it < 200; ++it) {
      const double mid = 0.5 * (lo + hi);
      (mid * std::tan(mid) - beta < 0.0 ? lo : hi) = mid;
    }
    const double a = 0.5 * (lo + hi);
    total += std::exp(-a * a * tau) / (std::cos(a) * (beta + beta * beta + a * a));
  }
  return 1.0 - 2.0 * beta * total;
}

TEST(ResolvedSolver, FiniteDoseMatchesTheR2Table) {
  const std::vector<double> taus = {0.5, 1.0, 2.0, 5.0};
  struct Row {
    double beta;
    std::vector<double> printed;
  };
  const std::vector<Row> table = {{1.0, {0.2275, 0.4661, 0.7453, 0.9724}}, {10.0, {0.5454, 0.8362, 0.9787, 1.0000}}};
  const double h = 20.0, d = 0.1, k = 2.0;
  for (const auto& row : table) {
    auto p = layered_box(2, {h}, {{.partition = k, .diffusivity = d}}, 80);
    p.finite_dose = true;
    p.vehicle_thickness_um = k * h / row.beta;
    std::vector<double> times;
    for (const double tau : taus) times.push_back(tau * h * h / d);
    ResolvedSolver solver(p);
    const auto series = solver.run(fine_schedule(times, 2.0));
    for (std::size_t i = 0; i < taus.size(); ++i) {
      const double fraction = series.receptor[i] / series.initial_donor;
      EXPECT_NEAR(finite_dose_fraction(taus[i], row.beta), row.printed[i], 0.5e-4);
      EXPECT_LT(std::abs(fraction - finite_dose_fraction(taus[i], row.beta)) / fraction, 5e-3)
          << "beta " << row.beta << " tau " << taus[i];
    }
  }
}

// SC-like over viable-like: K tenfold and D ten-thousandfold apart. Exact steady flux
// 1 / sum(L / (D K)).
TEST(ResolvedSolver, TwoLayerSteadyFluxIsExact) {
  auto p = layered_box(3, {15.0, 100.0},
                       {{.partition = 10.0, .diffusivity = 0.01}, {.partition = 1.0, .diffusivity = 100.0}}, 10);
  ResolvedSolver solver(p);
  ResolvedSchedule s = fine_schedule({2e5, 4e5}, 2e4);
  const auto series = solver.run(s);
  const double exact = 1.0 / (15.0 / (0.01 * 10.0) + 100.0 / 100.0);
  EXPECT_LT(std::abs(series.flux.back() - exact) / exact, 5e-3);
  EXPECT_LT(std::abs(series.flux.back() - exact) / exact, 1e-9) << "the steady state of the scheme is exact";
}

// Where the skin holds the permeant: at steady state the activity falls linearly through each
// layer, so a layer holds K h (u_top + u_bottom) / 2; the scheme's steady state is exact, and so
// are the per-plane amounts it reports, which sum to the skin total.
TEST(ResolvedSolver, PlaneAmountsHoldTheExactSteadyAmountOfEachLayer) {
  auto p = layered_box(3, {15.0, 100.0},
                       {{.partition = 10.0, .diffusivity = 0.01}, {.partition = 1.0, .diffusivity = 100.0}}, 10);
  ResolvedSolver solver(p);
  const auto series = solver.run(fine_schedule({2e5, 4e5}, 2e4));
  const double flux = 1.0 / (15.0 / (0.01 * 10.0) + 100.0 / 100.0);
  const double interface = 1.0 - flux * 15.0 / (0.01 * 10.0);
  const double exact[2] = {10.0 * 15.0 * (1.0 + interface) / 2.0, 100.0 * interface / 2.0};
  ASSERT_EQ(series.cell_held.back().size(), 20U);
  double held[2] = {0.0, 0.0}, total = 0.0;
  for (std::size_t z = 0; z < 20; ++z) {
    held[z / 10] += series.cell_held.back()[z];
    total += series.cell_held.back()[z];
    EXPECT_NEAR(series.cell_top_um[z],
                z < 10 ? 1.5 * static_cast<double>(z) : 15.0 + 10.0 * static_cast<double>(z - 10), 1e-9);
  }
  EXPECT_NEAR(held[0], exact[0], 1e-9 * exact[0]);
  EXPECT_NEAR(held[1], exact[1], 1e-9 * exact[1]);
  EXPECT_NEAR(total, series.skin.back(), 1e-12 * total);
}

// Diffusion with clearance k over a sink: steady flux into the sink K D m / sinh(m L).
double clearance_error(std::size_t planes) {
  const double l = 100.0, d = 10.0, kc = 0.01, kp = 2.0;
  auto p = layered_box(2, {l}, {{.partition = kp, .diffusivity = d, .clearance_per_s = kc}}, planes);
  ResolvedSolver solver(p);
  const auto series = solver.run(fine_schedule({1e5, 2e5}, 1e4));
  const double m = std::sqrt(kc / d);
  const double exact = kp * d * m / std::sinh(m * l);
  const double to_sink = series.flux.back() - kc * series.skin.back();
  return std::abs(to_sink - exact) / exact;
}

TEST(ResolvedSolver, SpatialConvergenceIsSecondOrder) {
  const double e1 = clearance_error(10), e2 = clearance_error(20), e3 = clearance_error(40);
  EXPECT_NEAR(std::log2(e1 / e2), 2.0, 0.15);
  EXPECT_NEAR(std::log2(e2 / e3), 2.0, 0.15);
}

TEST(ResolvedSolver, TemporalConvergenceIsFirstOrder) {
  auto p = layered_box(2, {20.0}, {{.partition = 1.0, .diffusivity = 1.0}}, 20);
  const auto amount = [&](double dt) {
    ResolvedSolver solver(p);
    ResolvedSchedule s;
    s.output_times_s = {200.0};
    s.first_step_s = s.max_step_s = dt;
    s.growth = 1.0;
    return solver.run(s).receptor.back();
  };
  const double reference = amount(0.01);
  const double e1 = std::abs(amount(4.0) - reference), e2 = std::abs(amount(2.0) - reference),
               e3 = std::abs(amount(1.0) - reference);
  EXPECT_NEAR(std::log2(e1 / e2), 1.0, 0.15);
  EXPECT_NEAR(std::log2(e2 / e3), 1.0, 0.15);
}

// A 3-D skin with a closing channel: SC, viable tissue with clearance, and a channel of water.
ResolvedProblem channel_problem(bool finite, Bottom bottom) {
  ResolvedProblem p;
  auto& g = p.geometry;
  g.nx = 9;
  g.ny = 7;
  g.dx_um = 5.0;
  g.dz_um = {3, 3, 3, 3, 5, 5, 5, 5, 5, 5, 10, 20, 40};
  p.materials = {{.partition = 8.0, .diffusivity = 0.02},
                 {.partition = 0.7, .diffusivity = 200.0, .clearance_per_s = bottom == Bottom::closed ? 1e-3 : 0.0},
                 {.partition = 1.0, .diffusivity = 700.0, .closed_diffusivity = 0.16, .closes = true},
                 {.partition = 1.0, .diffusivity = 700.0, .closed_diffusivity = 140.0, .closes = true}};
  for (std::size_t z = 0; z < g.nz(); ++z)
    for (std::size_t y = 0; y < g.ny; ++y)
      for (std::size_t x = 0; x < g.nx; ++x) {
        const bool channel = z < 8 && x >= 3 && x <= 4 && y >= 2 && y <= 4;
        const std::uint8_t layer = z < 4 ? 0 : 1;
        g.material.push_back(channel ? static_cast<std::uint8_t>(layer + 2) : layer);
      }
  p.finite_dose = finite;
  p.vehicle_thickness_um = 20.0;
  p.bottom = bottom;
  p.open_fraction = [](double t) { return std::exp2(-t / 1800.0); };
  return p;
}

void expect_conserved(bool finite, Bottom bottom, bool controlled) {
  ResolvedSolver solver(channel_problem(finite, bottom));
  // Steps growing to 20 min: the balance holds at every step length, not only at short ones;
  // with error control, the extrapolated state conserves it as each of its two parts does.
  const std::vector<double> times = {10.0, 60.0, 600.0, 3600.0, 14400.0, 86400.0};
  ResolvedSchedule s = fine_schedule(times, 1200.0);
  s.closure_half_life_s = 1800.0;
  if (controlled) s = controlled_schedule(times, 1e-3);
  const auto series = solver.run(s);
  for (std::size_t k = 0; k < series.time_s.size(); ++k) {
    const double balance =
        series.donor[k] + series.skin[k] + series.receptor[k] + series.cleared[k] - series.initial_donor;
    const double scale = std::max(series.initial_donor, series.supplied[k]);
    EXPECT_LT(std::abs(balance) / scale, 1e-9) << "output " << k;
  }
  EXPECT_GT(series.receptor.back() + series.cleared.back(), 0.0);
}

TEST(ResolvedSolver, MassBalanceClosesWithChannelsFiniteDoseSink) {
  expect_conserved(true, Bottom::sink, false);
  expect_conserved(true, Bottom::sink, true);
}
TEST(ResolvedSolver, MassBalanceClosesWithChannelsInfiniteDoseSink) {
  expect_conserved(false, Bottom::sink, false);
  expect_conserved(false, Bottom::sink, true);
}
TEST(ResolvedSolver, MassBalanceClosesWithClearanceFiniteDose) {
  expect_conserved(true, Bottom::closed, false);
  expect_conserved(true, Bottom::closed, true);
}
TEST(ResolvedSolver, MassBalanceClosesWithClearanceInfiniteDose) {
  expect_conserved(false, Bottom::closed, false);
  expect_conserved(false, Bottom::closed, true);
}

// The lateral and depth operators do not commute once a channel makes the coefficients vary
// across the skin; a scheme splitting x, y and z apart (three-term Douglas) then diverges at steps
// of 30 s (amounts of 1e150 after a day). The two-term scheme (lateral planes solved whole)
// amplifies no mode at any step, but it is first order and does not damp the stiffest modes, so
// long steps cost accuracy: on this channel (3 um SC planes, a closing channel whose SC part
// narrows 4000-fold) the 24 h amount is within 1 % of a 2 s run with steps up to 10 s, and
// within 20 % with steps up to an hour (measured 0.4 % and 15 %); a finite dose then
// undershoots to slightly negative amounts (at most 4.2 % of the dose measured). Steps grow from
// 0.1 s by 15 % a step, as in every schedule mnsim uses.
TEST(ResolvedSolver, StaysBoundedAtLongStepsWithChannels) {
  for (const bool finite : {false, true}) {
    const auto reference = ResolvedSolver(channel_problem(finite, Bottom::sink))
                               .run(fine_schedule({3600.0, 86400.0}, 2.0))
                               .receptor.back();
    for (const double longest : {10.0, 300.0, 3600.0}) {
      ResolvedSchedule s;
      s.output_times_s = {3600.0, 86400.0};
      s.first_step_s = 0.1;
      s.growth = 1.15;
      s.max_step_s = longest;
      s.closure_half_life_s = 1800.0;
      s.closure_step_fraction = 0.1;  // long steps are what this test is about
      const auto series = ResolvedSolver(channel_problem(finite, Bottom::sink)).run(s);
      for (std::size_t k = 0; k < series.time_s.size(); ++k) {
        ASSERT_TRUE(std::isfinite(series.receptor[k]) && std::isfinite(series.skin[k])) << longest << " s";
        if (finite) {
          EXPECT_GT(series.skin[k], -0.05 * series.initial_donor) << longest << " s";
          EXPECT_GT(series.donor[k], -0.05 * series.initial_donor) << longest << " s";
        }
      }
      const double bound = longest <= 10.0 ? 0.01 : 0.2;
      EXPECT_NEAR(series.receptor.back(), reference, bound * reference)
          << (finite ? "finite" : "infinite") << " dose, steps up to " << longest << " s";
    }
  }
}

// Error control by step doubling (the whole step against two halves, the result extrapolated):
// on the harsh channel above the amounts at 1 h and 24 h against a 2 s-step run (itself within
// 0.1 % of converged). Measured, with steps held to a fortieth of the half-life while the channel
// closes (the default): infinite dose within 2.0 % at a tolerance of 1e-3 (853 steps) and 0.05 %
// at 1e-4 (3504 steps); finite dose within 1e-5 at both (810 and 1897 steps), below what the
// reference resolves, so the tenfold tolerance is held to a fourfold gain only above that level.
// Steps growing to 10 s take 8640 for 0.4 %, steps growing to an hour are 15 % off.
TEST(ResolvedSolver, ErrorControlConvergesWithItsTolerance) {
  for (const bool finite : {false, true}) {
    const auto reference =
        ResolvedSolver(channel_problem(finite, Bottom::sink)).run(fine_schedule({3600.0, 86400.0}, 2.0)).receptor;
    std::vector<double> worst;
    std::vector<std::size_t> steps;
    for (const double tolerance : {1e-3, 1e-4}) {
      const auto series =
          ResolvedSolver(channel_problem(finite, Bottom::sink)).run(controlled_schedule({3600.0, 86400.0}, tolerance));
      double error = 0.0;
      for (std::size_t k = 0; k < 2; ++k)
        error = std::max(error, std::abs(series.receptor[k] - reference[k]) / reference[k]);
      worst.push_back(error);
      steps.push_back(series.steps + series.rejected);
    }
    const char* dose = finite ? "finite dose" : "infinite dose";
    const double resolved_by_reference = 1e-3;
    EXPECT_LT(worst[0], 0.03) << dose;
    EXPECT_LT(worst[1], 0.002) << dose;
    EXPECT_LT(worst[1], std::max(0.25 * worst[0], resolved_by_reference)) << dose;
    EXPECT_LT(steps[0], 1000U) << dose;
    EXPECT_LT(steps[1], 8640U / 2) << dose;
  }
}

TEST(ResolvedSolver, ResultsDoNotDependOnTheThreadCount) {
  const auto run = [](int threads) {
    omp_set_num_threads(threads);
    ResolvedSolver solver(channel_problem(true, Bottom::sink));
    const std::vector<std::size_t> snapshot = {0};
    auto fixed = solver.run(fine_schedule({3600.0}, 10.0), snapshot);
    const auto controlled = solver.run(controlled_schedule({3600.0}, 1e-3), snapshot);
    fixed.receptor.push_back(controlled.receptor.back());
    fixed.snapshots.push_back(controlled.snapshots.back());
    return fixed;
  };
  const int before = omp_get_max_threads();
  const auto one = run(1);
  const auto two = run(2);
  const auto three = run(3);
  omp_set_num_threads(before);
  EXPECT_EQ(one.receptor, two.receptor);
  EXPECT_EQ(one.receptor, three.receptor);
  EXPECT_EQ(one.snapshots, two.snapshots);
  EXPECT_EQ(one.snapshots, three.snapshots);
}

TEST(ResolvedSolver, AnOpenChannelRaisesTheFluxAndClosureBringsItDown) {
  auto open = channel_problem(false, Bottom::sink);
  open.open_fraction = nullptr;
  auto closing = channel_problem(false, Bottom::sink);
  auto intact = channel_problem(false, Bottom::sink);
  for (auto& m : intact.geometry.material) m = m >= 2 ? static_cast<std::uint8_t>(m - 2) : m;
  const auto s = fine_schedule({3600.0, 43200.0}, 10.0);
  const auto q_open = ResolvedSolver(open).run(s).receptor;
  const auto q_closing = ResolvedSolver(closing).run(s).receptor;
  const auto q_intact = ResolvedSolver(intact).run(s).receptor;
  EXPECT_GT(q_open[1], q_closing[1]);
  EXPECT_GT(q_closing[1], q_intact[1]);
  EXPECT_GT(q_open[1], 10.0 * q_intact[1]);
}

TEST(ResolvedSolver, RefusesInconsistentProblems) {
  auto p = channel_problem(true, Bottom::sink);
  p.geometry.material.pop_back();
  EXPECT_THROW(ResolvedSolver{p}, std::invalid_argument);
  p = channel_problem(true, Bottom::sink);
  p.vehicle_thickness_um = 0.0;
  EXPECT_THROW(ResolvedSolver{p}, std::invalid_argument);
  p = channel_problem(true, Bottom::sink);
  p.geometry.dz_um[3] = 0.0;
  EXPECT_THROW(ResolvedSolver{p}, std::invalid_argument);
  p = channel_problem(true, Bottom::sink);
  p.materials[1].diffusivity = -1.0;
  EXPECT_THROW(ResolvedSolver{p}, std::invalid_argument);
  ResolvedSolver ok(channel_problem(true, Bottom::sink));
  EXPECT_THROW((void)ok.run(fine_schedule({10.0, 5.0}, 1.0)), std::invalid_argument);
}

}  // namespace
