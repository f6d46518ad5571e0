#pragma once
// What a product that reaches the blood does to its plasma concentration: the body as one
// well-mixed compartment of volume V with first-order elimination (clearance CL), fed at the rate
// the treated area passes the compound into the blood. dC/dt = R(t) / V - (CL / V) C.
#include <span>
#include <vector>

namespace mnsim::transport {

struct OneCompartment {
  double volume_l = 0.0;
  double clearance_l_per_h = 0.0;
  [[nodiscard]] double half_life_h() const;
};

// The body of a person of `weight_kg` from a volume and a clearance per kg, as tabulated.
OneCompartment one_compartment(double volume_l_per_kg, double clearance_ml_per_min_per_kg, double weight_kg);

// Plasma concentration (ug/L, i.e. ng/mL) at each time (hours, increasing, the first above 0) of
// an input whose rate (ug/h) is known at those times: 0 at time 0, linear between the times, into
// a body that holds none at first. Exact for such an input (the convolution with exp(-k t) of
// each linear piece).
std::vector<double> plasma_ng_per_ml(const OneCompartment& body, std::span<const double> time_h,
                                     std::span<const double> rate_ug_per_h);

}  // namespace mnsim::transport
