// Unit and property tests of the tissue course (src/response).
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/error.hpp"
#include "loads.hpp"
#include "response/uncertainty.hpp"

namespace mnsim::response {
namespace {

using test::protocol;

TEST(TissueModel, HealthIsASteadyState) {
  const TissueModel model(CourseParameters{});
  const auto y = model.health();
  StateVector dydt{};
  model.derivatives(0.0, y.data(), dydt.data(), Drive{});
  for (int i = 0; i < n_states; ++i) EXPECT_NEAR(dydt[i], 0.0, 1e-15) << state_names[i];
}

TEST(Course, NoInjuryStaysHealthy) {
  WoundLoad none = test::load(0, 0, 0, 0, 0, 0, 0, 0);
  const auto c = simulate_course(protocol(none, 1, 0), PatientFactors{}, CourseParameters{});
  const auto health = TissueModel(CourseParameters{}).health();
  for (const auto& y : c.states) {
    for (int i = 0; i < n_states; ++i) EXPECT_NEAR(y[i], health[i], 1e-9) << state_names[i];
  }
  EXPECT_EQ(c.metrics.erythema_duration_h, 0.0);
  EXPECT_EQ(c.metrics.collagen_change_pct.at(365), 0.0);
}

TEST(Course, SmallInjuryResolvesToHealth) {
  const auto c = simulate_course(protocol(test::pen(0.25), 1, 0), PatientFactors{}, CourseParameters{});
  const auto& end = c.states.back();
  EXPECT_LT(end[phagocytes], 1e-6);
  EXPECT_LT(end[damage], 1e-6);
  EXPECT_LT(end[macrophages], 1e-6);
  EXPECT_LT(end[myofibroblasts], 1e-6);
  EXPECT_LT(end[front], 0.01);
  EXPECT_FALSE(c.metrics.fibrosis);
  EXPECT_GT(c.metrics.collagen_change_pct.at(30), 0.0);
}

// The durations are where the signals cross their levels (CVODE's root finding), not read off an
// output grid: on the recorded course of one session the last fall of redness, oedema and TEWL
// through their levels, found by linear interpolation between the recorded outputs, lies within
// the grid's interpolation error of the metric; the inflammation integral matches the trapezoid
// rule over the recorded outputs; redness never exceeds its peak.
double last_fall_h(const TissueCourse& c, const std::vector<double>& v, double level) {
  double last = 0.0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (v[i - 1] > level && v[i] <= level)
      last = c.time_h[i - 1] + (c.time_h[i] - c.time_h[i - 1]) * (v[i - 1] - level) / (v[i - 1] - v[i]);
  }
  return last;
}

TEST(Course, DurationsAreWhereTheRecordedSignalsCrossTheirLevels) {
  const CourseParameters p;
  for (const auto& load : {test::pen(1.5), test::fractional_laser_zones(), test::dermabrasion()}) {
    const auto c = simulate_course(protocol(load, 1, 0), PatientFactors{}, p);
    std::vector<double> oedema, phagocyte;
    for (const auto& y : c.states) {
      oedema.push_back(y[State::oedema]);
      phagocyte.push_back(y[State::phagocytes]);
    }
    const auto near = [](double got, double grid) { return std::abs(got - grid) <= std::max(0.5, 0.01 * grid); };
    EXPECT_PRED2(near, c.metrics.erythema_duration_h, last_fall_h(c, c.erythema, p.erythema_visible));
    EXPECT_PRED2(near, c.metrics.oedema_duration_h, last_fall_h(c, oedema, p.oedema_visible));
    EXPECT_PRED2(near, c.metrics.barrier_recovery_h, last_fall_h(c, c.tewl_excess, p.tewl_recovered_excess));
    double trapezoid = 0.0;
    for (std::size_t i = 1; i < c.time_h.size(); ++i)
      trapezoid += 0.5 * (phagocyte[i - 1] + phagocyte[i]) * (c.time_h[i] - c.time_h[i - 1]);
    EXPECT_NEAR(c.metrics.inflammation_integral, trapezoid, 0.01 * trapezoid);
    for (double e : c.erythema) EXPECT_LE(e, c.metrics.peak_erythema * (1.0 + 1e-9));
  }
}

TEST(Course, DeepBroadWoundTipsToFibrosis) {
  const auto c = simulate_course(protocol(test::deep_broad_wound(), 1, 0), PatientFactors{}, CourseParameters{});
  EXPECT_TRUE(c.metrics.fibrosis);
  EXPECT_EQ(c.metrics.fibrosis_score, 1.0);
}

// Abrasion to the superficial reticular dermis (350 um, the comparator catalog's dermabrasion):
// once, or again after the first has resolved, it heals; abraded again and again before it
// closed, it stays open as long as a scald that turns hypertrophic, and tips.
TEST(Course, BroadWoundHealsOnceButTipsWhenRepeatedBeforeResolution) {
  const PatientFactors person;
  const CourseParameters p;
  const auto abrasion = test::dermabrasion(350.0);
  EXPECT_FALSE(simulate_course(protocol(abrasion, 1, 0), person, p).metrics.fibrosis);
  EXPECT_TRUE(simulate_course(protocol(abrasion, 3, 10), person, p).metrics.fibrosis);
  EXPECT_FALSE(simulate_course(protocol(abrasion, 2, 60), person, p).metrics.fibrosis);
}

// The fibrosis switch reads as a hypertrophic scar. Broad wounds that take longer to close tip it
// the way scalds turned hypertrophic by their healing time (Burns 2006;32:992, conservatively
// treated: 20 % at 15-21 days, 28 % at 22-25, 75 % at 26-30, 94 % beyond): the default person
// heals without it up to three weeks and tips beyond 30 days (the calibration put the switch at
// 25.6 days; data/validation/comparisons/comparators.csv, comp_cubison2006_*).
TEST(Course, BroadWoundsTipToFibrosisOnlyWhenTheyHealAsSlowlyAsHypertrophicScalds) {
  const PatientFactors person;
  const auto abrasion = test::dermabrasion(350.0);
  bool tipped_before = false;
  for (const double speed : {12.0, 9.0, 7.0, 5.5, 4.5, 4.0, 3.5, 3.0, 2.5}) {
    CourseParameters p;
    p.keratinocyte_front_um_per_h = speed;
    const auto m = simulate_course(protocol(abrasion, 1, 0), person, p).metrics;
    const double healed_d = m.reepithelialisation_h / 24.0;
    if (healed_d <= 21.0) {
      EXPECT_FALSE(m.fibrosis) << "healed in " << healed_d << " d";
    }
    if (healed_d >= 30.0) {
      EXPECT_TRUE(m.fibrosis) << "healed in " << healed_d << " d";
    }
    // Slower healing never untips the switch.
    if (tipped_before) {
      EXPECT_TRUE(m.fibrosis) << "healed in " << healed_d << " d";
    }
    tipped_before = m.fibrosis;
  }
}

// Retinoids and exfoliants go back on only once the wound has re-epithelialised: on a slowly
// healing abrasion, restarting them on day 0 or day 7 is the same course (both wait for the
// skin to close), where on a pen's punctures, closed within a day, the day matters.
TEST(Course, ActivesResumeOnlyOnReEpithelialisedSkin) {
  const PatientFactors person;
  CourseParameters p;
  p.keratinocyte_front_um_per_h = 5.0;
  const auto with_restart = [&](const WoundLoad& load, double day) {
    auto sessions = protocol(load, 1, 0);
    sessions[0].aftercare.retinoid_restart_d = day;
    sessions[0].aftercare.exfoliant_restart_d = day;
    return simulate_course(sessions, person, p).metrics;
  };
  const auto abrasion = test::dermabrasion(350.0);
  EXPECT_GT(with_restart(abrasion, 7.0).reepithelialisation_h, 14.0 * 24.0);
  EXPECT_DOUBLE_EQ(with_restart(abrasion, 0.0).inflammation_integral,
                   with_restart(abrasion, 7.0).inflammation_integral);
  EXPECT_GT(with_restart(test::pen(1.5), 1.0).inflammation_integral,
            with_restart(test::pen(1.5), 7.0).inflammation_integral);
}

TEST(Course, SixClinicalSessionsTwoWeeksApartHeal) {
  const auto c = simulate_course(protocol(test::pen(1.5), 6, 14), PatientFactors{}, CourseParameters{});
  EXPECT_FALSE(c.metrics.fibrosis);
  EXPECT_GT(c.metrics.collagen_change_pct.at(90), c.metrics.collagen_change_pct.at(30));
}

TEST(Course, StateIsCarriedIntoAnEarlySecondSession) {
  const PatientFactors person;
  const CourseParameters p;
  const auto once = simulate_course(protocol(test::pen(1.5), 1, 0), person, p);
  const auto twice = simulate_course(protocol(test::pen(1.5), 2, 1), person, p);
  // A second session one day later starts on an inflamed tissue: longer and stronger than one.
  EXPECT_GT(twice.metrics.erythema_duration_h, once.metrics.erythema_duration_h);
  EXPECT_GT(twice.metrics.inflammation_integral, 1.5 * once.metrics.inflammation_integral);
}

TEST(Course, InfectionProlongsInflammation) {
  const PatientFactors person;
  const CourseParameters p;
  auto sessions = protocol(test::pen(0.5), 1, 0);
  const auto clean = simulate_course(sessions, person, p).metrics;
  sessions[0].infection_damage_per_h = 0.02;
  sessions[0].infection_duration_d = 7.0;
  const auto infected = simulate_course(sessions, person, p).metrics;
  EXPECT_GT(infected.erythema_duration_h, 2.0 * clean.erythema_duration_h);
  EXPECT_GT(infected.inflammation_integral, 2.0 * clean.inflammation_integral);
}

TEST(ChannelClosure, OcclusionAgeSkinToneAndNsaidLengthenTheHalfLife) {
  const CourseParameters p;
  const PatientFactors young{.age_y = 25, .fitzpatrick = 2};
  const double depth = p.closure.reference_depth_um;
  const double open = channel_closure_half_life_h(false, young, false, depth, p);
  EXPECT_DOUBLE_EQ(open, p.closure.open_half_life_h);
  EXPECT_DOUBLE_EQ(channel_closure_half_life_h(true, young, false, depth, p), p.closure.occluded_half_life_h);
  EXPECT_GT(channel_closure_half_life_h(false, {.age_y = 75, .fitzpatrick = 2}, false, depth, p), open);
  EXPECT_GT(channel_closure_half_life_h(false, {.age_y = 25, .fitzpatrick = 6}, false, depth, p), open);
  EXPECT_GT(channel_closure_half_life_h(false, young, true, depth, p), open);
  EXPECT_GT(channel_closure_half_life_h(false, young, false, 2.0 * depth, p), open);
  EXPECT_GT(channel_closure_half_life_h(false, {.age_y = 25, .fitzpatrick = 2, .species = "rat"}, false, depth, p),
            open);
}

TEST(ChannelClosure, SimulatedHalfLifeFollowsOcclusion) {
  const PatientFactors young{.age_y = 25, .fitzpatrick = 2};
  const CourseParameters p;
  auto sessions = protocol(test::small_array(), 1, 0);
  EXPECT_NEAR(simulate_course(sessions, young, p).metrics.channel_closure_half_life_h, p.closure.open_half_life_h,
              0.05 * p.closure.open_half_life_h);
  sessions[0].aftercare.occlusion_h = 72.0;
  EXPECT_NEAR(simulate_course(sessions, young, p).metrics.channel_closure_half_life_h, p.closure.occluded_half_life_h,
              0.05 * p.closure.occluded_half_life_h);
}

TEST(Reepithelialisation, BroadWoundsCloseFromTheAdnexa) {
  const CourseParameters p;
  EXPECT_DOUBLE_EQ(reepithelialisation_half_gap_um(test::small_array(), p), 0.5 * 1.2 * 50);
  EXPECT_LT(reepithelialisation_half_gap_um(test::dermabrasion(), p), 0.5 * test::dermabrasion().wound_width_um_p90);
  EXPECT_GT(reepithelialisation_half_gap_um(test::deep_broad_wound(), p),
            reepithelialisation_half_gap_um(test::dermabrasion(), p));
}

// Punctures recruit macrophages from the union of disks of radius w/2 + l about them (a Boolean
// model): overlapping disks count once, so the signalled share never exceeds the sum of the disks
// or the whole skin, and a continuous wound signals its own area.
TEST(SignalledArea, OverlappingPuncturesCountOnce) {
  const CourseParameters p;
  auto roller = test::home_roller(1.5);
  const double radius_cm = (0.5 * roller.wound_width_um_mean + p.wound_signal_range_um) * 1e-4;
  const double disks = roller.wounds_per_cm2 * std::numbers::pi * radius_cm * radius_cm;
  EXPECT_NEAR(signalled_area_fraction(roller, p), 1.0 - std::exp(-disks), 1e-12);
  EXPECT_LT(signalled_area_fraction(roller, p), disks);
  EXPECT_GT(signalled_area_fraction(roller, p), 10.0 * roller.wounded_area_fraction);
  // A pen's 5949 punctures per cm2 overlap many times over: doubling them adds nothing.
  auto pen = test::pen(1.0);
  EXPECT_GT(signalled_area_fraction(pen, p), 0.999);
  pen.wounds_per_cm2 *= 2.0;
  EXPECT_LE(signalled_area_fraction(pen, p), 1.0);
  EXPECT_DOUBLE_EQ(signalled_area_fraction(test::dermabrasion(), p), 1.0);
  auto no_reach = test::small_array();
  CourseParameters local = p;
  local.wound_signal_range_um = 0.0;
  EXPECT_NEAR(
      signalled_area_fraction(no_reach, local),
      std::max(no_reach.wounded_area_fraction, 1.0 - std::exp(-no_reach.wounds_per_cm2 * std::numbers::pi *
                                                              std::pow(0.5e-4 * no_reach.wound_width_um_mean, 2.0))),
      1e-12);
}

// Property: more or wider punctures never signal less of the skin.
TEST(SignalledArea, DenserOrWiderPuncturesNeverSignalLess) {
  const CourseParameters p;
  auto l = test::home_roller(1.5);
  double previous = 0.0;
  for (double n = 1.0; n < 2e4; n *= 1.5) {
    l.wounds_per_cm2 = n;
    EXPECT_GE(signalled_area_fraction(l, p), previous) << n << " per cm2";
    previous = signalled_area_fraction(l, p);
  }
  l.wounds_per_cm2 = 100.0;
  previous = 0.0;
  for (double w = 10.0; w < 1000.0; w *= 1.5) {
    l.wound_width_um_mean = w;
    EXPECT_GE(signalled_area_fraction(l, p), previous) << w << " um";
    previous = signalled_area_fraction(l, p);
  }
}

// The same depth by roller or pen gives a response of the same order: a 1.5 mm roller (495 um,
// 113 punctures per cm2) and a 1.0 mm pen (5949 per cm2) both give new collagen, within a factor of 10.
TEST(Properties, RollerAndPenOfLikeDepthGiveCollagenOfTheSameOrder) {
  const CourseParameters p;
  const PatientFactors person{.age_y = 40, .fitzpatrick = 2};
  const auto roller = simulate_course(protocol(test::home_roller(1.5), 4, 30), person, p, {.record_series = false});
  const auto pen = simulate_course(protocol(test::pen(0.75), 4, 30), person, p, {.record_series = false});
  const double r = roller.metrics.collagen_change_pct.at(180), q = pen.metrics.collagen_change_pct.at(180);
  EXPECT_GT(r, 0.0);
  EXPECT_GT(r, q / 10.0) << "roller " << r << " %, pen " << q << " %";
  EXPECT_LT(r, q * 10.0) << "roller " << r << " %, pen " << q << " %";
}

// A puncture's opening re-epithelialises within hours, but the injury goes on recruiting
// macrophages for its signal's window (response.wound_signal_duration_h, the 2-day transient
// injury pulse): a sparse roller's new collagen comes mostly from that window, while a dense pen,
// whose wide merged openings stay open for a day or more and whose injured volume draws
// phagocytes, depends on it far less.
TEST(Properties, ThePunctureSignalOutlastsItsOpening) {
  CourseParameters openings_only;
  openings_only.wound_signal_duration_h = 0.0;
  const CourseParameters p;
  const PatientFactors person{.age_y = 40, .fitzpatrick = 2};
  const auto collagen = [&](const WoundLoad& l, const CourseParameters& q) {
    return simulate_course(protocol(l, 1, 0), person, q, {.record_series = false}).metrics.collagen_change_pct.at(90);
  };
  const double roller = collagen(test::home_roller(1.5), p);
  const double roller_openings = collagen(test::home_roller(1.5), openings_only);
  const double pen = collagen(test::pen(1.5), p);
  const double pen_openings = collagen(test::pen(1.5), openings_only);
  EXPECT_GT(roller, 2.0 * roller_openings) << roller << " % against " << roller_openings << " %";
  EXPECT_GE(pen, pen_openings);
  EXPECT_GT(roller / roller_openings, 2.0 * pen / pen_openings)
      << "roller " << roller << " % against " << roller_openings << " %, pen " << pen << " % against " << pen_openings
      << " %";
}

// Property: collagen synthesis never rises with age.
TEST(Properties, OlderAgeNeverRaisesCollagen) {
  const CourseParameters p;
  const auto sessions = protocol(test::pen(1.5), 4, 30);
  double previous = 1e300;
  for (double age = 15; age <= 90; age += 5) {
    const auto c = simulate_course(sessions, {.age_y = age, .fitzpatrick = 2}, p, {.record_series = false});
    for (int day : report_days) EXPECT_GE(c.metrics.collagen_change_pct.at(day), 0.0);
    EXPECT_LE(c.metrics.collagen_change_pct.at(180), previous + 1e-9) << "age " << age;
    previous = c.metrics.collagen_change_pct.at(180);
  }
}

// Property: deeper and denser needling never lowers the injury-driven course quantities.
TEST(Properties, DeeperOrDenserNeedlingNeverShortensTheCourse) {
  const CourseParameters p;
  const PatientFactors person;
  CourseMetrics previous;
  bool first = true;
  for (double scale = 0.25; scale <= 4.0; scale *= 1.25) {
    auto l = test::pen(0.5);
    l.depth_um_mean *= scale;
    l.depth_um_p90 *= scale;
    l.injured_volume_mm3_per_cm2 *= scale * scale;  // deeper and denser
    l.vascularised_volume_mm3_per_cm2 *= scale * scale;
    l.wounds_per_cm2 *= scale;
    l.wounded_area_fraction = std::min(1.0, l.wounded_area_fraction * scale);
    l.confluent_fraction = std::min(1.0, l.confluent_fraction * scale);
    l.bleeding_fraction = std::min(1.0, l.bleeding_fraction * scale);
    const auto m = simulate_course(protocol(l, 1, 0), person, p, {.record_series = false}).metrics;
    // Equal within the accuracy of the durations counts as not lower: they are read where a signal
    // crosses its threshold, interpolated linearly between output times an hour apart, which
    // moves them by up to ~1e-4 of their value as the curve's shape changes (0.005 h in 37 h).
    const auto not_lower = [](double now, double before) { return now >= before - 1e-3 * (1.0 + before); };
    if (!first) {
      EXPECT_TRUE(not_lower(m.erythema_duration_h, previous.erythema_duration_h))
          << "erythema_duration_h at scale " << scale;
      EXPECT_TRUE(not_lower(m.oedema_duration_h, previous.oedema_duration_h)) << "oedema_duration_h at scale " << scale;
      EXPECT_TRUE(not_lower(m.reepithelialisation_h, previous.reepithelialisation_h))
          << "reepithelialisation_h at scale " << scale << ": " << m.reepithelialisation_h << " < "
          << previous.reepithelialisation_h;
      EXPECT_TRUE(not_lower(m.barrier_recovery_h, previous.barrier_recovery_h))
          << "barrier_recovery_h at scale " << scale;
      EXPECT_TRUE(not_lower(m.downtime_d, previous.downtime_d)) << "downtime_d at scale " << scale;
      EXPECT_TRUE(not_lower(m.inflammation_integral, previous.inflammation_integral))
          << "inflammation_integral at scale " << scale;
      EXPECT_TRUE(not_lower(m.peak_erythema, previous.peak_erythema)) << "peak_erythema at scale " << scale;
      EXPECT_TRUE(not_lower(m.collagen_change_pct.at(90), previous.collagen_change_pct.at(90)))
          << "collagen_change_pct.at(90) at scale " << scale;
    }
    previous = m;
    first = false;
  }
}

TEST(WoundLoad, CheckRejectsImpossibleLoads) {
  auto l = test::pen(0.5);
  EXPECT_NO_THROW(check(l));
  l.wounded_area_fraction = 1.5;
  EXPECT_THROW(check(l), InputError);
  l = test::pen(0.5);
  l.epidermal_removal_fraction = 0.9;
  EXPECT_THROW(check(l), InputError);
  l = test::pen(0.5);
  l.epidermis_um = 0.0;
  EXPECT_THROW(check(l), InputError);
}

TEST(WoundLoad, FromInjuryUsesTheResidualChannels) {
  mechanics::Injury injury;
  injury.channel_radius_um = {10.f, 20.f, 30.f, 40.f, 50.f, 60.f, 70.f, 80.f, 90.f, 100.f};
  injury.summary.punctures_per_cm2 = 100;
  injury.summary.channel_diameter_um_mean = 110;
  injury.summary.confluence.coverage_fraction = 0.02;
  injury.summary.depth_um = {.mean = 300, .p10 = 250, .p50 = 300, .p90 = 350};
  injury.summary.layer_fraction = {0, 0.25, 0.75, 0, 0};
  injury.summary.injured_volume_mm3_per_cm2 = 0.5;
  injury.summary.bleeding_fraction = 0.1;
  const skin::SkinModel skin({"human", "face", "female", 40},
                             {{.id = skin::LayerId::stratum_corneum, .top_um = 0, .thickness_um = 15},
                              {.id = skin::LayerId::viable_epidermis, .top_um = 15, .thickness_um = 60},
                              {.id = skin::LayerId::papillary_dermis, .top_um = 75, .thickness_um = 200},
                              {.id = skin::LayerId::reticular_dermis, .top_um = 275, .thickness_um = 1200},
                              {.id = skin::LayerId::hypodermis, .top_um = 1475, .thickness_um = 2000}},
                             skin::Vascular{});
  const auto l = wound_load_from(injury, skin);
  EXPECT_DOUBLE_EQ(l.wound_width_um_mean, 110);
  EXPECT_NEAR(l.wound_width_um_p90, 2 * 91.0, 1e-9);
  EXPECT_DOUBLE_EQ(l.dermal_involvement_fraction, 0.75);
  EXPECT_DOUBLE_EQ(l.epidermis_um, 75);
  EXPECT_DOUBLE_EQ(l.dermis_um, 1400);
  EXPECT_NO_THROW(check(l));
}

TEST(Output, CsvHasEveryStateAndOneRowPerTime) {
  const auto c = simulate_course(protocol(test::pen(0.5), 2, 28), PatientFactors{}, CourseParameters{});
  std::ostringstream out;
  write_course_csv(c, out);
  std::istringstream in(out.str());
  std::string header;
  std::getline(in, header);
  for (auto name : state_names) EXPECT_NE(header.find(std::string(name)), std::string::npos) << name;
  std::size_t rows = 0;
  for (std::string line; std::getline(in, line);) ++rows;
  EXPECT_EQ(rows, c.time_h.size());
  EXPECT_GE(c.time_h.back(), 365.0 * 24.0);
}

TEST(Uncertainty, SeededAndIndependentOfThreadCount) {
  const auto sessions = protocol(test::pen(1.5), 3, 28);
  const CourseParameters p;
  omp_set_num_threads(1);
  const auto one = sample_course(sessions, PatientFactors{}, p, 40, 11);
  omp_set_num_threads(2);
  const auto two = sample_course(sessions, PatientFactors{}, p, 40, 11);
  const auto other = sample_course(sessions, PatientFactors{}, p, 40, 12);
  ASSERT_EQ(one.scalars.size(), two.scalars.size());
  bool differs = false;
  for (std::size_t k = 0; k < one.scalars.size(); ++k) {
    EXPECT_EQ(one.scalars[k].second.median, two.scalars[k].second.median) << one.scalars[k].first;
    EXPECT_EQ(one.scalars[k].second.p5, two.scalars[k].second.p5) << one.scalars[k].first;
    EXPECT_EQ(one.scalars[k].second.p95, two.scalars[k].second.p95) << one.scalars[k].first;
    EXPECT_LE(one.scalars[k].second.p5, one.scalars[k].second.median);
    EXPECT_LE(one.scalars[k].second.median, one.scalars[k].second.p95);
    differs = differs || one.scalars[k].second.median != other.scalars[k].second.median;
  }
  EXPECT_TRUE(differs);
}

// The windows the durations are measured in (issue #26): each session's runs to the next, the last
// to the end of the simulated time, kept whether or not the series is recorded.
TEST(Course, KeepsItsSessionWindowsRecordedOrNot) {
  const PatientFactors person;
  const CourseParameters p;
  const auto three = protocol(test::pen(1.5), 3, 14);
  const std::vector<double> expected{336.0, 336.0, 365.0 * 24.0 - 28.0 * 24.0};
  EXPECT_EQ(simulate_course(three, person, p).session_windows_h, expected);
  EXPECT_EQ(simulate_course(three, person, p, {.record_series = false}).session_windows_h, expected);
  // A late last session is followed for 120 days, past the year.
  const auto late = simulate_course(protocol(test::pen(0.5), 2, 300), person, p, {.record_series = false});
  EXPECT_EQ(late.session_windows_h, (std::vector<double>{300.0 * 24.0, 120.0 * 24.0}));
}

// A duration still running when its window ends (the next session, or the end of the simulated
// time) is cut off at exactly the window, and so can be told from a value; one that ends inside
// it is not.
TEST(Course, ADurationCutOffAtItsWindowEqualsTheWindow) {
  const PatientFactors person;
  const CourseParameters p;
  const CourseOptions bare{.record_series = false};
  // The barrier of a 1.5 mm pen takes days to recover: a second session 3 days later cuts it off.
  const auto cut = simulate_course(protocol(test::pen(1.5), 2, 3), person, p, bare);
  EXPECT_EQ(cut.metrics.barrier_recovery_h, 72.0);
  // A deep wound that heals at a third of the usual speed tips to fibrosis and stays red to the
  // end of the simulated year.
  CourseParameters slow = p;
  slow.keratinocyte_front_um_per_h /= 3.0;
  const auto tipped = simulate_course(protocol(test::deep_broad_wound(), 1, 0), person, slow, bare);
  EXPECT_TRUE(tipped.metrics.fibrosis);
  EXPECT_EQ(tipped.metrics.erythema_duration_h, tipped.session_windows_h.back());
  EXPECT_EQ(tipped.metrics.downtime_d * 24.0, tipped.session_windows_h.back());
  const auto inside = simulate_course(protocol(test::pen(0.5), 2, 10), person, p, bare);
  for (const double w : inside.session_windows_h) {
    EXPECT_NE(inside.metrics.barrier_recovery_h, w);
    EXPECT_NE(inside.metrics.erythema_duration_h, w);
    EXPECT_NE(inside.metrics.downtime_d * 24.0, w);
  }
}

// The signals at requested times are the recorded series' values at those times (the same stops);
// a time on a session boundary reads the state the next session finds, as the series records it
// first. Without the series they agree within the tolerances.
// Collagen and epidermis are reported on the standard days and on any day the scenario asks for
// (output.response_days), even past a year: the course runs to the latest of them, and the values
// on the standard days do not move (the requested days only add stops).
TEST(Course, ReportsCollagenOnRequestedDaysBesidesTheStandardOnes) {
  const auto sessions = protocol(test::pen(1.5), 3, 30);
  const auto standard = simulate_course(sessions, PatientFactors{}, CourseParameters{});
  const auto asked = simulate_course(sessions, PatientFactors{}, CourseParameters{},
                                     {.record_series = true, .extra_report_days = {14, 730, 90}});
  for (const int day : {14, 30, 90, 180, 365, 730}) {
    ASSERT_TRUE(asked.metrics.collagen_change_pct.contains(day)) << day;
    ASSERT_TRUE(asked.metrics.epidermal_thickness_change_pct.contains(day)) << day;
  }
  EXPECT_FALSE(standard.metrics.collagen_change_pct.contains(14));
  EXPECT_EQ(asked.metrics.collagen_change_pct.size(), 6U);
  EXPECT_GE(asked.time_h.back(), 730.0 * 24.0 - 1e-9);
  EXPECT_GT(asked.metrics.collagen_change_pct.at(14), 0.0);
  for (const int day : report_days) {
    EXPECT_NEAR(asked.metrics.collagen_change_pct.at(day), standard.metrics.collagen_change_pct.at(day),
                1e-3 * std::max(1.0, standard.metrics.collagen_change_pct.at(day)))
        << day;
  }
  EXPECT_THROW(simulate_course(sessions, PatientFactors{}, CourseParameters{}, {.extra_report_days = {0}}), InputError);
}

TEST(Course, ReturnsTheSignalsAtRequestedTimes) {
  const PatientFactors person;
  const CourseParameters p;
  const auto sessions = protocol(test::pen(1.5), 2, 14);
  const std::vector<double> times{0.0, 1.0, 24.0, 96.0, 336.0, 360.0};
  const auto recorded = simulate_course(sessions, person, p, {.at_times_h = times});
  ASSERT_EQ(recorded.at_times.erythema.size(), times.size());
  ASSERT_EQ(recorded.at_times.tewl_excess.size(), times.size());
  for (std::size_t j = 0; j < times.size(); ++j) {
    const auto at = std::find(recorded.time_h.begin(), recorded.time_h.end(), times[j]);
    ASSERT_NE(at, recorded.time_h.end()) << times[j];
    const auto i = static_cast<std::size_t>(at - recorded.time_h.begin());
    EXPECT_EQ(recorded.at_times.erythema[j], recorded.erythema[i]) << times[j];
    EXPECT_EQ(recorded.at_times.tewl_excess[j], recorded.tewl_excess[i]) << times[j];
  }
  const auto bare = simulate_course(sessions, person, p, {.record_series = false, .at_times_h = times});
  EXPECT_TRUE(bare.time_h.empty());
  for (std::size_t j = 0; j < times.size(); ++j) {
    EXPECT_NEAR(bare.at_times.erythema[j], recorded.at_times.erythema[j], 1e-3 * recorded.at_times.erythema[j] + 1e-6);
    EXPECT_NEAR(bare.at_times.tewl_excess[j], recorded.at_times.tewl_excess[j],
                1e-3 * recorded.at_times.tewl_excess[j] + 1e-6);
  }
  // Times out of order or past the simulated time are the caller's error.
  EXPECT_THROW(simulate_course(sessions, person, p, {.at_times_h = {2.0, 1.0}}), std::invalid_argument);
  EXPECT_THROW(simulate_course(sessions, person, p, {.at_times_h = {400.0 * 24.0}}), std::invalid_argument);
}

// Bands over sampled persons (issue #26): a real spread in the first days, the same bits at any
// thread count, p5 <= median <= p95 everywhere.
TEST(Uncertainty, BandsSpreadAndDoNotDependOnThreadCount) {
  const auto sessions = protocol(test::pen(1.5), 3, 28);
  const CourseParameters p;
  std::vector<double> times;
  for (double h = 0.0; h <= 14.0 * 24.0; h += 2.0) times.push_back(h);
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto one = signal_bands(sample_courses(sessions, PatientFactors{}, p, 40, 11, times), times);
  omp_set_num_threads(3);
  const auto three = signal_bands(sample_courses(sessions, PatientFactors{}, p, 40, 11, times), times);
  omp_set_num_threads(threads);
  ASSERT_EQ(one.size(), 2U);
  EXPECT_EQ(one[0].signal, "erythema");
  EXPECT_EQ(one[1].signal, "tewl_excess");
  for (std::size_t b = 0; b < one.size(); ++b) {
    EXPECT_EQ(one[b].t_h, times);
    EXPECT_EQ(one[b].median, three[b].median) << one[b].signal;
    EXPECT_EQ(one[b].p5, three[b].p5) << one[b].signal;
    EXPECT_EQ(one[b].p95, three[b].p95) << one[b].signal;
    bool spread = false;
    for (std::size_t j = 0; j < times.size(); ++j) {
      EXPECT_LE(one[b].p5[j], one[b].median[j]) << one[b].signal << " at " << times[j];
      EXPECT_LE(one[b].median[j], one[b].p95[j]) << one[b].signal << " at " << times[j];
      if (times[j] <= 72.0) spread = spread || (one[b].p5[j] < one[b].median[j] && one[b].median[j] < one[b].p95[j]);
    }
    EXPECT_TRUE(spread) << one[b].signal;
  }
  EXPECT_TRUE(signal_bands({}, times).empty());
}

}  // namespace
}  // namespace mnsim::response
