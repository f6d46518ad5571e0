#include "mechanics/injury.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/rng.hpp"
#include "core/statistics.hpp"

namespace mnsim::mechanics {

InjuryParameters injury_parameters_from(const ParameterSet& p) {
  InjuryParameters ip;
  ip.insertion = insertion_parameters_from(p);
  ip.depth_cv = p.real("mechanics.depth_cv");
  ip.bruising_per_plexus_fraction = p.real("mechanics.bruising_per_plexus_fraction");
  ip.anticoagulant_factor = p.real("mechanics.anticoagulant_bruising_factor");
  const auto& conditions = p.list("patient.conditions");
  ip.anticoagulated = std::find(conditions.begin(), conditions.end(), "anticoagulant") != conditions.end() ||
                      std::find(conditions.begin(), conditions.end(), "antiplatelet") != conditions.end();
  return ip;
}

namespace {

// Punctures per random stream and per partial sum: a fixed partition, whatever the thread count.
constexpr std::size_t chunk_size = 4096;

Spread spread_of(const std::vector<float>& values) {
  Spread s;
  if (values.empty()) return s;
  std::vector<double> v(values.begin(), values.end());
  double sum = 0.0;
  for (const double x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  const auto q = quantiles(std::move(v), {0.1, 0.5, 0.9});
  s.p10 = q[0];
  s.p50 = q[1];
  s.p90 = q[2];
  return s;
}

// Volume of tissue the needle displaced: cone (tip) plus cylinder (shaft), and the slit a tear
// opens behind it.
double wound_volume_um3(const device::DeviceSpec& d, double depth_um, double elongation_um) {
  const double tip = std::min(depth_um, d.tip_length_um());
  const double r0 = d.tip_radius_um;
  const double r1 = d.radius_at_um(tip);
  const double cone = std::numbers::pi * tip / 3.0 * (r0 * r0 + r0 * r1 + r1 * r1);
  const double shaft = std::numbers::pi * r1 * r1 * std::max(0.0, depth_um - tip);
  const double slit = elongation_um * 2.0 * r1 * depth_um * 0.5;
  return cone + shaft + slit;
}

// Injured tissue as the union of the wounds, depth by depth. At depth z the wounds reaching below
// it cut summed cross-sections a(z) per unit area; wounds laid at random leave 1 - exp(-a(z)) of
// that plane injured (a Boolean model, as the response's signalled area), so tissue torn by two
// overlapping wounds counts once. Dense pens (several wounds per spot) injure far less than their
// summed wound volumes; sparse rollers and arrays barely differ. Depths go into a histogram of
// union_depth_bins bins whose centres stand for their wounds: serial, and as exact as the bins.
// Returns um3 of tissue per um2 of surface.
constexpr int union_depth_bins = 400;

double union_of_wounds_um(const std::vector<float>& depth_um, const std::vector<float>& elongation_um,
                          const device::DeviceSpec& device, double area_um2) {
  const float deepest = depth_um.empty() ? 0.0F : *std::max_element(depth_um.begin(), depth_um.end());
  if (!(deepest > 0.0F) || !(area_um2 > 0.0)) return 0.0;
  const double bin_um = static_cast<double>(deepest) / union_depth_bins;
  std::vector<double> count(union_depth_bins, 0.0), elongation(union_depth_bins, 0.0);
  for (std::size_t i = 0; i < depth_um.size(); ++i) {
    if (!(depth_um[i] > 0.0F)) continue;
    const auto b = static_cast<std::size_t>(std::min(union_depth_bins - 1, static_cast<int>(depth_um[i] / bin_um)));
    count[b] += 1.0;
    elongation[b] += elongation_um[i];
  }
  // The slit a tear opens is a wedge, 2 r1 wide (r1 the radius where the tip meets the shaft, or at
  // the surface for a wound shallower than the tip), its length falling from the surface to the tip.
  std::vector<double> slit_width_um(union_depth_bins);
  for (std::size_t b = 0; b < slit_width_um.size(); ++b) {
    slit_width_um[b] = 2.0 * device.radius_at_um(std::min((b + 0.5) * bin_um, device.tip_length_um()));
  }
  double injured_um = 0.0;
  for (int k = 0; k < union_depth_bins; ++k) {
    const double z = (k + 0.5) * bin_um;
    double cross_um2 = 0.0;
    for (int b = k; b < union_depth_bins; ++b) {
      const auto u = static_cast<std::size_t>(b);
      if (count[u] == 0.0) continue;
      const double tip_depth = (b + 0.5) * bin_um;
      const double r = device.radius_at_um(tip_depth - z);
      cross_um2 += count[u] * std::numbers::pi * r * r + elongation[u] * slit_width_um[u] * (1.0 - z / tip_depth);
    }
    injured_um += (1.0 - std::exp(-cross_um2 / area_um2)) * bin_um;
  }
  return injured_um;
}

}  // namespace

Injury compute_injury(const device::PunctureMap& map, const device::DeviceSpec& device, const skin::SkinModel& skin,
                      const Insertion& nominal, const InjuryParameters& p, double area_cm2, std::uint64_t seed) {
  Injury injury;
  injury.nominal = nominal;
  const std::size_t n = map.size();
  injury.depth_um.resize(n);
  injury.channel_depth_um.resize(n);
  injury.wound_radius_um.resize(n);
  injury.channel_radius_um.resize(n);
  injury.layer.resize(n);
  injury.bled.resize(n);

  const auto& vessels = skin.vascular();
  const double loop_density_per_um2 = vessels.capillary_loop_density_per_mm2 * 1e-6;
  const double capillary_radius_um = 0.5 * vessels.capillary_diameter_um;
  const double sigma = std::sqrt(std::log1p(p.depth_cv * p.depth_cv));
  const double plexus_depth = vessels.superficial_plexus_depth_um;

  const auto chunks = static_cast<long>((n + chunk_size - 1) / chunk_size);
  // Sums are taken per chunk and the chunks' sums added in chunk order: an OpenMP reduction adds
  // in an order set by the thread count, and the last bits it changes are amplified downstream
  // (the adaptive integrators of the response), so results would depend on OMP_NUM_THREADS.
  std::vector<double> chunk_volume_um3(static_cast<std::size_t>(chunks), 0.0);
  std::vector<double> chunk_vascularised_um3(static_cast<std::size_t>(chunks), 0.0);
  std::vector<std::size_t> chunk_plexus(static_cast<std::size_t>(chunks), 0);
#pragma omp parallel for schedule(static)
  for (long c = 0; c < chunks; ++c) {
    Rng rng = make_stream(seed ^ 0x1A7E5EEDULL, static_cast<std::uint64_t>(c));
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const std::size_t begin = static_cast<std::size_t>(c) * chunk_size;
    const std::size_t end = std::min(n, begin + chunk_size);
    double volume_um3 = 0.0;
    double vascularised_um3 = 0.0;
    std::size_t plexus = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const double factor = std::exp(sigma * normal(rng) - 0.5 * sigma * sigma);
      const double depth = std::min(device.needle_length_um, nominal.depth_um * factor);
      const double radius = depth > 0.0 ? device.radius_at_um(depth) : 0.0;
      injury.depth_um[i] = static_cast<float>(depth);
      injury.channel_depth_um[i] = static_cast<float>(p.insertion.channel_depth_recoil * depth);
      injury.wound_radius_um[i] = static_cast<float>(radius);
      injury.channel_radius_um[i] = static_cast<float>(p.insertion.channel_radius_recoil * radius);
      injury.layer[i] = static_cast<std::uint8_t>(skin.layer_at(depth));
      // Capillary loops: the needle section at the loop depth strikes a loop with the Poisson
      // probability 1 - exp(-n pi (r_needle + r_capillary)^2) (Blicharz et al. 2018 parameters).
      bool bled = false;
      const double below_loops = depth - vessels.capillary_loop_apex_depth_um;
      if (below_loops > 0.0) {
        const double r = device.radius_at_um(below_loops) + capillary_radius_um;
        bled = uniform(rng) < 1.0 - std::exp(-loop_density_per_um2 * std::numbers::pi * r * r);
      }
      injury.bled[i] = bled ? 1 : 0;
      if (depth > plexus_depth) ++plexus;
      volume_um3 += wound_volume_um3(device, depth, map.elongation_um[i]);
      // The needle's lowest part, below the loops, is the part of the wound in vascularised tissue.
      if (below_loops > 0.0) vascularised_um3 += wound_volume_um3(device, below_loops, map.elongation_um[i]);
    }
    chunk_volume_um3[static_cast<std::size_t>(c)] = volume_um3;
    chunk_vascularised_um3[static_cast<std::size_t>(c)] = vascularised_um3;
    chunk_plexus[static_cast<std::size_t>(c)] = plexus;
  }
  double volume_um3 = 0.0;
  double vascularised_um3 = 0.0;
  std::size_t plexus = 0;
  for (std::size_t c = 0; c < chunk_volume_um3.size(); ++c) {
    volume_um3 += chunk_volume_um3[c];
    vascularised_um3 += chunk_vascularised_um3[c];
    plexus += chunk_plexus[c];
  }

  auto& s = injury.summary;
  s.punctures = n;
  for (const auto pass : map.pass) s.passes = std::max(s.passes, pass + 1);
  s.area_cm2 = area_cm2;
  s.duration_s = map.duration_s;
  s.punctures_per_cm2 = static_cast<double>(n) / area_cm2;
  s.depth_um = spread_of(injury.depth_um);
  s.channel_depth_um = spread_of(injury.channel_depth_um);
  s.force_per_needle_N = nominal.force_per_needle_N;
  s.injured_volume_mm3_per_cm2 = volume_um3 * 1e-9 / area_cm2;
  s.vascularised_volume_mm3_per_cm2 = vascularised_um3 * 1e-9 / area_cm2;
  // um3 per um2 times 1e8 um2/cm2 times 1e-9 mm3/um3.
  s.injured_volume_union_mm3_per_cm2 =
      0.1 * union_of_wounds_um(injury.depth_um, map.elongation_um, device, area_cm2 * 1e8);
  if (n > 0) {
    double diameter = 0.0;
    std::size_t bled = 0;
    for (std::size_t i = 0; i < n; ++i) {
      diameter += 2.0 * injury.channel_radius_um[i];
      ++s.layer_fraction[injury.layer[i]];
      bled += injury.bled[i];
    }
    s.channel_diameter_um_mean = diameter / static_cast<double>(n);
    for (auto& f : s.layer_fraction) f /= static_cast<double>(n);
    s.bleeding_fraction = static_cast<double>(bled) / static_cast<double>(n);
    s.plexus_fraction = static_cast<double>(plexus) / static_cast<double>(n);
  }
  // Bruising needs the deeper plexus: its odds rise with the share of punctures reaching it and
  // with anticoagulation.
  const double factor = p.anticoagulated ? p.anticoagulant_factor : 1.0;
  s.bruising_probability = 1.0 - std::exp(-p.bruising_per_plexus_fraction * s.plexus_fraction * factor);
  // Tissue is displaced, not removed: what stays open, and can merge with its neighbours, is the
  // residual channel.
  s.confluence = confluence(
      {&map.x_mm, &map.y_mm, &injury.channel_radius_um, &map.elongation_um, &map.direction_rad, map.side_mm}, seed);
  return injury;
}

}  // namespace mnsim::mechanics
