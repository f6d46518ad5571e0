// A finite dose whose volatile part evaporates: the film's physics (vapour pressures, how fast it
// recedes, when it is dry) and both solvers against exact solutions. A membrane that stores
// almost nothing passes the quasi-steady flux P a(t) with a = M / h(t), so a film receding at v
// from h0 keeps M(t) = M0 (h(t) / h0)^(P / v) until it is down to its residue h_r, then decays
// as exp(-P t / h_r). A film at saturation feeds the skin exactly like an infinite dose at that
// concentration for as long as it stays saturated.
#include "transport/vehicle_film.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "transport/resolved_solver.hpp"
#include "transport/two_pathway.hpp"

namespace {

using namespace mnsim::transport;

TEST(VehicleFilm, VapourPressuresMatchTabulatedValues) {
  // Normal boiling points (101.325 kPa) and the steam-table 4.76 kPa of water at 32 C.
  EXPECT_NEAR(vapour_pressure_pa(Solvent::water, 100.0) / 101325.0, 1.0, 0.005);
  EXPECT_NEAR(vapour_pressure_pa(Solvent::ethanol, 78.29) / 101325.0, 1.0, 0.01);
  EXPECT_NEAR(vapour_pressure_pa(Solvent::water, 32.0) / 4760.0, 1.0, 0.01);
}

TEST(VehicleFilm, EvaporationScalesWithAirSpeedAndDryness) {
  // Water at 32 C, indoor air, 50 % humidity: k_g 592 cm/h times 3.37e-5 g/cm3 times one half,
  // 0.0100 g/cm2/h, 100 um/h of film.
  const double water = recession_um_per_s(Solvent::water, 32.0, 0.165, 0.5);
  EXPECT_NEAR(water * 3600.0, 99.6, 1.0);
  EXPECT_NEAR(recession_um_per_s(Solvent::water, 32.0, 0.72, 0.5) / water, std::pow(0.72 / 0.165, 0.78), 1e-12);
  EXPECT_NEAR(recession_um_per_s(Solvent::water, 32.0, 0.165, 0.0) / water, 2.0, 1e-12);
  EXPECT_DOUBLE_EQ(recession_um_per_s(Solvent::water, 32.0, 0.165, 1.0), 0.0);
  // Ethanol: higher vapour pressure and no ambient vapour, about nine times faster.
  const double ethanol = recession_um_per_s(Solvent::ethanol, 32.0, 0.165, 0.5);
  EXPECT_GT(ethanol / water, 8.0);
  EXPECT_LT(ethanol / water, 10.0);
  EXPECT_DOUBLE_EQ(recession_um_per_s(Solvent::ethanol, 32.0, 0.165, 0.9), ethanol);
}

TEST(VehicleFilm, RecedesToItsResidueAfterOcclusionAndConcentratesUpToSaturation) {
  const FilmDrying drying{
      .volatile_fraction = 0.75, .recession_um_per_s = 0.01, .start_s = 100.0, .saturation_activity = 3.0};
  const VehicleFilm film(20.0, drying);
  EXPECT_DOUBLE_EQ(film.thickness_um(50.0), 20.0);
  EXPECT_DOUBLE_EQ(film.thickness_um(600.0), 15.0);
  EXPECT_DOUBLE_EQ(film.dry_s(), 1600.0);
  EXPECT_DOUBLE_EQ(film.thickness_um(5000.0), 5.0);
  EXPECT_DOUBLE_EQ(film.activity(10.0, 600.0), 10.0 / 15.0);
  EXPECT_DOUBLE_EQ(film.activity_slope(10.0, 600.0), 1.0 / 15.0);
  EXPECT_DOUBLE_EQ(film.activity(20.0, 5000.0), 3.0);  // would be 4: held at saturation
  EXPECT_DOUBLE_EQ(film.activity_slope(20.0, 5000.0), 0.0);
  const VehicleFilm still(20.0, FilmDrying{});
  EXPECT_TRUE(std::isinf(still.dry_s()));
  EXPECT_DOUBLE_EQ(still.thickness_um(1e6), 20.0);
}

TEST(VehicleFilm, ReappliedFilmsAddUpTheirCompoundVolatilePartAndResidue) {
  const FilmDrying drying{.volatile_fraction = 0.75, .recession_um_per_s = 0.01, .start_s = 100.0};
  const VehicleFilm film(20.0, drying, 1000.0, 3);
  // The first film recedes 9 um by 1000 s; the second lands on its 11 um and both recede
  // together, down to the two residues (2 x 5 um).
  EXPECT_DOUBLE_EQ(film.thickness_um(1000.0, 1), 11.0);
  EXPECT_DOUBLE_EQ(film.thickness_um(1000.0, 2), 31.0);
  EXPECT_DOUBLE_EQ(film.thickness_um(1500.0, 2), 26.0);
  EXPECT_DOUBLE_EQ(film.thickness_um(5000.0, 2), 10.0);
  // The second film has receded to 21 um by 2000 s; a third lands on it.
  EXPECT_DOUBLE_EQ(film.thickness_um(2500.0, 3), 21.0 + 20.0 - 5.0);
  EXPECT_DOUBLE_EQ(film.applied_um(3), 60.0);
  EXPECT_DOUBLE_EQ(film.activity(30.0, 1500.0, 2), 30.0 / 26.0);
  EXPECT_DOUBLE_EQ(film.dry_s(), 1600.0);  // of the first application
  const VehicleFilm still(20.0, FilmDrying{}, 1000.0, 3);
  EXPECT_DOUBLE_EQ(still.thickness_um(2500.0, 3), 60.0);
}

// The quasi-steady film amount M(t) / M0 for a film receding at v to h_r through permeability P.
double quasi_steady_fraction(double t, double h0, double h_r, double v, double p) {
  const double t_dry = (h0 - h_r) / v;
  if (t <= t_dry) return std::pow((h0 - v * t) / h0, p / v);
  return std::pow(h_r / h0, p / v) * std::exp(-p * (t - t_dry) / h_r);
}

// A 10 um membrane with K = 1e-4 (it stores 1e-3 um of film at unit activity) and P = D K / L =
// 4 um/h; a 20 um film, 80 % volatile, receding at 20 um/h (dry at 0.8 h).
constexpr double membrane_um = 10.0, partition = 1e-4, permeability_um_per_s = 4.0 / 3600.0;
constexpr double diffusivity = permeability_um_per_s * membrane_um / partition;
const FilmDrying receding{.volatile_fraction = 0.8, .recession_um_per_s = 20.0 / 3600.0};
const std::vector<double> film_times = {900.0, 2880.0, 5400.0, 10800.0};

TwoPathwayProblem thin_membrane_column() {
  TwoPathwayProblem p;
  for (auto& layer : p.tissue.layers) {
    layer.thickness_um = membrane_um;
    layer.diffusivity_um2_per_s = diffusivity;
    layer.partition = partition;
  }
  p.depth_um = membrane_um;
  p.finite_dose = true;
  p.vehicle_thickness_um = 20.0;
  p.drying = receding;
  p.relative_tolerance = 1e-9;
  return p;
}

ResolvedProblem thin_membrane_box() {
  ResolvedProblem p;
  p.geometry.nx = p.geometry.ny = 1;
  p.geometry.dx_um = 10.0;
  for (int k = 0; k < 20; ++k) {
    p.geometry.dz_um.push_back(membrane_um / 20.0);
    p.geometry.material.push_back(0);
  }
  p.materials = {{.partition = partition, .diffusivity = diffusivity}};
  p.finite_dose = true;
  p.vehicle_thickness_um = 20.0;
  p.drying = receding;
  return p;
}

ResolvedSchedule film_schedule(std::vector<double> times) {
  ResolvedSchedule s;
  s.output_times_s = std::move(times);
  s.first_step_s = 0.1;
  s.max_step_s = 60.0;
  s.tolerance = 1e-5;
  return s;
}

// Measured: both solvers within 1.3e-4 of the quasi-steady amount at 0.25-3 h, which itself is off
// by what the membrane stores and by its 0.9 s lag.
TEST(VehicleFilm, ReducedColumnFollowsTheQuasiSteadyDryingFilm) {
  const auto r = simulate_two_pathway(thin_membrane_column(), film_times);
  for (std::size_t k = 0; k < film_times.size(); ++k) {
    const double exact = quasi_steady_fraction(film_times[k], 20.0, 4.0, 20.0 / 3600.0, permeability_um_per_s);
    EXPECT_NEAR(r.donor[k] / r.initial_donor, exact, 5e-4 * exact) << "t = " << film_times[k] << " s";
    const double balance = r.donor[k] + r.skin[k] + r.receptor[k] - r.initial_donor;
    EXPECT_LT(std::abs(balance) / r.initial_donor, 1e-9);
  }
}

TEST(VehicleFilm, ResolvedSolverFollowsTheQuasiSteadyDryingFilm) {
  ResolvedSolver solver(thin_membrane_box());
  const auto r = solver.run(film_schedule(film_times));
  for (std::size_t k = 0; k < film_times.size(); ++k) {
    const double exact = quasi_steady_fraction(film_times[k], 20.0, 4.0, 20.0 / 3600.0, permeability_um_per_s);
    EXPECT_NEAR(r.donor[k] / r.initial_donor, exact, 5e-4 * exact) << "t = " << film_times[k] << " s";
    const double balance = r.donor[k] + r.skin[k] + r.receptor[k] - r.initial_donor;
    EXPECT_LT(std::abs(balance) / r.initial_donor, 1e-9);
  }
}

// Reapplied films: the quasi-steady amount dM/dt = -P M / h(t) across three applications an hour
// apart, each adding 20 um of compound; integrated here over the film's own thickness (tested
// above) by the midpoint rule in 0.01 s steps. Both solvers follow it as closely as a single
// film (measured: within 3e-5 at 0.5-3.5 h), and donor + skin + receptor is what has been applied.
std::vector<double> reapplied_film_amount(const VehicleFilm& film, double interval_s, std::size_t applications,
                                          const std::vector<double>& times) {
  std::vector<double> amount;
  double m = 0.0, t = 0.0;
  std::size_t made = 0;
  constexpr double dt = 0.01;
  for (const double until : times) {
    while (t < until - 1e-9) {
      if (made < applications && t >= static_cast<double>(made) * interval_s - 1e-9) {
        m += film.applied_um(1);
        ++made;
      }
      const double h = std::min(dt, until - t);
      m *= std::exp(-permeability_um_per_s * h / film.thickness_um(t + 0.5 * h, made));
      t += h;
    }
    amount.push_back(m);
  }
  return amount;
}

TEST(VehicleFilm, BothSolversFollowTheQuasiSteadyAmountAcrossReapplications) {
  constexpr double interval_s = 3600.0;
  constexpr std::size_t applications = 3;
  const std::vector<double> times = {1800.0, 5400.0, 9000.0, 12600.0};
  const VehicleFilm film(20.0, receding, interval_s, applications);
  const auto exact = reapplied_film_amount(film, interval_s, applications, times);
  auto column = thin_membrane_column();
  column.applications = applications;
  column.interval_s = interval_s;
  const auto r = simulate_two_pathway(column, times);
  auto box = thin_membrane_box();
  box.applications = applications;
  box.interval_s = interval_s;
  ResolvedSolver solver(box);
  const auto b = solver.run(film_schedule(times));
  for (std::size_t k = 0; k < times.size(); ++k) {
    const double applied = 20.0 * static_cast<double>(std::min<std::size_t>(k + 1, applications));
    EXPECT_NEAR(r.donor[k], exact[k], 5e-4 * exact[k]) << "column, t = " << times[k] << " s";
    EXPECT_NEAR(b.donor[k], exact[k], 5e-4 * exact[k]) << "resolved, t = " << times[k] << " s";
    EXPECT_LT(std::abs(r.donor[k] + r.skin[k] + r.receptor[k] - applied) / applied, 1e-9);
    EXPECT_LT(std::abs(b.donor[k] + b.skin[k] + b.receptor[k] - applied) / applied, 1e-9);
  }
  EXPECT_DOUBLE_EQ(r.applied, 60.0);
  EXPECT_DOUBLE_EQ(b.applied, 60.0);
  EXPECT_DOUBLE_EQ(r.initial_donor, 20.0);

  // An output at the very time of an application reports the film before it; the next output
  // follows the film made there.
  const std::vector<double> on_time = {3600.0, 5400.0};
  const auto exact_on_time = reapplied_film_amount(film, interval_s, applications, {3600.0 - 1e-9, 5400.0});
  const auto r2 = simulate_two_pathway(column, on_time);
  ResolvedSolver solver2(box);
  const auto b2 = solver2.run(film_schedule(on_time));
  for (std::size_t k = 0; k < on_time.size(); ++k) {
    EXPECT_NEAR(r2.donor[k], exact_on_time[k], 5e-4 * exact_on_time[k]) << "column, t = " << on_time[k] << " s";
    EXPECT_NEAR(b2.donor[k], exact_on_time[k], 5e-4 * exact_on_time[k]) << "resolved, t = " << on_time[k] << " s";
  }
  EXPECT_DOUBLE_EQ(r2.applied, 40.0);
  EXPECT_DOUBLE_EQ(b2.applied, 40.0);
}

// A membrane with Crank's lag (L 20 um, D 0.1 um2/s, 667 s) and the given partition under an
// infinite dose, as the reduced column and as a resolved column of 40 planes; and either under a
// 20 um film that behaves as `drying` says.
TwoPathwayProblem crank_column(double layer_partition) {
  TwoPathwayProblem p;
  for (auto& layer : p.tissue.layers) {
    layer.thickness_um = 20.0;
    layer.diffusivity_um2_per_s = 0.1;
    layer.partition = layer_partition;
  }
  p.depth_um = 20.0;
  p.relative_tolerance = 1e-9;
  return p;
}

ResolvedProblem crank_box(double layer_partition) {
  ResolvedProblem box;
  box.geometry.nx = box.geometry.ny = 1;
  box.geometry.dx_um = 10.0;
  for (int k = 0; k < 40; ++k) {
    box.geometry.dz_um.push_back(0.5);
    box.geometry.material.push_back(0);
  }
  box.materials = {{.partition = layer_partition, .diffusivity = 0.1}};
  return box;
}

template <class Problem>
Problem under_film(Problem p, const FilmDrying& drying) {
  p.finite_dose = true;
  p.vehicle_thickness_um = 20.0;
  p.drying = drying;
  return p;
}

// A membrane with Crank's lag (L 20 um, D 0.1 um2/s, 667 s) and K 0.1 (1.8 um/h at steady state)
// under a 20 um film applied at saturation that dries in 20 min to 10 um: while the film holds
// at least saturation's worth it delivers exactly what an infinite dose does (to the integrator's
// tolerance; measured 3e-10 for the column, 1e-4 for the error-controlled resolved run); after
// about 5 h it runs short.
TEST(VehicleFilm, SaturatedFilmDeliversAsAnInfiniteDoseUntilItRunsShort) {
  const auto infinite = crank_column(0.1);
  const auto film =
      under_film(infinite, {.volatile_fraction = 0.5, .recession_um_per_s = 10.0 / 1200.0, .saturation_activity = 1.0});
  const std::vector<double> times = {600.0, 1200.0, 2400.0, 3600.0, 7200.0, 14400.0, 28800.0};
  const auto a = simulate_two_pathway(infinite, times);
  const auto b = simulate_two_pathway(film, times);
  const VehicleFilm f(20.0, film.drying);
  bool ran_short = false;
  for (std::size_t k = 0; k < times.size(); ++k) {
    const bool saturated = b.donor[k] >= f.thickness_um(times[k]);
    if (saturated && !ran_short) {
      EXPECT_NEAR(b.receptor[k], a.receptor[k], 1e-6 * a.receptor[k] + 1e-12) << "t = " << times[k];
      EXPECT_NEAR(b.supplied[k], a.supplied[k], 1e-6 * a.supplied[k]) << "t = " << times[k];
    } else {
      ran_short = true;
      EXPECT_LT(b.supplied[k], a.supplied[k]) << "t = " << times[k];
    }
  }
  EXPECT_FALSE(b.donor[1] < f.thickness_um(times[1])) << "the film should still be saturated when dry";
  EXPECT_TRUE(ran_short) << "the film should run short within 8 h";

  const auto box = crank_box(0.1);
  ResolvedSolver s_inf(box), s_film(under_film(box, film.drying));
  const auto c = s_inf.run(film_schedule(times));
  const auto d = s_film.run(film_schedule(times));
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (d.donor[k] < f.thickness_um(times[k])) break;
    EXPECT_NEAR(d.receptor[k], c.receptor[k], 1e-3 * c.receptor[k] + 1e-12) << "t = " << times[k];
    EXPECT_LT(std::abs(d.donor[k] + d.skin[k] + d.receptor[k] - d.initial_donor) / d.initial_donor, 1e-9);
  }
}

// A suspension: a product applied at four times what dissolves in it (saturation activity 0.25,
// nothing evaporates) through a membrane with Crank's lag (L 20 um, D 0.1 um2/s, K 1). While
// undissolved compound is left (film amount above a quarter of its thickness) it delivers exactly
// a quarter of what an infinite dose of the applied concentration does, a saturated solution
// being what feeds the skin; after about 3.5 h the solid is gone and the film runs short.
TEST(VehicleFilm, SuspensionDeliversAsItsSaturatedSolutionUntilTheSolidIsGone) {
  const auto infinite = crank_column(1.0);
  const auto suspension = under_film(infinite, {.saturation_activity = 0.25});
  const std::vector<double> times = {600.0, 1800.0, 3600.0, 7200.0, 10800.0, 14400.0, 21600.0, 28800.0};
  const auto a = simulate_two_pathway(infinite, times);
  const auto b = simulate_two_pathway(suspension, times);
  const double saturated_above = 0.25 * 20.0;
  std::size_t saturated_outputs = 0;
  bool ran_short = false;
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (b.donor[k] >= saturated_above && !ran_short) {
      ++saturated_outputs;
      EXPECT_NEAR(b.receptor[k], 0.25 * a.receptor[k], 1e-6 * a.receptor[k] + 1e-12) << "t = " << times[k];
    } else {
      ran_short = true;
      EXPECT_LT(b.receptor[k], 0.25 * a.receptor[k]) << "t = " << times[k];
    }
    EXPECT_LT(std::abs(b.donor[k] + b.skin[k] + b.receptor[k] - 20.0) / 20.0, 1e-9) << "t = " << times[k];
  }
  EXPECT_GE(saturated_outputs, 3U);
  EXPECT_TRUE(ran_short) << "the solid should be used up within 8 h";

  const auto box = crank_box(1.0);
  ResolvedSolver s_inf(box), s_susp(under_film(box, suspension.drying));
  const auto c = s_inf.run(film_schedule(times));
  const auto d = s_susp.run(film_schedule(times));
  for (std::size_t k = 0; k < times.size(); ++k) {
    EXPECT_LT(std::abs(d.donor[k] + d.skin[k] + d.receptor[k] - d.initial_donor) / d.initial_donor, 1e-9);
    if (d.donor[k] < saturated_above) break;
    EXPECT_NEAR(d.receptor[k], 0.25 * c.receptor[k], 1e-3 * c.receptor[k] + 1e-12) << "t = " << times[k];
  }
}

// A film wiped off after 20 min (a numbing cream taken off) on Crank's membrane (K 1), in the
// resolved solver as in the reduced column: up to the wipe the run is the unwiped one; the film
// left then is what is removed; afterwards nothing more is supplied, the membrane's store keeps
// draining into the receptor, and film + membrane + receptor + removed is what was applied. The
// two solvers remove the same amount (within 1 %).
TEST(VehicleFilm, BothSolversWipeAFilmOffAndKeepItsAccount) {
  const double wipe_s = 1200.0;
  const std::vector<double> times = {wipe_s, 1800.0, 3600.0, 7200.0};
  const auto box = under_film(crank_box(1.0), {});
  auto wiped_box = box;
  wiped_box.removed_s = wipe_s;
  ResolvedSolver kept_solver(box), wiped_solver(wiped_box);
  const auto kept = kept_solver.run(film_schedule(times));
  const auto r = wiped_solver.run(film_schedule(times));
  EXPECT_NEAR(r.receptor[0], kept.receptor[0], 1e-12 + 1e-9 * kept.receptor[0]);
  EXPECT_NEAR(r.removed, kept.donor[0], 1e-9 * kept.donor[0]);
  for (std::size_t k = 1; k < times.size(); ++k) {
    EXPECT_EQ(r.donor[k], 0.0) << "t = " << times[k];
    EXPECT_NEAR(r.supplied[k], r.supplied[1], 1e-9 * r.supplied[1]) << "t = " << times[k];
    EXPECT_NEAR(r.donor[k] + r.skin[k] + r.receptor[k] + r.removed, 20.0, 1e-9 * 20.0) << "t = " << times[k];
    EXPECT_LT(r.receptor[k], kept.receptor[k]) << "t = " << times[k];
  }
  EXPECT_GT(r.receptor[3], r.receptor[1]);

  auto column = under_film(crank_column(1.0), {});
  column.removed_s = wipe_s;
  const auto c = simulate_two_pathway(column, times);
  EXPECT_NEAR(r.removed, c.removed, 0.01 * c.removed);

  // An infinite dose stops at the wipe and passes nothing more.
  auto infinite = crank_box(1.0);
  infinite.removed_s = wipe_s;
  ResolvedSolver infinite_solver(infinite);
  const auto f = infinite_solver.run(film_schedule(times));
  EXPECT_EQ(f.removed, 0.0);
  for (std::size_t k = 1; k < times.size(); ++k)
    EXPECT_NEAR(f.supplied[k], f.supplied[1], 1e-9 * f.supplied[1]) << "t = " << times[k];
}

}  // namespace
