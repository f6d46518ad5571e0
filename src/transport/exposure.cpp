#include "transport/exposure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "core/error.hpp"
#include "core/memory.hpp"
#include "core/rng.hpp"
#include "transport/channel_closure.hpp"
#include "transport/exposure_uncertainty.hpp"
#include "transport/jumps.hpp"
#include "transport/parameters.hpp"
#include "transport/patch.hpp"
#include "transport/permeability.hpp"
#include "transport/plasma.hpp"
#include "transport/resolved_solver.hpp"
#include "transport/solubility.hpp"
#include "transport/target.hpp"
#include "transport/tissue_transport.hpp"
#include "transport/two_pathway.hpp"
#include "transport/unit_cell.hpp"
#include "transport/vehicle_film.hpp"

namespace mnsim::transport {

namespace {

constexpr double um_to_cm = 1e-4;
// Amounts are solved per area in micrometres of vehicle at unit concentration; times the vehicle
// concentration in ug/cm3 and 1e-4 cm/um they are ug/cm2. Products are taken as 1 g/cm3.
constexpr double vehicle_um_per_mg_per_cm2 = 10.0;

template <class Series>
double balance_error(const Series& s) {
  const std::size_t k = s.time_s.size() - 1;
  const double total = s.donor[k] + s.skin[k] + s.receptor[k] + s.cleared[k] + s.removed - s.applied;
  return std::abs(total) / std::max({s.applied, s.supplied[k], 1e-300});
}

// What a run reports: `out` is what reached the receptor (in vitro) or the blood (in vivo), and
// `flux` its rate.
struct Run {
  std::vector<double> time_s, out, flux, skin, donor;
  double balance = 0.0;
  double applied = 0.0;        // by the end (0 for an infinite dose)
  double removed = 0.0;        // wiped off the surface (finite dose)
  ConcentrationFields fields;  // relative to the vehicle (vehicle = 1) until scaled
  std::vector<double> cell_top_um, cell_width_um;
  std::vector<std::vector<double>> cell_held;  // [output][cell]
};

template <class Series>
Run make_run(const Series& r) {
  Run run{r.time_s,  {},        r.flux, r.skin,        r.donor,         balance_error(r),
          r.applied, r.removed, {},     r.cell_top_um, r.cell_width_um, r.cell_held};
  for (std::size_t k = 0; k < r.time_s.size(); ++k) run.out.push_back(r.receptor[k] + r.cleared[k]);
  return run;
}

DepthProfile depth_profile(const Run& run, const skin::SkinModel& skin, double to_amount) {
  DepthProfile profile;
  const auto& held = run.cell_held.back();
  for (std::size_t i = 0; i < held.size(); ++i) {
    const double top = run.cell_top_um[i], bottom = top + run.cell_width_um[i];
    profile.top_um.push_back(top);
    profile.bottom_um.push_back(bottom);
    profile.held_ug_per_cm2.push_back(held[i] * to_amount);
    profile.layer.push_back(skin.layer_at(0.5 * (top + bottom)));
  }
  return profile;
}

// Output times: geometric from 36 s to the end, so that both the lag and the plateau are seen.
std::vector<double> output_times_s(double duration_h) {
  const double end = duration_h * seconds_per_hour;
  const double start = std::min(36.0, end / 100.0);
  const std::size_t n = 120;
  std::vector<double> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = start * std::pow(end / start, static_cast<double>(i) / (n - 1));
  t.back() = end;
  return t;
}

struct Setup {
  TissueTransport tissue;
  ChannelArray channels;
  double depth_um = 0.0;
  bool sink = true, finite = true;
  double vehicle_um = 0.0;
  FilmDrying drying;             // of a finite dose's film
  std::size_t applications = 1;  // of a finite dose, every interval_s
  double interval_s = std::numeric_limits<double>::infinity();
  std::function<double(double)> open_fraction;
  double channels_made_s = 0.0;                                // the session, after the product went on
  double removed_s = std::numeric_limits<double>::infinity();  // wiped off, after it went on
  double half_life_h = 0.0;
  // transport.geometry = "patch": the window's side and its channels (resolved runs only).
  double patch_um = 0.0;
  std::vector<Channel> patch;
};

// When the solvers restart for this setup (jumps.hpp).
JumpSchedule jump_schedule(const Setup& s) {
  return {s.finite, s.applications, s.interval_s, s.channels_made_s, s.removed_s};
}

TwoPathwayProblem reduced_problem(const Setup& s, bool with_channels) {
  TwoPathwayProblem p;
  p.tissue = s.tissue;
  if (with_channels) p.channels = s.channels;
  p.depth_um = s.depth_um;
  p.sink = s.sink;
  p.finite_dose = s.finite;
  p.vehicle_thickness_um = s.vehicle_um;
  p.drying = s.drying;
  p.applications = s.applications;
  p.interval_s = s.interval_s;
  p.open_fraction = s.open_fraction;
  p.channels_made_s = s.channels_made_s;
  p.removed_s = s.removed_s;
  return p;
}

Run run_reduced(const Setup& s, bool with_channels, const std::vector<double>& times) {
  return make_run(simulate_two_pathway(reduced_problem(s, with_channels), times));
}

// Side of the square cell around one channel of a regular array (200 um when there are none).
double unit_cell_pitch_um(const Setup& s) {
  return s.channels.density_per_cm2 > 0.0 ? 1e4 / std::sqrt(s.channels.density_per_cm2) : 200.0;
}

// The domain the resolved solver runs on: the explicit patch, or the quarter of the unit cell
// (unfold_quarter_cell in unit_cell.hpp).
DomainSpec resolved_spec(const Setup& s, const ParameterSet& parameters) {
  DomainSpec spec;
  spec.dx_um = parameters.real("transport.grid_um");
  spec.width_um = s.patch_um > 0.0 ? s.patch_um : 0.5 * unit_cell_pitch_um(s);
  spec.depth_um = s.depth_um;
  spec.max_dz_um = std::max(spec.dx_um, 20.0);
  spec.bottom = s.sink ? Bottom::sink : Bottom::closed;
  return spec;
}

// Indices of the output times nearest to each requested field time, in increasing order.
std::vector<std::size_t> nearest_outputs(const std::vector<double>& times_s, const std::vector<double>& field_times_h) {
  std::vector<std::size_t> picked;
  for (const double h : field_times_h) {
    const double t = h * seconds_per_hour;
    const auto above = std::lower_bound(times_s.begin(), times_s.end(), t);
    std::size_t k = static_cast<std::size_t>(above - times_s.begin());
    if (k == times_s.size() || (k > 0 && t - times_s[k - 1] < *above - t)) k = k == 0 ? 0 : k - 1;
    picked.push_back(k);
  }
  std::sort(picked.begin(), picked.end());
  picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
  return picked;
}

Run run_resolved(const Setup& s, bool with_channels, const std::vector<double>& times, const ParameterSet& parameters,
                 const std::vector<double>& field_times_h) {
  DomainSpec spec = resolved_spec(s, parameters);
  // Intact skin is laterally uniform: one column of voxels gives the same answer.
  if (!with_channels) spec.width_um = spec.dx_um;
  const bool patch = s.patch_um > 0.0;
  std::vector<Channel> channels;
  if (with_channels && patch) channels = s.patch;
  if (with_channels && !patch && s.channels.density_per_cm2 > 0.0)
    channels.push_back({0.0, 0.0, s.channels.depth_um, s.channels.radius_um});
  auto problem = build_domain(spec, s.tissue, channels);
  problem.finite_dose = s.finite;
  problem.vehicle_thickness_um = s.vehicle_um;
  problem.drying = s.drying;
  problem.applications = s.applications;
  problem.interval_s = s.interval_s;
  problem.open_fraction = s.open_fraction;
  problem.channels_made_s = s.channels_made_s;
  problem.removed_s = s.removed_s;
  ResolvedSolver solver(std::move(problem));
  ResolvedSchedule schedule;
  schedule.output_times_s = times;
  schedule.first_step_s = std::min(0.1, times.front());
  schedule.max_step_s = std::min(parameters.real("transport.max_step_s"), 0.1 * times.back());
  schedule.tolerance = parameters.real("transport.tolerance");
  schedule.closure_half_life_s = s.half_life_h * seconds_per_hour;
  const auto snapshots = nearest_outputs(times, field_times_h);
  auto series = solver.run(schedule, snapshots);
  Run run = make_run(series);
  if (!snapshots.empty()) {
    // Fields of the patch, or of the whole unit cell with the channel at its centre.
    const auto& g = solver.problem().geometry;
    auto& f = run.fields;
    const std::size_t copies = patch ? 1 : 2;
    for (std::size_t i = 0; i <= copies * g.nx; ++i) f.x_nodes_um.push_back(static_cast<double>(i) * g.dx_um);
    for (std::size_t i = 0; i <= copies * g.ny; ++i) f.y_nodes_um.push_back(static_cast<double>(i) * g.dx_um);
    f.z_nodes_um.push_back(0.0);
    for (const double dz : g.dz_um) f.z_nodes_um.push_back(f.z_nodes_um.back() + dz);
    for (const std::size_t k : snapshots) f.time_h.push_back(times[k] / seconds_per_hour);
    for (auto& field : series.snapshots)
      f.concentration_ug_per_cm3.push_back(patch ? std::move(field) : unfold_quarter_cell(field, g.nx, g.ny, g.nz()));
  }
  return run;
}

// Solubility of product i's compound in the product, mg/mL: product[i].saturation_mg_per_ml, or
// the library's water solubility at the product's pH; none when neither is known.
std::optional<double> product_solubility_mg_per_ml(const ParameterSet& parameters, std::size_t i,
                                                   const Compound& compound) {
  const auto key = fmt::format("product[{}].saturation_mg_per_ml", i);
  if (parameters.has(key)) return parameters.real(key);
  return solubility_at_ph_mg_per_ml(compound, compound.vehicle_ph);
}

// The film of a finite dose of product i: the compound's activity in it is held at saturation
// (a product above its solubility starts there, as a suspension), and its volatile part
// evaporates once it is open to air (after timeline.occlusion_h from the session), concentrating
// the compound. Refuses evaporation from an infinite dose, and a film that dries whole with no
// saturation to hold it.
FilmDrying film_drying(const ParameterSet& parameters, std::size_t i, const Compound& compound,
                       std::optional<double> solubility_mg_per_ml, bool finite) {
  const auto key = [&](std::string_view member) { return fmt::format("product[{}].{}", i, member); };
  FilmDrying d;
  // 1 % w/w of a product of 1 g/cm3 is 10 mg/mL.
  const double applied_mg_per_ml = parameters.real(key("concentration_pct")) * 10.0;
  if (finite && solubility_mg_per_ml) d.saturation_activity = *solubility_mg_per_ml / applied_mg_per_ml;
  d.volatile_fraction = parameters.real(key("volatile_fraction"));
  if (!(d.volatile_fraction > 0.0)) return d;
  if (!finite)
    throw InputError(parameters.entry(key("volatile_fraction")).origin, key("volatile_fraction"),
                     "an infinite dose keeps its concentration, so nothing of it can evaporate",
                     fmt::format("set {} = \"finite\" for a film that dries, or {} = 0", key("dose_type"),
                                 key("volatile_fraction")));
  d.recession_um_per_s = recession_um_per_s(
      solvent_from(parameters.text(key("solvent"))), parameters.real("experiment.skin_surface_c"),
      parameters.real("experiment.air_speed_m_per_s"), parameters.real("experiment.relative_humidity"));
  const double open_after_h = parameters.real("timeline.occlusion_h") - parameters.real(key("applied_h"));
  d.start_s = std::max(0.0, open_after_h) * seconds_per_hour;
  if (!solubility_mg_per_ml && d.volatile_fraction >= 1.0)
    throw InputError(parameters.entry(key("volatile_fraction")).origin, key("volatile_fraction"),
                     fmt::format("the film dries whole, and the library has no solubility for {} to say what the "
                                 "dried deposit delivers",
                                 compound.name),
                     fmt::format("set {} (solubility in mg/mL), or a volatile_fraction below 1 for a residue that "
                                 "keeps the compound in solution",
                                 key("saturation_mg_per_ml")));
  return d;
}

// What cannot give a meaningful run of product i, whatever the Injury: checked before any work.
void refuse_impossible(const ParameterSet& parameters, std::size_t i, const Setup& s, bool resolved) {
  const auto key = [&](std::string_view member) { return fmt::format("product[{}].{}", i, member); };
  if (!s.finite && s.applications > 1)
    throw InputError(parameters.entry(key("applications")).origin, key("applications"),
                     "an infinite dose stays on the skin at its concentration, so it cannot be applied again",
                     fmt::format("set {} = \"finite\" for a product applied {} times, or {} = 1", key("dose_type"),
                                 s.applications, key("applications")));
  if (std::isfinite(s.removed_s)) {
    const auto& where = parameters.entry(key("removed_h")).origin;
    if (!(s.removed_s > 0.0))
      throw InputError(where, key("removed_h"),
                       fmt::format("the product is wiped off at {} h, not after it goes on ({} h)",
                                   parameters.real(key("removed_h")), parameters.real(key("applied_h"))),
                       fmt::format("set {} later than {}", key("removed_h"), key("applied_h")));
    if (s.applications > 1)
      throw InputError(where, key("removed_h"), "a product wiped off is not applied again here",
                       fmt::format("set {} = 1, or leave {} out", key("applications"), key("removed_h")));
  }
  if (s.finite && !(s.vehicle_um > 0.0))
    throw InputError(parameters.entry(key("dose_mg_per_cm2")).origin, key("dose_mg_per_cm2"),
                     "a finite dose of 0 mg/cm2 delivers nothing", "apply a dose above 0, e.g. 2 mg/cm2");
  if (!(parameters.real(key("concentration_pct")) > 0.0))
    throw InputError(parameters.entry(key("concentration_pct")).origin, key("concentration_pct"),
                     "a concentration of 0 % delivers nothing",
                     "give the concentration of the compound in the product");
  for (std::size_t l = 0; l + 1 < s.tissue.layers.size(); ++l)
    if (!(s.tissue.layers[l].thickness_um > 0.0))
      throw InputError(parameters.entry("site.name").origin, "site.name",
                       fmt::format("skin layer {} has zero thickness; transport needs every layer above the hypodermis",
                                   skin::layer_name(static_cast<skin::LayerId>(l))),
                       "check the skin.*_um overrides");
  const double duration_s = parameters.real("experiment.duration_h") * seconds_per_hour;
  if (resolved) {
    // The default is capped at a tenth of the experiment silently; a cap set by hand is checked.
    // A resolved scenario writes the default back: that is not a cap set by hand.
    const double step = parameters.real("transport.max_step_s");
    const bool step_set = !parameters.entry("transport.max_step_s").origin.file.empty() && step != default_max_step_s;
    if (step_set && step > 0.1 * duration_s)
      throw InputError(parameters.entry("transport.max_step_s").origin, "transport.max_step_s",
                       fmt::format("a {} s step is more than a tenth of the {} s experiment, too coarse to resolve it",
                                   step, duration_s),
                       "lower transport.max_step_s or lengthen experiment.duration_h");
  }
}

// The resolved domain of product i with the Injury's channels: refused when it is larger than
// transport.max_voxels or than the memory of this machine (raising the cap must not end in an
// allocation failure or the kernel killing the run), or too coarse for its channels.
void refuse_unfit_domain(const ParameterSet& parameters, const Setup& s, const ExposureOptions& options) {
  if (!options.resolved) return;
  const bool patch = s.patch_um > 0.0;
  const DomainSpec spec = resolved_spec(s, parameters);
  double deepest = s.channels.depth_um;
  for (const auto& c : s.patch) deepest = std::max(deepest, c.depth_um);
  const auto voxels = domain_voxels(spec, s.tissue, deepest);
  const auto limit = static_cast<std::size_t>(parameters.integer("transport.max_voxels"));
  const char* size_key = patch ? "transport.patch_mm" : "transport.grid_um";
  const auto domain = fmt::format("the resolved {} ({:.0f} um wide, {:.0f} um deep) needs {} voxels{}",
                                  patch ? "patch" : "unit cell", patch ? s.patch_um : unit_cell_pitch_um(s), s.depth_um,
                                  voxels, patch ? "" : " in its symmetric quarter");
  const auto smaller = patch ? "use a smaller transport.patch_mm or a coarser transport.grid_um"
                             : "use a coarser transport.grid_um, or run.fidelity = \"reduced\"";
  const double bytes = static_cast<double>(voxels) * static_cast<double>(resolved_bytes_per_voxel);
  if (voxels > limit)
    throw InputError(parameters.entry(size_key).origin, size_key,
                     fmt::format("{} ({:.1f} GB), more than transport.max_voxels = {}", domain, bytes / 1e9, limit),
                     smaller);
  // Each kept field is a copy of the grid (unfolded to the whole cell: four quarters).
  const double field_bytes = static_cast<double>(options.field_times_h.size()) * static_cast<double>(voxels) *
                             sizeof(double) * (patch ? 1.0 : 4.0);
  const double memory = physical_memory_bytes();
  if (bytes + field_bytes > memory)
    throw InputError(
        parameters.entry("transport.max_voxels").origin, "transport.max_voxels",
        fmt::format(
            "{}: {:.1f} GB{}, more than the {:.1f} GB of memory of this machine", domain, (bytes + field_bytes) / 1e9,
            field_bytes > 0.0 ? fmt::format(" with its {} kept fields", options.field_times_h.size()) : std::string(),
            memory / 1e9),
        fmt::format("{}{}", smaller, field_bytes > 0.0 ? ", or output.fields = false" : ""));
  if (s.channels.density_per_cm2 > 0.0 && spec.dx_um > s.channels.radius_um * 2.0)
    throw InputError(
        parameters.entry("transport.grid_um").origin, "transport.grid_um",
        fmt::format("voxels of {} um cannot resolve channels {:.1f} um wide", spec.dx_um, 2.0 * s.channels.radius_um),
        "use transport.grid_um at most the channel radius");
}

// The x-intercept of the tangent to the cumulative curve where the flux peaks: the classical
// lag time for a steady flux, and a comparable number when closure ends the rise.
double lag_time_h(const Run& r) {
  const auto peak = static_cast<std::size_t>(std::max_element(r.flux.begin(), r.flux.end()) - r.flux.begin());
  if (!(r.flux[peak] > 0.0) || peak == 0) return 0.0;
  return std::max(0.0, (r.time_s[peak] - r.out[peak] / r.flux[peak]) / seconds_per_hour);
}

// transport.geometry = "patch" is a resolved geometry.
void refuse_unresolved_patch(const ParameterSet& parameters, bool resolved) {
  if (parameters.text("transport.geometry") == "patch" && !resolved)
    throw InputError(parameters.entry("transport.geometry").origin, "transport.geometry",
                     "an explicit patch is solved only by the resolved 3-D solver",
                     "set run.fidelity = \"resolved\", or transport.geometry = \"unit_cell\"");
}

// ... and needs channels in its window.
std::vector<Channel> checked_patch(const ParameterSet& parameters, const device::PunctureMap& punctures,
                                   const mechanics::Injury& injury, bool resolved) {
  if (parameters.text("transport.geometry") != "patch") return {};
  refuse_unresolved_patch(parameters, resolved);
  const double side_mm = parameters.real("transport.patch_mm");
  if (side_mm > punctures.side_mm)
    throw InputError(
        parameters.entry("transport.patch_mm").origin, "transport.patch_mm",
        fmt::format("a {} mm patch does not fit in the treated area ({:.2f} mm square)", side_mm, punctures.side_mm),
        "use a smaller transport.patch_mm or a larger protocol.area_cm2");
  auto channels = patch_channels(punctures, injury, side_mm * 1e3);
  if (channels.empty())
    throw InputError(parameters.entry("transport.patch_mm").origin, "transport.patch_mm",
                     fmt::format("the {} mm patch at the centre of the treated area holds no open channel", side_mm),
                     "use a larger transport.patch_mm (the puncture spacing is in punctures.csv)");
  return channels;
}

// Product i as far as it does not depend on the Injury - its compound, tissue, dose, film,
// schedule and target layer - and refused if it cannot give a meaningful run: what
// check_exposure_inputs checks and compute_exposure builds on.
struct PreparedProduct {
  Compound compound;
  Setup setup;
  std::optional<double> solubility;
  std::optional<TargetPlace> target;
};

PreparedProduct prepare_product(const ParameterSet& parameters, std::size_t i, const CompoundLibrary& library,
                                const skin::SkinModel& skin, bool resolved) {
  const auto key = [&](std::string_view member) { return fmt::format("product[{}].{}", i, member); };
  const bool in_vivo = parameters.text("experiment.mode") == "in_vivo";
  const IntactPrediction prediction{lipid_qsar(intact_model(parameters), parameters),
                                    parameters.real("transport.ion_pair_log_drop")};
  PreparedProduct p{.compound = compound_for_product(parameters, i, library)};
  Setup& s = p.setup;
  s.tissue = tissue_transport(p.compound, skin, prediction, in_vivo);
  if (in_vivo) {
    s.depth_um = skin.epidermis_um() + skin.dermis_um();
    s.sink = false;
  } else {
    s.depth_um = parameters.has("experiment.membrane_um") ? parameters.real("experiment.membrane_um")
                                                          : skin.epidermis_um() + skin.dermis_um();
    s.sink = true;
  }
  s.finite = parameters.text(key("dose_type")) == "finite";
  s.vehicle_um = parameters.real(key("dose_mg_per_cm2")) * vehicle_um_per_mg_per_cm2;
  p.solubility = product_solubility_mg_per_ml(parameters, i, p.compound);
  // A vehicle whose own solubility is given (a glycol or an oil) holds the compound at another
  // activity than water at the same concentration: the partitions out of it follow.
  if (const auto water = solubility_at_ph_mg_per_ml(p.compound, p.compound.vehicle_ph);
      water && parameters.has(key("saturation_mg_per_ml")))
    s.tissue = referred_to_vehicle(s.tissue, *water / *p.solubility);
  s.drying = film_drying(parameters, i, p.compound, p.solubility, s.finite);
  s.applications = static_cast<std::size_t>(parameters.integer(key("applications")));
  s.interval_s = parameters.real(key("interval_h")) * seconds_per_hour;
  // Channels made at the session are this old when the product goes on; a product put on
  // before the session meets none until then (a negative age).
  const double age_h = parameters.real(key("applied_h"));
  s.channels_made_s = std::max(0.0, -age_h) * seconds_per_hour;
  if (parameters.has(key("removed_h"))) s.removed_s = (parameters.real(key("removed_h")) - age_h) * seconds_per_hour;
  refuse_impossible(parameters, i, s, resolved);
  if (parameters.has(key("target_ug_per_ml"))) p.target = checked_target_layer(parameters, i, skin, s.depth_um);
  return p;
}

}  // namespace

void check_exposure_inputs(const ParameterSet& parameters, const CompoundLibrary& library, const skin::SkinModel& skin,
                           bool resolved) {
  const std::size_t products = parameters.array_size("product");
  if (products == 0) return;
  refuse_unresolved_patch(parameters, resolved);
  for (std::size_t i = 0; i < products; ++i) (void)prepare_product(parameters, i, library, skin, resolved);
}

std::vector<std::pair<skin::LayerId, double>> held_by_layer(const DepthProfile& profile) {
  std::vector<std::pair<skin::LayerId, double>> layers;
  for (std::size_t i = 0; i < profile.layer.size(); ++i) {
    if (layers.empty() || layers.back().first != profile.layer[i]) layers.emplace_back(profile.layer[i], 0.0);
    layers.back().second += profile.held_ug_per_cm2[i];
  }
  return layers;
}

std::vector<ProductExposure> compute_exposure(const ParameterSet& parameters, const CompoundLibrary& library,
                                              const skin::SkinModel& skin, const device::PunctureMap& punctures,
                                              const mechanics::Injury& injury, const ExposureOptions& options) {
  std::vector<ProductExposure> results;
  const std::size_t products = parameters.array_size("product");
  if (products == 0) return results;
  const bool in_vivo = parameters.text("experiment.mode") == "in_vivo";
  const double duration_h = parameters.real("experiment.duration_h");
  const auto& summary = injury.summary;
  const double channel_depth = summary.channel_depth_um.p50;
  const ClosureLaw law(closure_parameters_from(parameters), closure_conditions_from(parameters, channel_depth));
  const auto times = output_times_s(duration_h);
  const auto patch = checked_patch(parameters, punctures, injury, options.resolved);
  const auto spread = uncertainty_spread_from(parameters);
  const auto samples = static_cast<int>(parameters.integer("transport.samples"));
  const auto seed = static_cast<std::uint64_t>(parameters.integer("run.seed"));

  for (std::size_t i = 0; i < products; ++i) {
    const auto key = [&](std::string_view member) { return fmt::format("product[{}].{}", i, member); };
    auto prepared = prepare_product(parameters, i, library, skin, options.resolved);
    const Compound& compound = prepared.compound;
    Setup& s = prepared.setup;
    const auto& solubility = prepared.solubility;
    const auto& target_place = prepared.target;
    s.channels = {summary.punctures_per_cm2, channel_depth, 0.5 * summary.channel_diameter_um_mean};
    const double age_h = parameters.real(key("applied_h"));
    s.open_fraction = [law, age_h](double t_s) { return law.open_fraction(age_h + t_s / seconds_per_hour); };
    s.half_life_h = law.initial_half_life_h();
    if (!patch.empty()) {
      s.patch_um = parameters.real("transport.patch_mm") * 1e3;
      s.patch = patch;
    }
    refuse_unfit_domain(parameters, s, options);

    Run treated = options.resolved ? run_resolved(s, true, times, parameters, options.field_times_h)
                                   : run_reduced(s, true, times);
    const Run intact = options.resolved ? run_resolved(s, false, times, parameters, {}) : run_reduced(s, false, times);

    // A product above its solubility is a suspension. An infinite dose of it stays saturated, so
    // it feeds the skin at the dissolved concentration; a finite dose keeps all of its compound
    // in the film, whose activity the saturation caps until the undissolved part is used up.
    const double applied_ug_per_cm3 = parameters.real(key("concentration_pct")) * 1e4;
    const double dissolved_fraction = solubility ? std::min(1.0, *solubility * 1e3 / applied_ug_per_cm3) : 1.0;
    const double concentration_ug_per_cm3 = applied_ug_per_cm3 * (s.finite ? 1.0 : dissolved_fraction);
    const double to_amount = concentration_ug_per_cm3 * um_to_cm;
    const double to_flux = to_amount * seconds_per_hour;
    ProductExposure e;
    e.name = parameters.text(key("name"));
    e.applied_h = age_h;
    e.compound = compound.name;
    e.model = options.resolved ? "resolved" : "reduced";
    e.geometry = !options.resolved ? "column" : patch.empty() ? "unit_cell" : "patch";
    e.channels_in_domain = !options.resolved ? 0
                           : patch.empty()   ? (summary.punctures_per_cm2 > 0.0 ? 1 : 0)
                                             : patch.size();
    e.dose_type = parameters.text(key("dose_type"));
    e.destination = in_vivo ? "blood" : "receptor";
    e.intradermal_grade = parameters.boolean(key("intradermal_grade"));
    e.applied_dose_ug_per_cm2 = treated.applied * to_amount;
    e.applications = applications_by(jump_schedule(s), times.back());
    if (std::isfinite(s.removed_s) && s.finite) {
      e.removed_ug_per_cm2 = treated.removed * to_amount;
      e.intact_removed_ug_per_cm2 = intact.removed * to_amount;
    }
    if (s.drying.evaporates()) e.film_dry_h = VehicleFilm(s.vehicle_um, s.drying).dry_s() / seconds_per_hour;
    e.cumulative_ug_per_cm2 = treated.out.back() * to_amount;
    e.intact_cumulative_ug_per_cm2 = intact.out.back() * to_amount;
    e.skin_ug_per_cm2 = treated.skin.back() * to_amount;
    e.intact_skin_ug_per_cm2 = intact.skin.back() * to_amount;
    if (s.finite) {
      e.surface_ug_per_cm2 = treated.donor.back() * to_amount;
      e.intact_surface_ug_per_cm2 = intact.donor.back() * to_amount;
    }
    e.depth_profile = depth_profile(treated, skin, to_amount);
    e.intact_depth_profile = depth_profile(intact, skin, to_amount);
    e.enhancement_ratio = intact.out.back() > 0.0 ? treated.out.back() / intact.out.back() : 0.0;
    e.end_flux_ratio = intact.flux.back() > 0.0 ? treated.flux.back() / intact.flux.back() : 0.0;
    e.lag_time_h = lag_time_h(treated);
    e.peak_flux_ug_per_cm2_h = *std::max_element(treated.flux.begin(), treated.flux.end()) * to_flux;
    e.window_h = summary.punctures_per_cm2 > 0.0 ? law.window_h() : 0.0;
    e.closure_half_life_h = law.initial_half_life_h();
    e.intact_kp_cm_per_h = s.tissue.kp_stratum_corneum_cm_per_h;
    e.intact_kp_from = compound.intact_kp_cm_per_h ? "measured" : parameters.text("transport.intact_model");
    e.vehicle_ph = compound.vehicle_ph;
    e.vehicle_neutral_fraction = s.tissue.vehicle_neutral_fraction;
    e.solubility_mg_per_ml = solubility;
    e.dissolved_fraction = dissolved_fraction;
    e.mass_balance_error = std::max(treated.balance, intact.balance);
    for (std::size_t k = 0; k < times.size(); ++k) {
      e.series.time_h.push_back(times[k] / seconds_per_hour);
      e.series.flux_ug_per_cm2_h.push_back(treated.flux[k] * to_flux);
      e.series.cumulative_ug_per_cm2.push_back(treated.out[k] * to_amount);
      e.series.intact_flux_ug_per_cm2_h.push_back(intact.flux[k] * to_flux);
      e.series.intact_cumulative_ug_per_cm2.push_back(intact.out[k] * to_amount);
      e.series.open_fraction.push_back(s.open_fraction(times[k]));
      e.series.skin_ug_per_cm2.push_back(treated.skin[k] * to_amount);
      e.series.intact_skin_ug_per_cm2.push_back(intact.skin[k] * to_amount);
      if (s.finite) {
        e.series.surface_ug_per_cm2.push_back(treated.donor[k] * to_amount);
        e.series.intact_surface_ug_per_cm2.push_back(intact.donor[k] * to_amount);
        e.series.applied_ug_per_cm2.push_back(static_cast<double>(applications_by(jump_schedule(s), times[k])) *
                                              s.vehicle_um * to_amount);
      }
    }
    e.series.layers = layers_reached(treated.cell_top_um, treated.cell_width_um, skin);
    e.series.layer_ug_per_cm3 = layer_concentrations(treated.cell_top_um, treated.cell_width_um, treated.cell_held,
                                                     skin, e.series.layers, to_amount);
    e.series.intact_layer_ug_per_cm3 = layer_concentrations(intact.cell_top_um, intact.cell_width_um, intact.cell_held,
                                                            skin, e.series.layers, to_amount);
    if (in_vivo && compound.disposition)
      e.plasma = plasma_exposure(*compound.disposition, parameters.real("patient.weight_kg"),
                                 parameters.real("protocol.area_cm2"), e.series);
    SampledOutputs sampled;
    if (e.plasma) {
      const auto& d = *compound.disposition;
      const auto low = one_compartment(d.volume_low_l_per_kg, d.clearance_low_ml_per_min_per_kg, e.plasma->weight_kg);
      const auto high =
          one_compartment(d.volume_high_l_per_kg, d.clearance_high_ml_per_min_per_kg, e.plasma->weight_kg);
      sampled.body = SampledBody{
          low.volume_l, high.volume_l, low.clearance_l_per_h, high.clearance_l_per_h, to_flux * e.plasma->area_cm2,
          times};
    }
    if (target_place) {
      const double target_ug_per_ml = parameters.real(key("target_ug_per_ml"));
      e.target = target_exposure(target_place->layer, target_ug_per_ml, e.series);
      sampled.target = TargetLayer{target_place->top_um, target_place->bottom_um,
                                   target_ug_per_ml / concentration_ug_per_cm3, times};
    }
    // Ranges from the reduced model; resolved runs and untreated skin are not sampled.
    if (!options.resolved && summary.punctures_per_cm2 > 0.0) {
      e.uncertainty = sample_transport(reduced_problem(s, true), law, age_h, compound.intact_kp_cm_per_h.has_value(),
                                       times.back(), spread, samples, splitmix64(seed + i), sampled);
      for (double* v : {&e.uncertainty.cumulative.p5, &e.uncertainty.cumulative.p50, &e.uncertainty.cumulative.p95})
        *v *= to_amount;
      for (auto* courses : {&e.uncertainty.flux_courses, &e.uncertainty.intact_flux_courses})
        for (auto& course : *courses)
          for (double& j : course) j *= to_flux;
    }
    e.fields = std::move(treated.fields);
    for (auto& frame : e.fields.concentration_ug_per_cm3)
      for (double& c : frame) c *= concentration_ug_per_cm3;
    results.push_back(std::move(e));
  }
  return results;
}

}  // namespace mnsim::transport
