#include "transport/systemic.hpp"

#include <cmath>
#include <numbers>

namespace mnsim::transport {

double OneCompartment::half_life_h() const { return std::numbers::ln2 * volume_l / clearance_l_per_h; }

OneCompartment one_compartment(double volume_l_per_kg, double clearance_ml_per_min_per_kg, double weight_kg) {
  constexpr double l_per_h_per_ml_per_min = 60.0 / 1000.0;
  return {volume_l_per_kg * weight_kg, clearance_ml_per_min_per_kg * weight_kg * l_per_h_per_ml_per_min};
}

std::vector<double> plasma_ng_per_ml(const OneCompartment& body, std::span<const double> time_h,
                                     std::span<const double> rate_ug_per_h) {
  const double k = body.clearance_l_per_h / body.volume_l;
  std::vector<double> c(time_h.size());
  double t0 = 0.0, r0 = 0.0, c0 = 0.0;
  for (std::size_t i = 0; i < time_h.size(); ++i) {
    const double dt = time_h[i] - t0, r1 = rate_ug_per_h[i];
    const double x = k * dt;
    // Over the piece, R(s) = r0 + (r1 - r0) s / dt, and
    //   C1 = C0 e^-x + [r0 (1 - e^-x) / k + (r1 - r0) (x - (1 - e^-x)) / (k^2 dt)] / V.
    // x - (1 - e^-x) loses its digits for small x; its series is used there.
    const double decayed = -std::expm1(-x);
    const double ramp = x < 1e-4 ? x * x * (0.5 - x / 6.0) : x - decayed;
    c[i] = c0 * std::exp(-x) + (r0 * decayed / k + (r1 - r0) * ramp / (k * x)) / body.volume_l;
    t0 = time_h[i];
    r0 = r1;
    c0 = c[i];
  }
  return c;
}

}  // namespace mnsim::transport
