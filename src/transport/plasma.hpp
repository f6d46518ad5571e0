#pragma once
// What a product that reaches the blood does to the plasma concentration, alone and together
// with the other products of its compound. A product's own exposure: its flux into the blood over
// the treated area feeds the one-compartment body of its compound's disposition (systemic.hpp).
// All the products of one compound together: each product's exposure runs on its own clock, from
// its application, but a numbing cream before the session and another after it add up in the same
// body. On the session's clock, every product's rate into the blood (flux times the treated area;
// 0 before it goes on, linear between its output times) is summed and fed to the body, whose
// equation is linear, so the total is exact for those inputs.
#include <optional>
#include <string>
#include <vector>

#include "transport/compound.hpp"
#include "transport/exposure.hpp"
#include "transport/systemic.hpp"

namespace mnsim::transport {

// A product's plasma course over `area_cm2` of a person of `weight_kg`, with and without
// treatment, and its peaks over the corners of the disposition's published ranges.
PlasmaExposure plasma_exposure(const Disposition& d, double weight_kg, double area_cm2, const ExposureSeries& series);

struct CompoundPlasma {
  std::string compound;
  std::vector<std::string> products;
  OneCompartment body;                        // the first product's (products of one compound share a body)
  std::vector<OneCompartment> corner_bodies;  // and its bodies at the disposition's extremes
  // Hours from the start of the session, from the first application to the end of the
  // shortest-running product's experiment, and the plasma concentration then.
  std::vector<double> time_h, ng_per_ml, intact_ng_per_ml;
  double peak_ng_per_ml = 0.0, peak_h = 0.0, intact_peak_ng_per_ml = 0.0, intact_peak_h = 0.0;
  // The peaks over the corner bodies, widened to include the point estimate's.
  double peak_low_ng_per_ml = 0.0, peak_high_ng_per_ml = 0.0;
  double intact_peak_low_ng_per_ml = 0.0, intact_peak_high_ng_per_ml = 0.0;
  // When every product was sampled (transport.samples, reduced runs): the peak's 5-95 % range,
  // sample k of every product added up and fed to sample k's body (the first product's draw).
  int samples = 0;
  Percentiles sampled_peak, sampled_intact_peak;
  std::optional<double> toxic_ng_per_ml;
};

// One entry per compound with a plasma exposure, in the order of its first product.
std::vector<CompoundPlasma> plasma_by_compound(const std::vector<ProductExposure>& products);

}  // namespace mnsim::transport
