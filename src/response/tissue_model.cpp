#include "response/tissue_model.hpp"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "core/error.hpp"
#include "response/fixed_lu_solver.hpp"

namespace mnsim::response {

const std::array<std::string_view, n_states> state_names{
    "front",     "channel_open", "vascular",           "phagocytes", "damage", "anti_inflammatory",
    "oedema",    "macrophages",  "myofibroblasts",     "csf",        "pdgf",   "collagen3",
    "collagen1", "epidermis",    "remodelling_redness"};

namespace {

constexpr double per_day = 1.0 / 24.0;  // rates given per day, model time in hours
constexpr double per_min_to_h = 60.0;   // secretion rates given per minute

constexpr double onset_width_h = 0.25;
constexpr double front_softening = 0.01;  // keeps the front law smooth as it reaches zero

double saturating(double x) { return x / (1.0 + x); }
// Beyond this many widths from its centre an onset is 0 or 1 to double precision; returning
// that directly spares exp the slow underflow and overflow paths (a tenth of the course's time).
constexpr double onset_saturated = 40.0;

double onset(double t, double start) {
  const double x = (t - start) / onset_width_h;
  if (std::abs(x) > onset_saturated) return x > 0.0 ? 1.0 : 0.0;
  return 1.0 / (1.0 + std::exp(-x));
}
// Integral of onset: the softplus w ln(1 + exp((t - start)/w)), written to stay finite far from
// the onset on either side.
double onset_integral(double t, double start) {
  const double x = (t - start) / onset_width_h;
  const double tail = std::abs(x) > onset_saturated ? 0.0 : std::log1p(std::exp(-std::abs(x)));
  return onset_width_h * (std::max(x, 0.0) + tail);
}

// exp(-x) for x >= 0, zero once it would underflow (again sparing exp its slow path).
double decay(double x) { return x > 700.0 ? 0.0 : std::exp(-x); }

// The front law dρ/dt = -k onset(t) ρ/(ρ + ε) integrates to ρ + ε ln ρ = c. Its root is the
// Lambert W function, which the standard library lacks, so Newton's method on z = ln ρ, for which
// e^z + ε z - c is increasing and convex. The start ρ = c - ε ln c (one fixed-point step from
// ρ = c) is within about ε² of the root while ρ is well above ε; once c <= ε the front is
// exponentially small and ρ ≈ e^(c/ε) is the start instead. Two or three steps then suffice.
double softened_front(double c) {
  double z = c > front_softening ? std::log(c - front_softening * std::log(c)) : c / front_softening;
  for (int i = 0; i < 60; ++i) {
    const double e = std::exp(z);
    const double step = (e + front_softening * z - c) / (e + front_softening);
    z -= step;
    if (std::abs(step) < 1e-14 * std::max(1.0, std::abs(z))) break;
  }
  return std::exp(z);
}

}  // namespace

TissueModel::TissueModel(const CourseParameters& p) : p_(p) {}

StateVector TissueModel::health() const {
  StateVector y{};
  y[anti_inflammatory] = p_.s_c / p_.mu_c;
  return y;
}

double TissueModel::open_area(const double* y, const Drive& d) const {
  const double r = std::max(y[front], 0.0);
  return d.open_area * r * r;
}

double TissueModel::tewl_excess(const double* y, const Drive& d) const {
  const double r = std::max(y[front], 0.0);
  return d.channel_tewl * std::max(y[channel], 0.0) + p_.tewl_open_wound_gain * d.removed_area * r * r +
         p_.tewl_damage_gain * std::max(y[damage], 0.0);
}

double TissueModel::acute_erythema(const double* y) const {
  return std::max(y[vascular], 0.0) + p_.erythema_per_phagocyte * std::max(y[phagocytes], 0.0);
}

double TissueModel::erythema(const double* y) const { return acute_erythema(y) + std::max(y[remodelling], 0.0); }

double TissueModel::phagocyte_rate(const double* y) const {
  const auto& p = p_;
  const double n = y[phagocytes], ca = y[anti_inflammatory];
  const double inhibition = 1.0 + (ca / p.c_inf) * (ca / p.c_inf);
  const double r = (p.k_nn * n + p.k_nd * y[damage]) / inhibition;
  return p.s_nr * r / (p.mu_nr + r) - p.mu_n * n;
}

double TissueModel::erythema_slope(const double* y, const Drive& d) const {
  // Redness is a sum of non-negative states: its slope is the sum of their slopes while positive.
  double slope = 0.0;
  if (y[vascular] > 0.0) slope -= std::numbers::ln2 / p_.vascular_half_life_h * y[vascular];
  if (y[phagocytes] > 0.0) slope += p_.erythema_per_phagocyte * phagocyte_rate(y);
  if (y[remodelling] > 0.0) slope -= d.remodelling_rate_per_h * y[remodelling];
  return slope;
}

void TissueModel::derivatives(double t, const double* y, double* dydt, const Drive& d) const {
  const auto& p = p_;
  // Re-epithelialisation front and collapsible channels.
  dydt[front] = -d.front_rate_per_h * onset(t, d.front_start_h) * y[front] / (std::abs(y[front]) + front_softening);
  dydt[channel] = -d.closure_rate_per_h * y[channel];
  dydt[vascular] = -std::numbers::ln2 / p.vascular_half_life_h * y[vascular];

  // Sterile inflammation (Reynolds et al. 2006 reduced model with P = 0).
  const double n = y[phagocytes], dmg = y[damage], ca = y[anti_inflammatory];
  const double inhibition = 1.0 + (ca / p.c_inf) * (ca / p.c_inf);
  const auto f = [&](double v) { return v / inhibition; };
  const double fn = std::max(f(n), 0.0);
  const double fn2 = fn * fn, x2 = p.x_dn * p.x_dn;
  const double fn6 = fn2 * fn2 * fn2, x6 = x2 * x2 * x2;
  const double open = open_area(y, d);
  const double tewl = tewl_excess(y, d);
  dydt[phagocytes] = phagocyte_rate(y);
  dydt[damage] = p.k_dn * fn6 / (x6 + fn6) - p.mu_d * dmg + p.damage_open_wound_rate * open + d.infection_damage_per_h +
                 p.irritant_damage_rate * onset(t, d.irritant_start_h) * tewl;
  const double fc = f(n + p.k_cnd * dmg);
  dydt[anti_inflammatory] = p.s_c + p.k_cn * fc / (1.0 + fc) - p.mu_c * ca;
  dydt[oedema] = p.oedema_rate * acute_erythema(y) - std::numbers::ln2 / p.oedema_half_life_h * y[oedema];
  dydt[remodelling] = -d.remodelling_rate_per_h * y[remodelling];

  // Macrophage-myofibroblast circuit (Adler et al. 2020), normalised by the carrying capacity K
  // and the binding affinity; influx of macrophages from inflammation and from open wounds.
  const double m = y[macrophages], mf = y[myofibroblasts], c = y[csf], pg = y[pdgf];
  const double k_ratio = p.carrying_capacity_per_ml / p.binding_affinity_per_ml;
  // A bed left without epidermis (abraded, ablated) draws macrophages far more than punctures.
  const double r_open = std::max(y[front], 0.0);
  const double bed = d.removed_area * r_open * r_open;
  // Punctures recruit macrophages from the tissue their signals reach, not from their own
  // openings alone (see signalled_area_fraction in course.cpp).
  const double pulse = onset(t, d.signal_start_h) - onset(t, d.signal_end_h);
  const double signalled = std::max(open, d.signalled_area * std::max(r_open * r_open, pulse));
  const double influx = p.macrophage_influx_per_phagocyte * std::max(n, 0.0) +
                        p.macrophage_influx_per_open_area * (signalled - bed) + p.macrophage_influx_per_open_bed * bed;
  const double sp = saturating(std::max(pg, 0.0)), sc = saturating(std::max(c, 0.0));
  dydt[myofibroblasts] =
      mf * (p.lambda1_per_d * sp * (1.0 - mf) - p.mu1_per_d) * per_day + p.fibroblast_activation_per_d * sp * per_day;
  dydt[macrophages] = m * (p.lambda2_per_d * sc - p.mu2_per_d) * per_day + influx * per_day;
  dydt[csf] = per_min_to_h * k_ratio * (p.beta1 * mf - p.alpha1 * m * sc) - p.gamma_per_d * per_day * c;
  dydt[pdgf] =
      per_min_to_h * k_ratio * (p.beta2 * m + p.beta3 * mf - p.alpha2 * mf * sp) - p.gamma_per_d * per_day * pg;

  // Collagen III laid down first and converted to collagen I; new collagen I slowly remodelled.
  // Fibroblasts activated by the growth factor, and myofibroblasts, lay down collagen.
  const double synthesis = p.collagen_synthesis_per_d * per_day * d.synthesis_factor * (sp + std::max(mf, 0.0));
  dydt[collagen3] =
      p.collagen3_fraction * synthesis - (p.collagen3_to_1_per_d + p.collagen3_loss_per_d) * per_day * y[collagen3];
  dydt[collagen1] = (1.0 - p.collagen3_fraction) * synthesis + p.collagen3_to_1_per_d * per_day * y[collagen3] -
                    std::numbers::ln2 / p.new_collagen1_half_life_d * per_day * y[collagen1];
  dydt[epidermis] =
      (p.epidermis_per_collagen * (y[collagen3] + y[collagen1]) - y[epidermis]) / (p.epidermis_response_d * 24.0);
}

void TissueModel::advance_closed_form(double t0, double t, const Drive& d, double* y) const {
  const double dt = t - t0;
  if (y[front] > 0.0) {
    const double moved =
        d.front_rate_per_h * (onset_integral(t, d.front_start_h) - onset_integral(t0, d.front_start_h));
    if (moved > 0.0) y[front] = softened_front(y[front] + front_softening * std::log(y[front]) - moved);
  }
  y[channel] *= decay(d.closure_rate_per_h * dt);
  y[vascular] *= decay(std::numbers::ln2 / p_.vascular_half_life_h * dt);
  y[remodelling] *= decay(d.remodelling_rate_per_h * dt);
}

namespace {

void check(int flag, const char* call) {
  if (flag < 0)
    throw NumericalError("response", "tissue state", std::string(call) + " failed (flag " + std::to_string(flag) + ")");
}

// One segment: the drive, and the state at its start, from which the closed-form states follow.
struct Problem {
  const TissueModel* model = nullptr;
  Drive drive;
  double t0 = 0.0;
  StateVector y0{};
  SignalLevels levels;
  // The closed-form states at the last time asked for: CVODE evaluates the right-hand side and
  // the signals at the same times, and the front's closed form is a Newton solve of its own.
  mutable double closed_form_t = std::numeric_limits<double>::quiet_NaN();
  mutable StateVector closed_form{};

  // The whole state at t from the integrated states u.
  StateVector state(double t, const double* u) const {
    if (t != closed_form_t) {
      closed_form = y0;
      model->advance_closed_form(t0, t, drive, closed_form.data());
      closed_form_t = t;
    }
    StateVector y = closed_form;
    for (int i = 0; i < n_integrated; ++i) y[integrated_states[i]] = u[i];
    return y;
  }
};

int right_hand_side(sunrealtype t, N_Vector u, N_Vector dudt, void* problem) {
  const auto* p = static_cast<const Problem*>(problem);
  const StateVector y = p->state(t, N_VGetArrayPointer(u));
  StateVector dydt{};
  p->model->derivatives(t, y.data(), dydt.data(), p->drive);
  double* out = N_VGetArrayPointer(dudt);
  for (int i = 0; i < n_integrated; ++i) out[i] = dydt[integrated_states[i]];
  out[n_integrated] = y[phagocytes];
  return 0;
}

int signal_function(sunrealtype t, N_Vector u, sunrealtype* g, void* problem) {
  const auto* p = static_cast<const Problem*>(problem);
  signal_values(*p->model, p->state(t, N_VGetArrayPointer(u)), p->drive, p->levels, g);
  return 0;
}

}  // namespace

void signal_values(const TissueModel& model, const StateVector& y, const Drive& d, const SignalLevels& levels,
                   double* g) {
  g[erythema_signal] = model.erythema(y.data()) - levels.erythema;
  g[oedema_signal] = y[oedema] - levels.oedema;
  g[tewl_signal] = model.tewl_excess(y.data(), d) - levels.tewl;
  g[front_signal] = y[front] - levels.front;
  g[channel_signal] = y[channel] - levels.channel;
  // Once redness has decayed to nothing its slope is exactly zero, which CVODE's root finding
  // refuses (a root at and near t); a negligible offset keeps it off zero, and a peak is then
  // found where the slope falls below minus the offset.
  constexpr double slope_offset_per_h = 1e-12;
  g[erythema_slope_signal] = model.erythema_slope(y.data(), d) + slope_offset_per_h;
}

struct TissueIntegrator::Impl {
  SUNContext context = nullptr;
  N_Vector y = nullptr;
  SUNMatrix matrix = nullptr;
  SUNLinearSolver solver = nullptr;
  void* cvode = nullptr;
  bool initialised = false;
  Problem problem;
  IntegratorTolerances tolerances;

  explicit Impl(const IntegratorTolerances& chosen) : tolerances(chosen) {
    check(SUNContext_Create(nullptr, &context), "SUNContext_Create");
    y = N_VNew_Serial(n_solved, context);
    // Fused vector operations: CVODE combines its many short-vector updates into fewer passes.
    if (y != nullptr) N_VEnableFusedOps_Serial(y, SUNTRUE);
    matrix = SUNDenseMatrix(n_solved, n_solved, context);
    solver = make_fixed_lu_solver(context, n_solved);
    cvode = CVodeCreate(CV_BDF, context);
    if (y == nullptr || matrix == nullptr || solver == nullptr || cvode == nullptr) {
      release();
      throw NumericalError("response", "tissue state", "could not create the CVODE integrator");
    }
  }
  ~Impl() { release(); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void release() {
    if (cvode != nullptr) CVodeFree(&cvode);
    if (solver != nullptr) SUNLinSolFree(solver);
    if (matrix != nullptr) SUNMatDestroy(matrix);
    if (y != nullptr) N_VDestroy(y);
    if (context != nullptr) SUNContext_Free(&context);
  }
};

TissueIntegrator::TissueIntegrator(const IntegratorTolerances& tolerances)
    : impl_(std::make_unique<Impl>(tolerances)) {}
TissueIntegrator::~TissueIntegrator() = default;

void TissueIntegrator::start(const TissueModel& model, const Drive& d, double t, double t_end, const StateVector& y,
                             const SignalLevels& levels) {
  auto& s = *impl_;
  s.problem = Problem{&model, d, t, y, levels};
  double* u = N_VGetArrayPointer(s.y);
  for (int i = 0; i < n_integrated; ++i) u[i] = y[integrated_states[i]];
  u[n_integrated] = 0.0;
  if (!s.initialised) {
    check(CVodeInit(s.cvode, right_hand_side, t, s.y), "CVodeInit");
    check(CVodeRootInit(s.cvode, n_signals, signal_function), "CVodeRootInit");
    // Levels are crossed both ways; the slope of redness only matters where it falls (a peak).
    std::array<int, n_signals> directions{};
    directions[erythema_slope_signal] = -1;
    check(CVodeSetRootDirection(s.cvode, directions.data()), "CVodeSetRootDirection");
    // Absolute tolerances per state: 1e-10 for the macrophage-myofibroblast circuit, so that the
    // myofibroblast seed, which grows exponentially when the circuit tips, is resolved from its
    // first cells; 1e-5 for oedema, a visible signal that decays to nothing (read against a
    // threshold of 0.05 to 1), so the solver does not follow its tail far below anything
    // observable; 1e-8 for the rest. All scaled by the tolerances' absolute_scale, except that
    // oedema's is never loosened: its visible duration is read where its tail crosses the
    // threshold slowly. The phagocytes' running integral is left out of the error test (an
    // infinite tolerance): it follows the phagocytes, which are controlled.
    StateVector tolerance{};
    tolerance.fill(1e-8);
    for (int i : {macrophages, myofibroblasts}) tolerance[i] = 1e-10;
    N_Vector atol = N_VClone(s.y);
    double* a = N_VGetArrayPointer(atol);
    for (int i = 0; i < n_integrated; ++i) a[i] = s.tolerances.absolute_scale * tolerance[integrated_states[i]];
    static_assert(integrated_states[3] == oedema);
    a[3] = 1e-5 * std::min(s.tolerances.absolute_scale, 1.0);
    a[n_integrated] = std::numeric_limits<double>::infinity();
    const int flag = CVodeSVtolerances(s.cvode, s.tolerances.relative, atol);
    N_VDestroy(atol);
    check(flag, "CVodeSVtolerances");
    check(CVodeSetLinearSolver(s.cvode, s.solver, s.matrix), "CVodeSetLinearSolver");
    check(CVodeSetMaxNumSteps(s.cvode, 100000), "CVodeSetMaxNumSteps");
    // The inflammatory switches (Hill terms, thresholds) keep high orders from paying off: order 4
    // takes fewer steps overall than 5 (measured on the six-session benchmark).
    check(CVodeSetMaxOrd(s.cvode, 4), "CVodeSetMaxOrd");
    s.initialised = true;
  } else {
    check(CVodeReInit(s.cvode, t, s.y), "CVodeReInit");
  }
  check(CVodeSetUserData(s.cvode, &s.problem), "CVodeSetUserData");
  check(CVodeSetStopTime(s.cvode, t_end), "CVodeSetStopTime");
}

Reached TissueIntegrator::advance(double t_out) {
  auto& s = *impl_;
  Reached r;
  const int flag = CVode(s.cvode, t_out, s.y, &r.t, CV_NORMAL);
  if (flag < 0) {
    sunrealtype reached = 0.0;
    CVodeGetCurrentTime(s.cvode, &reached);
    throw NumericalError("response", "tissue state",
                         "CVODE failed at t = " + std::to_string(reached) + " h (flag " + std::to_string(flag) + ")");
  }
  r.y = s.problem.state(r.t, N_VGetArrayPointer(s.y));
  r.phagocyte_integral = N_VGetArrayPointer(s.y)[n_integrated];
  if (flag == CV_ROOT_RETURN) check(CVodeGetRootInfo(s.cvode, r.crossed.data()), "CVodeGetRootInfo");
  return r;
}

}  // namespace mnsim::response
