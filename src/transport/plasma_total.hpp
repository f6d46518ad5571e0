#pragma once
// What all the products of one compound put into the blood together. Each product's exposure runs
// on its own clock, from its application; a numbing cream before the session and another after
// it add up in the same body. On the session's clock, every product's rate into the blood
// (flux times the treated area; 0 before it goes on, linear between its output times) is summed
// and fed to the one-compartment body, whose equation is linear, so the total is exact for those
// inputs.
#include <optional>
#include <string>
#include <vector>

#include "transport/exposure.hpp"
#include "transport/systemic.hpp"

namespace mnsim::transport {

struct CompoundPlasma {
  std::string compound;
  std::vector<std::string> products;
  OneCompartment body;  // the first product's (products of one compound share a body)
  // Hours from the start of the session, from the first application to the end of the
  // shortest-running product's experiment, and the plasma concentration then.
  std::vector<double> time_h, ng_per_ml, intact_ng_per_ml;
  double peak_ng_per_ml = 0.0, peak_h = 0.0, intact_peak_ng_per_ml = 0.0, intact_peak_h = 0.0;
  std::optional<double> toxic_ng_per_ml;
};

// One entry per compound with a plasma exposure, in the order of its first product.
std::vector<CompoundPlasma> plasma_by_compound(const std::vector<ProductExposure>& products);

}  // namespace mnsim::transport
