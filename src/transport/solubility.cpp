#include "transport/solubility.hpp"

#include <algorithm>
#include <cmath>

namespace mnsim::transport {

double ionised_solubility_factor(const Compound& compound, double ph) {
  const auto& acid = compound.pka_acid;
  const auto& base = compound.pka_base;
  if (acid && base) {
    const double low = std::min(*acid, *base), high = std::max(*acid, *base);
    return 1.0 + std::pow(10.0, low - ph) + std::pow(10.0, ph - high);
  }
  if (acid) return 1.0 + std::pow(10.0, ph - *acid);
  if (base) return 1.0 + std::pow(10.0, *base - ph);
  return 1.0;
}

std::optional<double> solubility_at_ph_mg_per_ml(const Compound& compound, double ph) {
  if (!compound.water_solubility_mg_per_l) return std::nullopt;
  return *compound.water_solubility_mg_per_l * 1e-3 * ionised_solubility_factor(compound, ph);
}

}  // namespace mnsim::transport
