#pragma once
// How sure the transport outputs are: the reduced two-pathway model rerun with sampled inputs,
// giving the 5th, 50th and 95th percentiles of the enhancement ratio, the flux ratio at the end,
// the cumulative amount and the channel window. Sampled: the intact stratum corneum permeability (the prediction error
// of permeability QSARs; not for a measured Kp), the species' polar-pathway factor within its published range, the
// channels' closure half-life (its spread between people) and, for excised skin, the share of the channels' conductance
// it keeps (the spread of the flux ratio it was fitted to). Each sample draws from its own random stream of the run
// seed, so the percentiles do not depend on the thread count.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/parameter_set.hpp"
#include "core/registry.hpp"
#include "transport/channel_closure.hpp"
#include "transport/systemic.hpp"
#include "transport/two_pathway.hpp"

namespace mnsim::transport {

struct UncertaintySpread {
  double kp_sd_log10 = 0.78;                // SD of log10 Kp about the QSAR's prediction
  double closure_half_life_cv = 0.58;       // coefficient of variation of the closure half-lives
  double excised_residual_sd_log10 = 0.30;  // SD of log10 of excised skin's residual conductance
};

struct Percentiles {
  double p5 = 0.0, p50 = 0.0, p95 = 0.0;
};

// A layer a product is meant to hold at a concentration (product[].target_ug_per_ml): its depth
// range in the column, the target relative to the donor's concentration (the problem's amounts
// are micrometres of vehicle at unit concentration, so a layer's mean concentration in those units
// is what it holds over its thickness), and the output times its course is sampled at.
struct TargetLayer {
  double top_um = 0.0, bottom_um = 0.0;
  double relative_concentration = 0.0;
  std::vector<double> times_s;
};

// The body a product reaches (in vivo runs with a disposition): the flux into the blood of every
// sample, sampled at `times_s`, feeds a one-compartment body whose volume and clearance are drawn
// log-uniformly within their published ranges. `rate_ug_per_h_per_flux` turns the problem's flux
// (micrometres of vehicle per second) into micrograms per hour over the treated area.
struct SampledBody {
  double volume_low_l = 0.0, volume_high_l = 0.0;
  double clearance_low_l_per_h = 0.0, clearance_high_l_per_h = 0.0;
  double rate_ug_per_h_per_flux = 0.0;
  std::vector<double> times_s;
};

struct TransportUncertainty {
  int samples = 0;
  Percentiles enhancement_ratio;
  Percentiles end_flux_ratio;
  Percentiles cumulative;  // as the problem's amounts: micrometres of vehicle at unit concentration
  Percentiles window_h;
  // Hours the target layer holds its target, with and without treatment (only with a target).
  Percentiles target_hours_above, intact_target_hours_above;
  // Peak plasma concentration, ng/mL, with and without treatment (only with a body).
  Percentiles plasma_peak, intact_plasma_peak;
  // Only with a body, per sample: the flux into the blood at the body's times (the problem's units
  // until compute_exposure scales them to ug/cm2/h), with and without treatment, and the body it
  // fed, so that products of one compound can be added up sample by sample (transport/plasma.hpp).
  std::vector<std::vector<double>> flux_courses, intact_flux_courses;
  std::vector<OneCompartment> bodies;
};

// transport.samples, transport.kp_sd_log10, transport.closure_half_life_cv,
// transport.closure_excised_residual_sd_log10.
void declare_uncertainty_parameters(Registry& registry);
UncertaintySpread uncertainty_spread_from(const ParameterSet& parameters);

// `treated` holds the channels and its open fraction is ignored: each sample closes them with
// `law`'s half-lives times its own factor, `channel_age_h` after the session when the product
// goes on (negative for a product put on before the session). `kp_measured` leaves the intact permeability unsampled.
// Amounts at `end_s`.
// With a target or a body, every sample also runs through the output times and reports how long
// the layer holds the target, or the peak plasma concentration.
struct SampledOutputs {
  std::optional<TargetLayer> target;
  std::optional<SampledBody> body;
};
TransportUncertainty sample_transport(const TwoPathwayProblem& treated, const ClosureLaw& law, double channel_age_h,
                                      bool kp_measured, double end_s, const UncertaintySpread& spread, int samples,
                                      std::uint64_t seed, const SampledOutputs& outputs = {});

}  // namespace mnsim::transport
