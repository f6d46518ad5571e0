#pragma once
// An explicit patch of treated skin for resolved transport: the punctures of the Injury that fall
// in a square window at the centre of the treated area, each a channel at its own position, depth
// and radius. Beside the periodic unit cell (one typical channel of a regular array) it shows
// what an irregular pattern does: overlapping passes, scattered depths, gaps between swaths.
#include <vector>

#include "device/puncture_map.hpp"
#include "mechanics/injury.hpp"
#include "transport/unit_cell.hpp"

namespace mnsim::transport {

// The channels of the punctures inside the window of side `side_um` centred on the treated area,
// positioned relative to the window's corner (0, 0). Punctures whose channel did not stay open
// (depth or radius 0) are left out.
std::vector<Channel> patch_channels(const device::PunctureMap& map, const mechanics::Injury& injury, double side_um);

}  // namespace mnsim::transport
