#pragma once
// The tissue course over a whole protocol: sessions at their times, each with its WoundLoad and
// aftercare, the state carried from one session into the next (a session started before the
// previous injury resolved starts from the unresolved state).
#include <array>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "response/parameters.hpp"
#include "response/tissue_model.hpp"
#include "response/wound_load.hpp"

namespace mnsim::response {

struct SessionInput {
  double start_d = 0.0;  // days after the first session
  WoundLoad load;
  Aftercare aftercare;
  double infection_damage_per_h = 0.0;  // extra damage while a wound infection lasts (0: none)
  double infection_duration_d = 0.0;
};

struct PatientFactors {
  double age_y = 35.0;
  int fitzpatrick = 2;  // I-VI
  std::string species = "human";
};

// Days after the first session at which collagen and epidermal changes are always reported
// (CourseOptions::extra_report_days adds others).
inline constexpr std::array<int, 4> report_days{30, 90, 180, 365};

struct CourseMetrics {
  double barrier_recovery_h = 0.0;           // first session: TEWL back within the recovered excess
  double channel_closure_half_life_h = 0.0;  // first session: channel pathway halved
  double erythema_duration_h = 0.0;          // longest over sessions: erythema visible
  double oedema_duration_h = 0.0;            // longest over sessions: oedema visible
  double reepithelialisation_h = 0.0;        // longest over sessions: front within 5 % of closure
  double downtime_d = 0.0;                   // longest over sessions: visible signs or open wounds
  std::map<int, double> collagen_change_pct;
  std::map<int, double> epidermal_thickness_change_pct;
  double inflammation_integral = 0.0;  // integral of N* over the course, Reynolds units x hours
  double barrier_open_h = 0.0;         // total hours with TEWL above the recovered excess
  double peak_erythema = 0.0;          // erythema units (1 = just visible)
  double fibrosis_score = 0.0;         // myofibroblasts 90 d after the last session / fibrosis level, capped at 1
  bool fibrosis = false;               // circuit did not return to healing
};

// Derived signals at the times CourseOptions::at_times_h asks for, one value per time.
struct SignalsAt {
  std::vector<double> erythema;
  std::vector<double> tewl_excess;
};

struct TissueCourse {
  std::vector<double> time_h;       // output grid
  std::vector<StateVector> states;  // one per output time
  std::vector<double> tewl_excess;  // derived signals on the same grid
  std::vector<double> erythema;
  SignalsAt at_times;  // at CourseOptions::at_times_h, recorded or not
  // Hours simulated after each session: to the next session, the last to the end of the simulated
  // time (max(the latest report day after the first, course_tail_d after the last)). Kept whether or
  // not the series is recorded: a duration equal to its session's window ran into it (redness
  // still visible when the next session or the simulation began or ended), so it is only a lower
  // bound.
  std::vector<double> session_windows_h;
  CourseMetrics metrics;
};

struct CourseOptions {
  bool record_series = true;  // false: metrics only (sampling)
  // Hours after the first session at which erythema and the TEWL excess are returned in
  // TissueCourse::at_times (ascending, within the simulated time), without recording the series:
  // the sampled persons behind the plan's bands. The integrator stops there; its steps are the
  // same, except the first step of a segment (a session's start, the end of occlusion) that begins
  // among these times, sized for the next of them, so metrics can differ from a course without
  // them within the tolerances: courses that must agree ask for the same times.
  std::vector<double> at_times_h;
  // Whole days after the first session at which collagen and epidermal changes are reported
  // besides report_days (output.response_days); the simulated time reaches the latest of them.
  std::vector<int> extra_report_days;
};

// Channel closure half-life of one session: the transport module's law (transport/channel_closure.hpp)
// for this person and channel depth, times the sampled person factor.
double channel_closure_half_life_h(bool occluded, const PatientFactors& patient, bool topical_nsaid,
                                   double channel_depth_um, const CourseParameters& p);

// Time for the re-epithelialisation front to cross the effective half-gap of a load.
double reepithelialisation_half_gap_um(const WoundLoad& load, const CourseParameters& p);
// Surface fraction that the chemokine signals of a load's wounds reach (at least its wounded
// area): what recruits macrophages to punctures (response.wound_signal_range_um).
double signalled_area_fraction(const WoundLoad& load, const CourseParameters& p);

TissueCourse simulate_course(const std::vector<SessionInput>& sessions, const PatientFactors& patient,
                             const CourseParameters& p, const CourseOptions& options = {});
// Same, reusing an integrator (one per thread when sampling).
TissueCourse simulate_course(const std::vector<SessionInput>& sessions, const PatientFactors& patient,
                             const CourseParameters& p, const CourseOptions& options, TissueIntegrator& integrator);

// CSV of the time series: header "time_h,time_d,<states>,tewl_excess,erythema" and one row per time.
void write_course_csv(const TissueCourse& course, std::ostream& out);

}  // namespace mnsim::response
