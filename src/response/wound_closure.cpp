#include "response/wound_closure.hpp"

#include <cvode/cvode.h>
#include <fmt/format.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunmatrix/sunmatrix_band.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "transport/sundials_owners.hpp"

namespace mnsim::response {

namespace {

namespace sun = transport::sundials;

// Finite volumes in the distance from the wound centre (radius for a circular wound, distance from
// the midline for a line wound), cell centres at (i + 1/2) dr, zero flux at the centre and at the
// far edge (a neighbouring wound's mirror). States interleaved (n_i, c_i), so the Jacobian is
// banded with half-bandwidth 2.
struct Grid {
  int cells = 0;
  double dr_um = 0.0;
  bool circular = true;
  std::vector<double> face_weight;  // geometric weight of face i + 1/2 (r for circular, 1 for line)
  std::vector<double> cell_weight;  // of cell i
};

struct Problem {
  Grid grid;
  WoundClosureParameters p;
  double beta = 0.0;
};

double mitosis(double c, const Problem& q) {
  const auto& p = q.p;
  return 2.0 * p.c_m * (p.h - q.beta) * c / (p.c_m * p.c_m + c * c) + q.beta;
}

double activator_production(double n, const WoundClosureParameters& p) {
  return n * (1.0 + p.alpha * p.alpha) / (n * n + p.alpha * p.alpha);
}

int right_hand_side(sunrealtype, N_Vector y_vec, N_Vector dy_vec, void* data) {
  const auto& q = *static_cast<const Problem*>(data);
  const auto& g = q.grid;
  const double* y = N_VGetArrayPointer(y_vec);
  double* dy = N_VGetArrayPointer(dy_vec);
  const double k = q.p.shedding_rate_per_h;
  const double d_n = q.p.cell_diffusivity_um2_per_h / (g.dr_um * g.dr_um);
  const double d_c = d_n * q.p.chemical_diffusivity_ratio;
  const double lambda = q.p.chemical_decay_ratio * k;
  for (int i = 0; i < g.cells; ++i) {
    const auto u = static_cast<std::size_t>(i);
    const double n = y[2 * i];
    const double c = y[2 * i + 1];
    double lap_n = 0.0;
    double lap_c = 0.0;
    if (i + 1 < g.cells) {
      lap_n += g.face_weight[u] * (y[2 * i + 2] - n);
      lap_c += g.face_weight[u] * (y[2 * i + 3] - c);
    }
    if (i > 0) {
      lap_n -= g.face_weight[u - 1] * (n - y[2 * i - 2]);
      lap_c -= g.face_weight[u - 1] * (c - y[2 * i - 1]);
    }
    dy[2 * i] = d_n * lap_n / g.cell_weight[u] + k * (mitosis(c, q) * n * (2.0 - n) - n);
    dy[2 * i + 1] = d_c * lap_c / g.cell_weight[u] + lambda * (activator_production(n, q.p) - c);
  }
  return 0;
}

int centre_healed(sunrealtype, N_Vector y_vec, sunrealtype* g, void* data) {
  const auto& q = *static_cast<const Problem*>(data);
  g[0] = N_VGetArrayPointer(y_vec)[0] - q.p.healed_density;
  return 0;
}

void check_call(int flag, const char* what) {
  if (flag < 0) {
    throw NumericalError("response", "resolved wound closure", fmt::format("CVODE {} failed (flag {})", what, flag));
  }
}

Grid make_grid(double half_width_um, WoundShape shape, const WoundClosureParameters& p) {
  // Resolve the cell front (width sqrt(D/k)) and the wound itself; reach far enough that the
  // activator's disturbance (decay length sqrt(Dc/lambda)) never feels the far edge.
  const double front_um = std::sqrt(p.cell_diffusivity_um2_per_h / p.shedding_rate_per_h);
  const double chemical_um = front_um * std::sqrt(p.chemical_diffusivity_ratio / p.chemical_decay_ratio);
  Grid g;
  g.dr_um = std::min(front_um / 6.0, half_width_um / 20.0);
  const double extent_um = half_width_um + 8.0 * chemical_um + 10.0 * front_um;
  g.cells = static_cast<int>(std::ceil(extent_um / g.dr_um));
  g.circular = shape == WoundShape::circular;
  g.face_weight.resize(static_cast<std::size_t>(g.cells));
  g.cell_weight.resize(static_cast<std::size_t>(g.cells));
  for (int i = 0; i < g.cells; ++i) {
    const auto u = static_cast<std::size_t>(i);
    g.face_weight[u] = g.circular ? (i + 1.0) : 1.0;
    g.cell_weight[u] = g.circular ? (i + 0.5) : 1.0;
  }
  return g;
}

}  // namespace

double resolved_closure_h(double half_width_um, WoundShape shape, const WoundClosureParameters& p) {
  if (!(half_width_um > 0.0)) {
    throw InputError({}, "wound.half_width_um",
                     fmt::format("a wound's half-width must be positive, got {} um", half_width_um));
  }
  Problem q{.grid = make_grid(half_width_um, shape, p), .p = p};
  q.beta = (1.0 + p.c_m * p.c_m - 2.0 * p.h * p.c_m) / ((p.c_m - 1.0) * (p.c_m - 1.0));
  const int n_eq = 2 * q.grid.cells;

  SUNContext raw_context = nullptr;
  check_call(SUNContext_Create(nullptr, &raw_context), "context");
  const sun::Context context(raw_context);
  const sun::Vector y(N_VNew_Serial(n_eq, context.get()));
  double* y0 = N_VGetArrayPointer(y.get());
  // The cell holding the wound edge starts with its intact share (by area for a circular wound),
  // so closure times vary smoothly with the width instead of in steps of one cell.
  for (int i = 0; i < q.grid.cells; ++i) {
    const double lo = i * q.grid.dr_um;
    const double hi = lo + q.grid.dr_um;
    const double edge = std::clamp(half_width_um, lo, hi);
    const double intact = q.grid.circular ? (hi * hi - edge * edge) / (hi * hi - lo * lo) : (hi - edge) / (hi - lo);
    y0[2 * i] = intact;
    y0[2 * i + 1] = intact;
  }
  const sun::Cvode cvode(CVodeCreate(CV_BDF, context.get()));
  check_call(CVodeInit(cvode.get(), right_hand_side, 0.0, y.get()), "init");
  check_call(CVodeSStolerances(cvode.get(), 1e-6, 1e-9), "tolerances");
  check_call(CVodeSetUserData(cvode.get(), &q), "user data");
  const sun::Matrix jacobian(SUNBandMatrix(n_eq, 2, 2, context.get()));
  const sun::LinearSolver solver(SUNLinSol_Band(y.get(), jacobian.get(), context.get()));
  check_call(CVodeSetLinearSolver(cvode.get(), solver.get(), jacobian.get()), "linear solver");
  check_call(CVodeRootInit(cvode.get(), 1, centre_healed), "root finding");
  check_call(CVodeSetMaxNumSteps(cvode.get(), 200000), "step limit");

  // No wound in this model stays open for more than a few hundred shedding times.
  const double t_max = 400.0 / p.shedding_rate_per_h;
  sunrealtype t = 0.0;
  const int flag = CVode(cvode.get(), t_max, y.get(), &t, CV_NORMAL);
  check_call(flag, "integration");
  if (flag != CV_ROOT_RETURN) {
    throw NumericalError("response", "resolved wound closure",
                         fmt::format("a wound of half-width {} um did not close within {} h", half_width_um, t_max));
  }
  return t;
}

FrontLaw fit_front_law(const std::vector<double>& half_widths_um, const WoundClosureParameters& p) {
  double sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0;
  for (const double w : half_widths_um) {
    const double t = resolved_closure_h(w, WoundShape::line, p);
    sx += w;
    sy += t;
    sxx += w * w;
    sxy += w * t;
  }
  const auto n = static_cast<double>(half_widths_um.size());
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);  // hours per um
  return {.lag_h = (sy - slope * sx) / n, .speed_um_per_h = 1.0 / slope};
}

std::vector<ClosureCheck> check_closure_law(const WoundLoad& load, const CourseParameters& course,
                                            const WoundClosureParameters& p) {
  std::vector<ClosureCheck> out;
  const auto add = [&](const char* wound, double width_um, WoundShape shape) {
    if (!(width_um > 0.0)) return;
    const double half = 0.5 * width_um;
    out.push_back({.wound = wound,
                   .half_width_um = half,
                   .resolved_h = resolved_closure_h(half, shape, p),
                   .reduced_h = course.reepithelialisation_lag_h + half / course.keratinocyte_front_um_per_h});
  };
  add("mean wound", load.wound_width_um_mean, WoundShape::circular);
  add("90th percentile wound", load.wound_width_um_p90, WoundShape::circular);
  add("largest merged wound", load.max_confluent_width_um, WoundShape::line);
  return out;
}

void declare_wound_closure_parameters(Registry& registry) {
  const std::string model = "Sherratt & Murray 1991, J Math Biol 29:389-404 (activator case)";
  const std::string dimensionless =
      "dimensionless, as published: " + model + "; values from public implementations (shared research healing.md 2.1)";
  registry.add({.path = "response.resolved_closure.shedding_rate_per_h",
                .unit = "1/h",
                .min = 1e-3,
                .max = 10.0,
                .default_value = Value{0.1260},
                .description = "resolved wound closure: epidermal time scale k (1/k is the model's time unit)",
                .source = "fitted: the planar front's lag (dimensionless 1.0080 / k, line wounds of 10-40 front "
                          "widths) equals response.reepithelialisation_lag_h (8 h) (calibration rows: "
                          "comp_stumpp2009_reepithelialisation)"});
  registry.add({.path = "response.resolved_closure.cell_diffusivity_um2_per_h",
                .unit = "um2/h",
                .min = 1e-2,
                .max = 1e4,
                .default_value = Value{174.7},
                .description = "resolved wound closure: basal-cell motility D",
                .source = "fitted: the planar front's speed (dimensionless 2.1311 sqrt(D k)) equals "
                          "response.keratinocyte_front_um_per_h (10 um/h); 175 um2/h = 4.9e-10 cm2/s, the order "
                          "of the epidermal cell motility of the 1990 paper (from memory) (calibration rows: "
                          "comp_stumpp2009_reepithelialisation)"});
  const auto ratio = [&](const char* key, double value, double min, double max, const char* description) {
    registry.add({.path = fmt::format("response.resolved_closure.{}", key),
                  .min = min,
                  .max = max,
                  .default_value = Value{value},
                  .description = fmt::format("resolved wound closure: {}", description),
                  .source = dimensionless});
  };
  ratio("chemical_diffusivity_ratio", 900.0, 1.0, 1e5, "activator diffusivity over cell motility (0.45 / 5e-4)");
  ratio("chemical_decay_ratio", 30.0, 0.1, 1e3, "activator decay rate over the shedding rate");
  ratio("alpha", 0.1, 0.01, 1.0, "cell density at which activator production peaks");
  ratio("mitotic_enhancement", 10.0, 1.5, 100.0, "maximal mitotic enhancement h");
  ratio("activator_of_peak_mitosis", 40.0, 2.0, 1e3, "activator level of maximal mitosis c_m");
  registry.add({.path = "response.resolved_closure.healed_density",
                .min = 0.1,
                .max = 0.99,
                .default_value = Value{0.8},
                .description = "resolved wound closure: cell density counted as healed",
                .source = "healing criterion of published implementations of " + model});
}

WoundClosureParameters wound_closure_parameters_from(const ParameterSet& parameters) {
  const auto get = [&](const char* key) { return parameters.real(fmt::format("response.resolved_closure.{}", key)); };
  return {.shedding_rate_per_h = get("shedding_rate_per_h"),
          .cell_diffusivity_um2_per_h = get("cell_diffusivity_um2_per_h"),
          .chemical_diffusivity_ratio = get("chemical_diffusivity_ratio"),
          .chemical_decay_ratio = get("chemical_decay_ratio"),
          .alpha = get("alpha"),
          .h = get("mitotic_enhancement"),
          .c_m = get("activator_of_peak_mitosis"),
          .healed_density = get("healed_density")};
}

}  // namespace mnsim::response
