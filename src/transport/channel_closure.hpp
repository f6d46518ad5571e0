#pragma once
// How fast microchannels reseal. The open fraction phi(t) multiplies the conductance of every
// channel: a one-phase exponential, the form fitted to impedance recovery in human subjects
// (shared research transport.md 3.1), with a half-life that depends on occlusion, channel depth,
// species, age, skin colour and anti-inflammatory co-treatment. Occlusion may end before the
// channels close; the half-life switches then, so phi = exp(-ln2 * integral dt / t_half(t)).
#include <string>

#include "core/parameter_set.hpp"
#include "core/registry.hpp"

namespace mnsim::transport {

struct ClosureParameters {
  double open_half_life_h = 0.5;       // human, left open to air, at the reference depth
  double occluded_half_life_h = 23.0;  // human, occluded, at the reference depth
  double reference_depth_um = 250.0;
  double depth_exponent = 0.55;
  double rat_factor = 8.7;
  double age_slope_per_y = 0.01;   // fractional lengthening per year above 30
  double fitzpatrick_step = 0.08;  // fractional lengthening per Fitzpatrick type above II
  double nsaid_factor = 2.3;
  double override_half_life_h = 0.0;  // > 0 replaces every rule above (transport.closure_half_life_h)
  double excised_residual = 0.0;      // share of the conductance excised skin keeps (franz_cell)
};

struct ClosureConditions {
  std::string species = "human";
  double age_y = 30.0;
  int fitzpatrick = 2;
  bool topical_nsaid = false;
  double occlusion_h = 0.0;  // occluded from the session for this long, then open to air
  double channel_depth_um = 250.0;
  bool excised = false;  // skin off the body (experiment.mode = franz_cell): contracts, does not heal
};

// Registry entries transport.closure_* (declared by transport::declare_parameters).
void declare_closure_parameters(Registry& registry);
ClosureParameters closure_parameters_from(const ParameterSet& parameters);
// Reads patient.species/age_y/fitzpatrick, timeline.occlusion_h and timeline.topical_nsaid; the
// channel depth comes from the Injury.
ClosureConditions closure_conditions_from(const ParameterSet& parameters, double channel_depth_um);

class ClosureLaw {
 public:
  ClosureLaw(const ClosureParameters& parameters, const ClosureConditions& conditions);
  // A law with fixed half-lives (tests, the reduced model's sweep).
  ClosureLaw(double open_half_life_h, double occluded_half_life_h, double occlusion_h);
  // The same law with every half-life multiplied by `factor` (sampled persons).
  [[nodiscard]] ClosureLaw with_half_lives_scaled(double factor) const;
  // The same law with the residual multiplied by `factor` (sampled excised skin), below 1.
  [[nodiscard]] ClosureLaw with_residual_scaled(double factor) const;

  [[nodiscard]] double open_half_life_h() const { return open_half_life_h_; }
  [[nodiscard]] double occluded_half_life_h() const { return occluded_half_life_h_; }
  [[nodiscard]] double occlusion_h() const { return occlusion_h_; }
  // Share of the conductance that never closes: excised skin's channels contract but do not heal.
  [[nodiscard]] double residual() const { return residual_; }
  // Half-life in force right after the session: occluded if there is any occlusion.
  [[nodiscard]] double initial_half_life_h() const;
  // phi(t) in [residual, 1] t_h hours after the session, 1 at the session; 0 before it (a
  // product put on before the session meets no channels until then).
  [[nodiscard]] double open_fraction(double t_h) const;
  // First time phi falls to `fraction` (0 < fraction < 1); infinite when it is the residual or less.
  [[nodiscard]] double time_to_fraction_h(double fraction) const;
  // The channel window of summary.json: phi below 10 % of its initial value.
  [[nodiscard]] double window_h() const { return time_to_fraction_h(0.1); }
  // Integral of phi over [0, t]: hours of full-open-equivalent channel delivery.
  [[nodiscard]] double open_hours(double t_h) const;

 private:
  double open_half_life_h_;
  double occluded_half_life_h_;
  double occlusion_h_;
  double residual_ = 0.0;
};

// Readouts of closure in the data and the open fraction each corresponds to. Impedance and TEWL
// "back to baseline" = phi 0.164, fitted to the closure-time / half-life ratio of 2.61 in the
// three-site human study (PMC8259462: 58-63 h vs 20-26 h); dye imaging "pores closed" = phi 0.01.
constexpr double impedance_closed_fraction = 0.164;
constexpr double dye_closed_fraction = 0.01;

}  // namespace mnsim::transport
