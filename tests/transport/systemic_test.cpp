// The body as one compartment fed by a product through the skin: the exact piecewise-linear
// convolution against a fine Runge-Kutta integration, its steady state R / CL, and its half-life.
#include "transport/systemic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace {

using namespace mnsim::transport;

// dC/dt = R(t)/V - k C with R linear between the samples, by classic Runge-Kutta in small steps.
std::vector<double> runge_kutta(const OneCompartment& body, const std::vector<double>& t,
                                const std::vector<double>& rate) {
  const double k = body.clearance_l_per_h / body.volume_l;
  const auto input = [&](double s) {
    double t0 = 0.0, r0 = 0.0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (s <= t[i]) return r0 + (rate[i] - r0) * (s - t0) / (t[i] - t0);
      t0 = t[i];
      r0 = rate[i];
    }
    return r0;
  };
  const auto f = [&](double s, double c) { return input(s) / body.volume_l - k * c; };
  std::vector<double> out;
  double s = 0.0, c = 0.0;
  for (const double end : t) {
    const int n = 2000;
    const double h = (end - s) / n;
    for (int i = 0; i < n; ++i) {
      const double k1 = f(s, c), k2 = f(s + h / 2, c + h / 2 * k1), k3 = f(s + h / 2, c + h / 2 * k2),
                   k4 = f(s + h, c + h * k3);
      c += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
      s += h;
    }
    out.push_back(c);
  }
  return out;
}

TEST(Systemic, FollowsARisingAndFallingInputExactly) {
  const OneCompartment body{.volume_l = 115.0, .clearance_l_per_h = 63.0};  // lidocaine in 70 kg
  // Fluxes at uneven output times, as the transport solvers give them: up, a peak, a tail, off.
  const std::vector<double> t{0.01, 0.1, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 24.0};
  const std::vector<double> r{50.0, 400.0, 900.0, 600.0, 250.0, 80.0, 10.0, 0.0, 0.0};
  const auto exact = plasma_ng_per_ml(body, t, r);
  const auto numeric = runge_kutta(body, t, r);
  for (std::size_t i = 0; i < t.size(); ++i)
    EXPECT_NEAR(exact[i], numeric[i], 1e-9 * numeric[i] + 1e-12) << "t = " << t[i] << " h";
}

TEST(Systemic, AConstantInputSettlesAtRateOverClearance) {
  const OneCompartment body{.volume_l = 50.0, .clearance_l_per_h = 10.0};
  EXPECT_NEAR(body.half_life_h(), std::numbers::ln2 * 5.0, 1e-12);
  std::vector<double> t, r;
  for (int i = 1; i <= 200; ++i) {
    t.push_back(0.5 * i);
    r.push_back(1000.0);
  }
  const auto c = plasma_ng_per_ml(body, t, r);
  // After the first half hour's ramp the input is constant; 100 h is 14 half-lives.
  EXPECT_NEAR(c.back(), 1000.0 / 10.0, 1e-6);
  // A tiny clearance (k dt far below 1e-4) still integrates the input: C = (integral of R) / V.
  const OneCompartment slow{.volume_l = 50.0, .clearance_l_per_h = 1e-9};
  const std::vector<double> t2{1.0, 2.0}, r2{100.0, 100.0};
  const auto c2 = plasma_ng_per_ml(slow, t2, r2);
  EXPECT_NEAR(c2[0], 50.0 / 50.0, 1e-9);   // ramp from 0 to 100 over 1 h: 50 ug
  EXPECT_NEAR(c2[1], 150.0 / 50.0, 1e-9);  // then 100 ug more
}

}  // namespace
