#pragma once
// Resolved re-epithelialisation of single wounds: the Sherratt–Murray reaction–diffusion model
// of epidermal closure regulated by a mitosis-activating chemical (Sherratt & Murray 1990, Proc R
// Soc Lond B 241:29-36; 1991, J Math Biol 29:389-404), for a circular wound (a puncture, a
// fractional column) or a long straight one (a scratch, a merged track). It checks the reduced
// course model's closure law (a lag, then a front at constant speed across the half-gap) on a
// representative set of wounds: run.fidelity = "resolved" reports both side by side.
//
//   dn/dt = D lap(n) + s(c) n (2 - n) k - k n          cell density n (1 = intact epidermis)
//   dc/dt = Dc lap(c) + lambda (f(n) - c)              activator c (1 = unwounded level)
//   s(c) = 2 cm (h - beta) c / (cm^2 + c^2) + beta,    beta = (1 + cm^2 - 2 h cm) / (cm - 1)^2
//   f(n) = n (1 + alpha^2) / (n^2 + alpha^2)
// Wounded at t = 0: n = c = 0 inside the half-width, 1 outside; closed when n >= 0.8 at the
// wound centre (the last point to heal).
#include <string>
#include <vector>

#include "core/parameter_set.hpp"
#include "core/registry.hpp"
#include "response/parameters.hpp"
#include "response/wound_load.hpp"

namespace mnsim::response {

struct WoundClosureParameters {
  double shedding_rate_per_h = 0.0;         // k: time scale of the epidermis
  double cell_diffusivity_um2_per_h = 0.0;  // D: random motility of basal cells
  // Dimensionless, as published (activator case).
  double chemical_diffusivity_ratio = 900.0;  // Dc / D (0.45 / 5e-4)
  double chemical_decay_ratio = 30.0;         // lambda / k
  double alpha = 0.1;                         // cell density of peak activator production
  double h = 10.0;                            // maximal mitotic enhancement
  double c_m = 40.0;                          // activator level of maximal mitosis
  double healed_density = 0.8;                // closure criterion
};

enum class WoundShape { circular, line };

// One wound's closure: the time the centre reached the healed density (hours after wounding).
// Throws NumericalError when the integrator fails, InputError for a non-positive half-width.
double resolved_closure_h(double half_width_um, WoundShape shape, const WoundClosureParameters& p);

// Front speed and lag of the closure law t = lag + half_width / speed, fitted by least squares to
// resolved closure times of line wounds with the given half-widths (the planar front the reduced
// law assumes).
struct FrontLaw {
  double lag_h = 0.0;
  double speed_um_per_h = 0.0;
};
FrontLaw fit_front_law(const std::vector<double>& half_widths_um, const WoundClosureParameters& p);

// The reduced law beside the resolved model on a session's representative wounds: the mean and
// 90th-percentile single wound (circular) and the largest merged wound (a line, its narrow
// dimension). The reduced time uses the course's base lag and front speed (no age slowing).
struct ClosureCheck {
  std::string wound;
  double half_width_um = 0.0;
  double resolved_h = 0.0;
  double reduced_h = 0.0;
};
std::vector<ClosureCheck> check_closure_law(const WoundLoad& load, const CourseParameters& course,
                                            const WoundClosureParameters& p);

void declare_wound_closure_parameters(Registry& registry);
WoundClosureParameters wound_closure_parameters_from(const ParameterSet& parameters);

}  // namespace mnsim::response
