#pragma once
// Where and when every needle enters the skin over the treated area, from the device kinematics
// and the protocol. Reproducible from the seed and independent of the thread count: each swath
// (pen or roller line, row of stamps) draws from its own random stream.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/parameter_set.hpp"
#include "device/device_spec.hpp"

namespace mnsim::device {

// Most passes over an area in one session (protocol.passes, and any endpoint turned into passes).
inline constexpr int max_passes = 20;

struct Protocol {
  int passes = 1;
  double area_cm2 = 1.0;
  double glide_speed_mm_per_s = 20.0;
  double application_speed_mm_per_s = 1.0;
  std::optional<double> application_force_N;  // stamp, patch, roller: unset = pressed home
  bool pressed_home = true;                   // stamp, patch: protocol.press = "home" (else "displacement")
  double hold_s = 0.0;                        // stamp, patch under a force: protocol.hold_s
  std::optional<double> applicator_mass_g;    // stamp, patch shot by an impact applicator
  double slip_fraction = 0.0;
  double pen_dwell_fraction = 0.25;
  double hand_jitter_mm = 0.2;
};

Protocol protocol_from(const ParameterSet& parameters);
// Throws InputError for protocol keys the device cannot take (a force on a motor-driven pen).
void check_protocol_for(const ParameterSet& parameters, const DeviceSpec& device);

// Structure of arrays, one entry per puncture, in swath order (time order within a swath).
struct PunctureMap {
  double side_mm = 0.0;  // the treated area is the square [0, side] x [0, side]
  std::vector<double> x_mm, y_mm, t_s;
  std::vector<float> elongation_um;  // tear length along the motion (drag, glide during dwell)
  std::vector<float> direction_rad;  // direction of motion at that puncture
  std::vector<std::uint8_t> pass;    // 0-based pass index
  double duration_s = 0.0;           // time to treat the whole area, all passes

  [[nodiscard]] std::size_t size() const { return x_mm.size(); }
  void append(const PunctureMap& other);
};

PunctureMap generate_puncture_map(const DeviceSpec& device, const Protocol& protocol, std::uint64_t seed);

// Needle positions relative to the device centre (pen head, stamp or patch face), in mm.
struct Offset {
  double along = 0.0;
  double across = 0.0;
};
std::vector<Offset> head_layout(const DeviceSpec& device);

}  // namespace mnsim::device
