// The closed-form states (front, channels, vasodilation, remodelling redness) are the exact
// solutions of their equations in TissueModel::derivatives: their time derivative, taken by
// central differences, matches the right-hand side, and stepping in pieces equals one step. The
// integrator's tolerances in use are checked against a tight reference.
#include "response/tissue_model.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "loads.hpp"
#include "response/course.hpp"
#include "response/uncertainty.hpp"

namespace mnsim::response {
namespace {

Drive healing_drive() {
  Drive d;
  d.front_rate_per_h = 1.0 / 40.0;
  d.front_start_h = 12.0;
  d.closure_rate_per_h = std::log(2.0) / 1.5;
  d.remodelling_rate_per_h = 1.0 / 90.0;
  d.open_area = 0.3;
  return d;
}

StateVector wounded() {
  StateVector y{};
  y[front] = 1.0;
  y[channel] = 1.0;
  y[vascular] = 0.8;
  y[remodelling] = 1.2;
  return y;
}

TEST(TissueModel, ClosedFormStatesSolveTheirEquations) {
  const TissueModel model{CourseParameters{}};
  const Drive d = healing_drive();
  const StateVector y0 = wounded();
  // Before, through and after the front's onset, and as the front nears closure.
  for (double t : {2.0, 11.8, 12.0, 12.3, 30.0, 48.0, 52.0, 60.0}) {
    const double h = 1e-4;
    StateVector plus = y0, minus = y0, here = y0;
    model.advance_closed_form(0.0, t + h, d, plus.data());
    model.advance_closed_form(0.0, t - h, d, minus.data());
    model.advance_closed_form(0.0, t, d, here.data());
    StateVector rate{};
    model.derivatives(t, here.data(), rate.data(), d);
    for (int i : closed_form_states) {
      const double numeric = (plus[i] - minus[i]) / (2.0 * h);
      EXPECT_NEAR(numeric, rate[i], 1e-6 * std::max(1.0, std::abs(rate[i]))) << state_names[i] << " at " << t << " h";
    }
  }
}

TEST(TissueModel, ClosedFormStepsCompose) {
  const TissueModel model{CourseParameters{}};
  const Drive d = healing_drive();
  StateVector once = wounded(), pieces = wounded();
  model.advance_closed_form(0.0, 70.0, d, once.data());
  for (double t = 0.0; t < 70.0; t += 7.0) model.advance_closed_form(t, t + 7.0, d, pieces.data());
  for (int i : closed_form_states) EXPECT_NEAR(pieces[i], once[i], 1e-12) << state_names[i];
  // The front closes but stays positive (the softened law never reaches zero in finite time).
  EXPECT_LT(once[front], 0.01);
  EXPECT_GT(once[front], 0.0);
}

TEST(TissueModel, HealthyTissueHasNothingToClose) {
  const TissueModel model{CourseParameters{}};
  StateVector y = model.health();
  model.advance_closed_form(0.0, 100.0, healing_drive(), y.data());
  for (int i : closed_form_states) EXPECT_EQ(y[i], 0.0) << state_names[i];
}

// The tolerances in use against a reference integrated a thousand times tighter than the sampled
// persons' (relative 1e-9, absolute tolerances 1e-4 times theirs): every scalar output of the
// course within 2e-4 of the reference at the point tolerances, within 2e-3 at the sampled ones
// (relative to the value, or to 1e-3 for outputs near zero). Covers needling over six sessions,
// a fractional laser, dermabrasion and a deep broad wound that tips the fibrosis switch.
std::vector<std::pair<std::string, double>> outputs_at(const std::vector<SessionInput>& sessions,
                                                       const IntegratorTolerances& tolerances) {
  TissueIntegrator integrator(tolerances);
  const auto course = simulate_course(sessions, PatientFactors{}, CourseParameters{},
                                      CourseOptions{.record_series = false}, integrator);
  auto out = scalar_metrics(course.metrics);
  out.emplace_back("fibrosis", course.metrics.fibrosis ? 1.0 : 0.0);
  return out;
}

TEST(TissueModel, TolerancesInUseAgreeWithATightReference) {
  const IntegratorTolerances reference{.relative = 1e-9, .absolute_scale = 1e-4};
  const std::vector<std::pair<const char*, std::vector<SessionInput>>> cases{
      {"pen 1.5 mm x 6", test::protocol(test::pen(1.5), 6, 14)},
      {"fractional laser", test::protocol(test::fractional_laser_zones(), 1, 0)},
      {"dermabrasion", test::protocol(test::dermabrasion(), 1, 0)},
      {"deep broad wound", test::protocol(test::deep_broad_wound(), 1, 0)}};
  for (const auto& [name, sessions] : cases) {
    const auto exact = outputs_at(sessions, reference);
    for (const auto& [tolerances, bound] : {std::pair{point_tolerances, 2e-4}, std::pair{sampled_tolerances, 2e-3}}) {
      const auto got = outputs_at(sessions, tolerances);
      ASSERT_EQ(got.size(), exact.size());
      for (std::size_t k = 0; k < got.size(); ++k) {
        const double scale = std::max(std::abs(exact[k].second), 1e-3);
        EXPECT_LE(std::abs(got[k].second - exact[k].second) / scale, bound)
            << name << ": " << got[k].first << " at relative tolerance " << tolerances.relative;
      }
    }
  }
}

}  // namespace
}  // namespace mnsim::response
