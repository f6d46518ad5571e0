#include "transport/patch.hpp"

#include <stdexcept>

namespace mnsim::transport {

std::vector<Channel> patch_channels(const device::PunctureMap& map, const mechanics::Injury& injury, double side_um) {
  if (injury.channel_depth_um.size() != map.size() || injury.channel_radius_um.size() != map.size())
    throw std::invalid_argument("patch_channels: the Injury does not match the puncture map");
  const double corner_um = 0.5 * (map.side_mm * 1e3 - side_um);
  std::vector<Channel> channels;
  for (std::size_t i = 0; i < map.size(); ++i) {
    const double x = map.x_mm[i] * 1e3 - corner_um, y = map.y_mm[i] * 1e3 - corner_um;
    const double depth = injury.channel_depth_um[i], radius = injury.channel_radius_um[i];
    if (x < 0.0 || x >= side_um || y < 0.0 || y >= side_um || !(depth > 0.0) || !(radius > 0.0)) continue;
    channels.push_back({x, y, depth, radius});
  }
  return channels;
}

}  // namespace mnsim::transport
