#pragma once
// The caffeine-like layered skin of the resolved and reduced transport tests and benchmarks:
// SC D 1e-3 um2/s, K 4.4 (Kp = K D / h = 1.2e-4 cm/h), viable tissue D 220 um2/s, K 0.6, channel
// water 760 um2/s, on a 13/80/150/1757/1000 um stack.
#include "transport/tissue_transport.hpp"

namespace mnsim::transport::test {

inline TissueTransport caffeine_like() {
  TissueTransport t;
  const double thickness[5] = {13, 80, 150, 1757, 1000};
  for (std::size_t i = 0; i < 5; ++i) {
    t.layers[i].thickness_um = thickness[i];
    t.layers[i].diffusivity_um2_per_s = i == 0 ? 1.0e-3 : 220.0;
    t.layers[i].partition = i == 0 ? 4.4 : 0.6;
  }
  t.channel_diffusivity_um2_per_s = 760.0;
  t.kp_stratum_corneum_cm_per_h = 4.4 * 1.0e-3 / 13.0 * 3600.0 * 1e-4;
  return t;
}

}  // namespace mnsim::transport::test
