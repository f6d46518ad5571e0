#include "device/puncture_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "core/parallel_failure.hpp"
#include "core/rng.hpp"

namespace mnsim::device {

Protocol protocol_from(const ParameterSet& p) {
  Protocol protocol;
  protocol.passes = static_cast<int>(p.integer("protocol.passes"));
  protocol.area_cm2 = p.real("protocol.area_cm2");
  protocol.glide_speed_mm_per_s = p.real("protocol.glide_speed_mm_per_s");
  protocol.application_speed_mm_per_s = p.real("protocol.application_speed_mm_per_s");
  if (p.has("protocol.application_force_N")) protocol.application_force_N = p.real("protocol.application_force_N");
  protocol.pressed_home = p.text("protocol.press") == "home";
  protocol.hold_s = p.real("protocol.hold_s");
  if (p.has("protocol.applicator_mass_g")) protocol.applicator_mass_g = p.real("protocol.applicator_mass_g");
  protocol.slip_fraction = p.real("protocol.slip_fraction");
  protocol.pen_dwell_fraction = p.real("protocol.pen_dwell_fraction");
  protocol.hand_jitter_mm = p.real("protocol.hand_jitter_mm");
  return protocol;
}

void check_protocol_for(const ParameterSet& p, const DeviceSpec& device) {
  if (device.type == DeviceType::pen && p.has("protocol.application_force_N"))
    throw InputError(p.entry("protocol.application_force_N").origin, "protocol.application_force_N",
                     "a pen drives its needles by its motor: the force on it does not set the depth",
                     "remove application_force_N, or use a stamp, patch or roller");
  const bool pressed = device.type == DeviceType::stamp || device.type == DeviceType::patch;
  if (!pressed && p.text("protocol.press") != "home")
    throw InputError(p.entry("protocol.press").origin, "protocol.press",
                     "only a stamp or patch is pressed through a set displacement; pens and rollers drive "
                     "their needles by stroke or by rolling",
                     "remove protocol.press, or use a stamp or patch");
  if (p.real("protocol.hold_s") > 0.0 && !(pressed && p.has("protocol.application_force_N")))
    throw InputError(p.entry("protocol.hold_s").origin, "protocol.hold_s",
                     "a hold time needs a stamp or patch pressed under a given force",
                     "set protocol.application_force_N on a stamp or patch, or remove protocol.hold_s");
  if (p.has("protocol.applicator_mass_g")) {
    const auto& origin = p.entry("protocol.applicator_mass_g").origin;
    if (!pressed || p.text("protocol.press") != "home")
      throw InputError(origin, "protocol.applicator_mass_g",
                       "an impact applicator shoots a stamp or patch home; pens, rollers and machine-driven "
                       "displacements are not limited by its energy",
                       "remove protocol.applicator_mass_g, or use a stamp or patch with protocol.press = \"home\"");
    if (p.has("protocol.application_force_N"))
      throw InputError(origin, "protocol.applicator_mass_g",
                       "the depth is set either by an impact applicator's energy or by a pressing force, not both",
                       "remove protocol.application_force_N (the applicator's speed is "
                       "protocol.application_speed_mm_per_s), or remove protocol.applicator_mass_g");
  }
  if (p.text("protocol.endpoint") == "treatment_time" && !p.has("protocol.treatment_time_s_per_cm2"))
    throw InputError(p.entry("protocol.endpoint").origin, "protocol.endpoint",
                     "the treatment_time endpoint needs the time spent per cm2",
                     "set protocol.treatment_time_s_per_cm2, e.g. 10");
}

void PunctureMap::append(const PunctureMap& other) {
  x_mm.insert(x_mm.end(), other.x_mm.begin(), other.x_mm.end());
  y_mm.insert(y_mm.end(), other.y_mm.begin(), other.y_mm.end());
  t_s.insert(t_s.end(), other.t_s.begin(), other.t_s.end());
  elongation_um.insert(elongation_um.end(), other.elongation_um.begin(), other.elongation_um.end());
  direction_rad.insert(direction_rad.end(), other.direction_rad.begin(), other.direction_rad.end());
  pass.insert(pass.end(), other.pass.begin(), other.pass.end());
}

std::vector<Offset> head_layout(const DeviceSpec& device) {
  // The N grid points (pitch p) nearest the centre: a round cartridge or a square stamp face.
  const int n = device.needles;
  const int half = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n)))) + 1;
  std::vector<Offset> grid;
  const double offset = (n % 2 == 0) ? 0.5 : 0.0;  // even counts sit symmetrically around the centre
  for (int i = -half; i <= half; ++i) {
    for (int j = -half; j <= half; ++j) {
      grid.push_back({(i + offset) * device.pitch_mm, (j + offset) * device.pitch_mm});
    }
  }
  std::stable_sort(grid.begin(), grid.end(), [](const Offset& a, const Offset& b) {
    return a.along * a.along + a.across * a.across < b.along * b.along + b.across * b.across;
  });
  grid.resize(static_cast<std::size_t>(n));
  return grid;
}

namespace {

// One straight line of work across the square: a pen or roller swath, or a row of stamps.
struct Swath {
  int pass = 0;
  double angle = 0.0;   // direction of motion
  double across = 0.0;  // offset of the swath centre line
  double u0 = 0.0;      // start and end along the motion, within the square
  double u1 = 0.0;
  double t0 = 0.0;  // start time
};

// The stretch of the line {u e_u + v e_v} that lies inside the square [0, L]^2.
bool chord(double angle, double v, double side, double& u0, double& u1) {
  const double c = std::cos(angle);
  const double s = std::sin(angle);
  // x = u c - v s, y = u s + v c; each coordinate within [0, L] bounds u.
  double lo = -1e300;
  double hi = 1e300;
  auto bound = [&](double slope, double intercept) {
    if (std::abs(slope) < 1e-12) return intercept >= 0.0 && intercept <= side;
    double a = (0.0 - intercept) / slope;
    double b = (side - intercept) / slope;
    if (a > b) std::swap(a, b);
    lo = std::max(lo, a);
    hi = std::min(hi, b);
    return true;
  };
  if (!bound(c, -v * s) || !bound(s, v * c)) return false;
  u0 = lo;
  u1 = hi;
  return hi > lo;
}

// Pass k glides at 0, 90, 45 and 135 degrees in turn, the usual cross-hatching.
double pass_angle(int pass) {
  constexpr std::array<double, 4> degrees{0.0, 90.0, 45.0, 135.0};
  return degrees[static_cast<std::size_t>(pass) % degrees.size()] * std::numbers::pi / 180.0;
}

double swath_width_mm(const DeviceSpec& d) {
  switch (d.type) {
    case DeviceType::roller:
      return d.drum_width_mm;
    case DeviceType::pen:  // the needle cluster, not the cartridge housing, sets the swath
    case DeviceType::stamp:
    case DeviceType::patch:
      return std::ceil(std::sqrt(static_cast<double>(d.needles))) * d.pitch_mm;
  }
  return 1.0;
}

// Time to work along one swath.
double swath_duration_s(const DeviceSpec& d, const Protocol& p, double length_mm, double width_mm) {
  if (d.type == DeviceType::stamp || d.type == DeviceType::patch) {
    // One stamp a second, each stamp one footprint further (an assumption of the model).
    return std::ceil(length_mm / width_mm);
  }
  return length_mm / p.glide_speed_mm_per_s;
}

std::vector<Swath> plan_swaths(const DeviceSpec& d, const Protocol& p, double side, std::uint64_t seed) {
  std::vector<Swath> swaths;
  const double width = swath_width_mm(d);
  double t = 0.0;
  for (int pass = 0; pass < p.passes; ++pass) {
    const double angle = pass_angle(pass);
    // Range of the across-coordinate v over the square's corners.
    double vmin = 1e300;
    double vmax = -1e300;
    for (const auto& [x, y] :
         {std::pair{0.0, 0.0}, std::pair{side, 0.0}, std::pair{0.0, side}, std::pair{side, side}}) {
      const double v = -x * std::sin(angle) + y * std::cos(angle);
      vmin = std::min(vmin, v);
      vmax = std::max(vmax, v);
    }
    // Each pass starts at a random phase so passes do not stack their swaths exactly.
    Rng rng = make_stream(seed, 0xA11CE000ULL + static_cast<std::uint64_t>(pass));
    const double phase = std::uniform_real_distribution<double>(0.0, width)(rng);
    for (double v = vmin - width + phase; v < vmax + width; v += width) {
      Swath s;
      s.pass = pass;
      s.angle = angle;
      s.across = v;
      if (!chord(angle, v, side, s.u0, s.u1)) continue;
      s.t0 = t;
      t += swath_duration_s(d, p, s.u1 - s.u0, width);
      swaths.push_back(s);
    }
  }
  return swaths;
}

class SwathWriter {
 public:
  SwathWriter(PunctureMap& out, const Swath& s, double side)
      : out_(out), swath_(s), side_(side), cos_(std::cos(s.angle)), sin_(std::sin(s.angle)) {}

  void add(double along, double across, double t, double elongation_um) {
    const double x = along * cos_ - across * sin_;
    const double y = along * sin_ + across * cos_;
    if (x < 0.0 || x > side_ || y < 0.0 || y > side_) return;  // outside the treated area
    out_.x_mm.push_back(x);
    out_.y_mm.push_back(y);
    out_.t_s.push_back(t);
    out_.elongation_um.push_back(static_cast<float>(elongation_um));
    out_.direction_rad.push_back(static_cast<float>(swath_.angle));
    out_.pass.push_back(static_cast<std::uint8_t>(swath_.pass));
  }

 private:
  PunctureMap& out_;
  const Swath& swath_;
  double side_;
  double cos_;
  double sin_;
};

void pen_swath(const DeviceSpec& d, const Protocol& p, const Swath& s, const std::vector<Offset>& head, Rng& rng,
               SwathWriter& w) {
  std::normal_distribution<double> jitter(0.0, p.hand_jitter_mm);
  const double step = p.glide_speed_mm_per_s / d.frequency_hz;  // distance between strokes
  const double elongation_um = 1000.0 * step * p.pen_dwell_fraction;
  const double reach = 0.5 * swath_width_mm(d);
  const auto strokes = static_cast<long>(std::floor((s.u1 - s.u0 + 2.0 * reach) / step));
  for (long k = 0; k <= strokes; ++k) {
    const double along = s.u0 - reach + static_cast<double>(k) * step + jitter(rng);
    const double across = s.across + jitter(rng);
    const double t = s.t0 + static_cast<double>(k) / d.frequency_hz;
    for (const auto& o : head) w.add(along + o.along, across + o.across, t, elongation_um);
  }
}

void roller_swath(const DeviceSpec& d, const Protocol& p, const Swath& s, Rng& rng, SwathWriter& w) {
  std::normal_distribution<double> jitter(0.0, p.hand_jitter_mm);
  const int per_ring = d.needles / d.rows;
  const double circumferential_pitch = std::numbers::pi * d.drum_diameter_mm / per_ring;
  const double row_pitch = d.drum_width_mm / d.rows;
  // A pressed and dragged drum slides while a needle is in the skin: the contact chord of a
  // needle of length L on a drum of radius R is about 2 sqrt(2 R L).
  const double contact_mm = 2.0 * std::sqrt(2.0 * 0.5 * d.drum_diameter_mm * d.needle_length_um / 1000.0);
  const double elongation_um = 1000.0 * p.slip_fraction * contact_mm;
  const double across = s.across + jitter(rng);
  const double phase = std::uniform_real_distribution<double>(0.0, circumferential_pitch)(rng);
  for (double along = s.u0 + phase; along <= s.u1; along += circumferential_pitch) {
    const double t = s.t0 + (along - s.u0) / p.glide_speed_mm_per_s;
    for (int r = 0; r < d.rows; ++r) {
      w.add(along, across - 0.5 * d.drum_width_mm + (r + 0.5) * row_pitch, t, elongation_um);
    }
  }
}

void stamp_swath(const DeviceSpec& d, const Protocol& p, const Swath& s, const std::vector<Offset>& face, Rng& rng,
                 SwathWriter& w) {
  std::normal_distribution<double> jitter(0.0, p.hand_jitter_mm);
  const double footprint = swath_width_mm(d);
  int index = 0;
  for (double along = s.u0 + 0.5 * footprint; along - 0.5 * footprint <= s.u1; along += footprint, ++index) {
    const double a = along + jitter(rng);
    const double c = s.across + jitter(rng);
    for (const auto& o : face) w.add(a + o.along, c + o.across, s.t0 + index, 0.0);
  }
}

}  // namespace

PunctureMap generate_puncture_map(const DeviceSpec& device, const Protocol& protocol, std::uint64_t seed) {
  const double side = std::sqrt(protocol.area_cm2) * 10.0;
  const auto swaths = plan_swaths(device, protocol, side, seed);
  const auto head = head_layout(device);

  // Swaths are independent: each fills its own map from its own random stream, and the maps are
  // joined in swath order, so the result is the same for any number of threads.
  std::vector<PunctureMap> parts(swaths.size());
  const auto n = static_cast<long>(swaths.size());
  ParallelFailure failure;  // a swath too large for memory must not end the process
#pragma omp parallel for schedule(dynamic, 4)
  for (long i = 0; i < n; ++i) {
    failure.run(static_cast<std::size_t>(i), [&] {
      const auto& s = swaths[static_cast<std::size_t>(i)];
      Rng rng = make_stream(seed, static_cast<std::uint64_t>(i));
      SwathWriter writer(parts[static_cast<std::size_t>(i)], s, side);
      switch (device.type) {
        case DeviceType::pen:
          pen_swath(device, protocol, s, head, rng, writer);
          break;
        case DeviceType::roller:
          roller_swath(device, protocol, s, rng, writer);
          break;
        case DeviceType::stamp:
        case DeviceType::patch:
          stamp_swath(device, protocol, s, head, rng, writer);
          break;
      }
    });
  }
  failure.rethrow_if_failed();

  PunctureMap map;
  map.side_mm = side;
  std::size_t total = 0;
  for (const auto& part : parts) total += part.size();
  map.x_mm.reserve(total);
  map.y_mm.reserve(total);
  map.t_s.reserve(total);
  map.elongation_um.reserve(total);
  map.direction_rad.reserve(total);
  map.pass.reserve(total);
  for (const auto& part : parts) map.append(part);
  if (!swaths.empty()) {
    const auto& last = swaths.back();
    map.duration_s = last.t0 + swath_duration_s(device, protocol, last.u1 - last.u0, swath_width_mm(device));
  }
  return map;
}

}  // namespace mnsim::device
