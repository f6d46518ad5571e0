#pragma once
// How much of a compound a product can hold dissolved. The un-ionised species saturates at the
// compound's intrinsic solubility S0; each ionised species adds its Henderson-Hasselbalch share
// on top, so the total solubility at a pH is S0 times a factor of at least 1 (the log S - pH
// profiles of weak acids, bases and ampholytes: S = S0 (1 + 10^(pH - pKa)) for an acid,
// S0 (1 + 10^(pKa - pH)) for a base; Avdeef, Absorption and Drug Development, Wiley 2003, ch. 6).
// Above it a product is a suspension: what is dissolved sets the flux, and the undissolved rest
// dissolves as the skin takes the compound up.
#include <optional>

#include "transport/compound.hpp"

namespace mnsim::transport {

// S / S0 at `ph`. An acid alone gains its anion above its pKa, a base alone its cation below its
// pKa. A compound with both groups is neutral (or a zwitterion) between its two pKa values: it
// gains a cation below the lower one and an anion above the higher one.
double ionised_solubility_factor(const Compound& compound, double ph);

// Solubility in an aqueous product at `ph`, mg/mL: the library's water solubility, taken as the
// intrinsic solubility S0 (a weak acid or base saturating pure water holds itself mostly
// un-ionised), times the factor above; none when the library has no water solubility. The limit
// set by the solubility of a salt of the ionised form (the pH_max of the profile) is not modelled,
// so far from the pKa this overstates the solubility: it can miss a suspension, never invent one.
std::optional<double> solubility_at_ph_mg_per_ml(const Compound& compound, double ph);

}  // namespace mnsim::transport
