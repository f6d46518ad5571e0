#pragma once
// The reduced tissue model: 15 states on one time axis (hours), driven by piecewise-constant
// inputs between breakpoints (sessions, end of occlusion, end of infection). Four states have a
// closed form within a segment (the front, the channels, vasodilation and remodelling redness);
// CVODE integrates the other eleven, with the running integral of the phagocytes, and locates
// where the visible signals cross their levels (root finding). Equations: docs/response.md.
#include <array>
#include <memory>
#include <string_view>

#include "response/parameters.hpp"

namespace mnsim::response {

enum State : int {
  front,              // remaining half-gap of the newest wounds, 1 = just wounded, 0 = closed
  channel,            // fraction of the collapsible channel pathway still open
  vascular,           // acute vasodilation (erythema units)
  phagocytes,         // activated phagocytes N* (Reynolds units)
  damage,             // tissue damage D (Reynolds units)
  anti_inflammatory,  // anti-inflammatory mediator C_A (Reynolds units)
  oedema,             // interstitial fluid excess (oedema units)
  macrophages,        // macrophages M / K
  myofibroblasts,     // myofibroblasts mF / K
  csf,                // CSF / K_binding
  pdgf,               // PDGF / K_binding
  collagen3,          // new collagen III, fraction of baseline dermal collagen
  collagen1,          // new collagen I, fraction of baseline dermal collagen
  epidermis,          // relative change of epidermal thickness
  remodelling,        // redness of the remodelling dermis (new vessels), erythema units
  state_count
};
inline constexpr int n_states = state_count;
using StateVector = std::array<double, n_states>;

// States solved in closed form within a segment: forcing terms of the rest, with no feedback from
// them. Left to the integrator, their fast early decays and the front's kink at closure set most
// of its steps while saying nothing the closed form does not say exactly.
inline constexpr std::array<int, 4> closed_form_states{front, channel, vascular, remodelling};
inline constexpr int n_integrated = n_states - static_cast<int>(closed_form_states.size());
// The integrated states, in State order.
inline constexpr std::array<int, n_integrated> integrated_states{
    phagocytes, damage, anti_inflammatory, oedema,    macrophages, myofibroblasts,
    csf,        pdgf,   collagen3,         collagen1, epidermis};
// The integrator's unknowns: the integrated states, then the running integral of the phagocytes
// over the segment (the course's inflammation integral), carried along without error control.
inline constexpr int n_solved = n_integrated + 1;

// CSV column names of the states, in State order.
extern const std::array<std::string_view, n_states> state_names;

// Inputs held constant over one integration segment.
struct Drive {
  double front_rate_per_h = 0.0;    // keratinocyte speed / half-gap once the front moves
  double front_start_h = 0.0;       // when the front starts to move (end of the lag)
  double open_area = 0.0;           // surface fraction opened by the newest wounds
  double removed_area = 0.0;        // part of open_area whose epidermis was removed (cannot collapse)
  double signalled_area = 0.0;      // surface fraction within the wound-signal range of open wounds (>= open_area)
  double signal_start_h = 0.0;      // the injury's recruitment signal: from the session ...
  double signal_end_h = 0.0;        // ... for response.wound_signal_duration_h
  double channel_tewl = 0.0;        // TEWL excess of the collapsible channels while fully open
  double closure_rate_per_h = 0.0;  // ln 2 / closure half-life
  double infection_damage_per_h = 0.0;
  double irritant_start_h = 1e300;      // when exfoliants or retinoids are used again
  double synthesis_factor = 1.0;        // age factor of collagen synthesis
  double remodelling_rate_per_h = 0.0;  // fading of the remodelling redness (1 / its visible duration)
};

class TissueModel {
 public:
  explicit TissueModel(const CourseParameters& p);

  // Health: no wound, no inflammation, baseline mediator, no extra collagen.
  [[nodiscard]] StateVector health() const;
  // Time enters only through the smoothed onsets of the front and of irritant use (a logistic
  // step of a quarter hour), which spares the integrator a restart at each onset.
  void derivatives(double t, const double* y, double* dydt, const Drive& d) const;
  // The exact solution of the closed-form states from time t0 to t under drive d: overwrites
  // those entries of y (holding their values at t0) with their values at t.
  void advance_closed_form(double t0, double t, const Drive& d, double* y) const;

  [[nodiscard]] double open_area(const double* y, const Drive& d) const;
  [[nodiscard]] double tewl_excess(const double* y, const Drive& d) const;
  // Redness of the acute reaction (vasodilation, phagocytes), which also drives oedema.
  [[nodiscard]] double acute_erythema(const double* y) const;
  // Visible redness: the acute reaction plus the remodelling dermis.
  [[nodiscard]] double erythema(const double* y) const;
  // d(erythema)/dt, without the rest of the right-hand side.
  [[nodiscard]] double erythema_slope(const double* y, const Drive& d) const;
  [[nodiscard]] const CourseParameters& parameters() const { return p_; }

 private:
  // dN*/dt of the phagocytes (Reynolds et al. 2006 reduced model with P = 0).
  [[nodiscard]] double phagocyte_rate(const double* y) const;

  CourseParameters p_;
};

// Error control of the integrator: CVODE's relative tolerance, and a factor on the per-state
// absolute tolerances (1 in use; smaller for reference solutions).
struct IntegratorTolerances {
  double relative = 1e-5;
  double absolute_scale = 1.0;
};
// The course a user reads (figures, CSV, point estimates) is integrated at relative 1e-5: its
// outputs then lie within 2e-4 of a 1e-9 reference (measured 1.3e-4). The sampled persons behind
// the intervals use relative 2e-4 with absolute tolerances 100 times larger (outputs within 2e-3
// of the reference, measured 1.1e-3), an order below the Monte Carlo error of a 5th or 95th
// percentile from 1000 samples (about 2 % of the value for a 30 % spread), at a fifth less time.
// Both bounds are checked in tests/response/tissue_model_test.cpp.
inline constexpr IntegratorTolerances point_tolerances{.relative = 1e-5};
inline constexpr IntegratorTolerances sampled_tolerances{.relative = 2e-4, .absolute_scale = 100};

// Signals whose crossings of a level the integrator locates (CVODE's root finding): the course's
// durations are then exact crossing times, not interpolated between output times, and sampled
// courses need no dense output at all. The slope of redness crosses zero at its peaks.
enum Signal : int {
  erythema_signal,        // visible redness minus its visible level
  oedema_signal,          // oedema minus its visible level
  tewl_signal,            // TEWL excess minus the recovered excess
  front_signal,           // front minus the closed level
  channel_signal,         // channel pathway minus one half
  erythema_slope_signal,  // d(redness)/dt
  signal_count
};
inline constexpr int n_signals = signal_count;
struct SignalLevels {
  double erythema = 0.0;
  double oedema = 0.0;
  double tewl = 0.0;
  double front = 0.0;
  double channel = 0.5;
};
// The signals at state y under drive d, each minus its level.
void signal_values(const TissueModel& model, const StateVector& y, const Drive& d, const SignalLevels& levels,
                   double* g);

// Where the integrator stopped: the requested time or, before it, a crossing.
struct Reached {
  double t = 0.0;
  StateVector y{};
  double phagocyte_integral = 0.0;       // integral of N* dt from the segment start to t
  std::array<int, n_signals> crossed{};  // +1: the signal rose through its level at t; -1: fell; 0: neither
};

// CVODE (BDF; Newton systems solved by a fixed-size LU) kept alive across segments, sessions and
// samples: each segment restarts it with CVodeReInit at the new drive instead of rebuilding it.
class TissueIntegrator {
 public:
  explicit TissueIntegrator(const IntegratorTolerances& tolerances = point_tolerances);
  ~TissueIntegrator();
  TissueIntegrator(const TissueIntegrator&) = delete;
  TissueIntegrator& operator=(const TissueIntegrator&) = delete;

  // Starts a segment [t, t_end] with state y under drive d, watching the signals at these levels;
  // the solver never steps past t_end. The model must outlive the segment.
  void start(const TissueModel& model, const Drive& d, double t, double t_end, const StateVector& y,
             const SignalLevels& levels);
  // Advances towards t_out (within the segment); stops earlier at the first crossing of a
  // watched level. Call again with the same t_out to go on.
  Reached advance(double t_out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mnsim::response
