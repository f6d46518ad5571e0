#pragma once
// A complete plan for the writer tests, built from an example patient with the real screening,
// candidate grid, selection and aftercare, and a synthetic evaluator and course in place of the
// response engine (which the writers do not depend on).
#include <cmath>
#include <string>

#include "app/session.hpp"
#include "io/scenario_reader.hpp"
#include "plan/plan.hpp"
#include "test_support.hpp"

namespace mnsim::io::test {

inline plan::CandidateOutcome synthetic_outcome(const plan::Candidate& c) {
  plan::CandidateOutcome o;
  const double dose = c.needle_depth_mm * (1.0 + 0.1 * c.passes) * c.sessions;
  const double benefit = 40.0 * (1.0 - std::exp(-dose / 4.0));
  o.benefit = {benefit, 0.7 * benefit, 1.3 * benefit};
  const double pih = 0.02 * c.needle_depth_mm * c.needle_depth_mm * (1.0 + 0.05 * c.passes);
  o.pih_probability = {pih, 0.5 * pih, 2.0 * pih};
  o.scar_probability = {0.001, 0.0, 0.002};
  o.infection_probability = {0.001, 0.0, 0.002};
  o.bruising_probability = {0.01 * c.needle_depth_mm, 0.0, 0.02 * c.needle_depth_mm};
  o.downtime_d = {c.needle_depth_mm, 0.5 * c.needle_depth_mm, 2.0 * c.needle_depth_mm};
  return o;
}

inline plan::PredictedCourse synthetic_course(int fitzpatrick) {
  plan::PredictedCourse c;
  c.barrier_recovery_h = {20.0, 10.0, 40.0};
  c.erythema_duration_h = {30.0, 12.0, 60.0};
  c.oedema_duration_h = {12.0, 4.0, 30.0};
  c.reepithelialisation_h = {18.0, 10.0, 30.0};
  c.downtime_d = {1.5, 0.5, 3.0};
  c.channel_closure_h = {4.0, 1.0, 12.0};
  c.pih_elevated_until_h = {96.0, 48.0, 240.0};
  c.infection_window_h = {12.0, 6.0, 24.0};
  c.fitzpatrick = fitzpatrick;
  return c;
}

inline plan::Plan example_plan(const std::string& patient_name) {
  static app::Session session(mnsim::test::data_dir());
  const auto file = mnsim::test::source_dir() / "examples" / "patients" / (patient_name + ".toml");
  auto parameters = read_scenario_file(file, session.registry());
  parameters.complete(session.registry(), file.string());

  plan::Plan p;
  p.patient_file = "examples/patients/" + patient_name + ".toml";
  p.patient = plan::read_patient(parameters);
  p.verdict = plan::screen(p.patient, plan::RuleSet::load(mnsim::test::data_dir()));
  p.limits = plan::read_risk_limits(parameters);
  p.recommendations = plan::recommend(p.verdict, plan::ProtocolTable::load(mnsim::test::data_dir()),
                                      plan::device_limits(p.patient), synthetic_outcome, p.limits);
  p.course = synthetic_course(p.patient.fitzpatrick);
  p.course.products = p.patient.products;
  if (p.verdict.decision != plan::Decision::do_not_treat) {
    p.aftercare = plan::derive_aftercare(p.course, p.verdict, plan::read_aftercare_settings(parameters));
    p.predicted = {{"erythema_duration_h", p.course.erythema_duration_h},
                   {"barrier_recovery_h", p.course.barrier_recovery_h},
                   {"collagen_change_pct_d180", {12.0, 6.0, 20.0}}};
    plan::Band band{.name = "erythema", .unit = "a.u."};
    for (int i = 0; i <= 48; ++i) {
      const double t = 2.0 * i;
      band.t_h.push_back(t);
      band.median.push_back(std::exp(-t / 30.0));
      band.p5.push_back(std::exp(-t / 15.0));
      band.p95.push_back(std::exp(-t / 60.0));
    }
    p.bands.push_back(std::move(band));
  }
  return p;
}

}  // namespace mnsim::io::test
