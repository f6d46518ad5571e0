#pragma once
// ProductExposure: what each [[product]] of a scenario does after the session - how much gets
// through, how fast, and for how long the channels help - computed with the channels the Injury
// left and, under the same conditions, through intact skin, so that the enhancement ratio
// compares like with like. run.fidelity picks the reduced two-pathway column or the resolved
// 3-D solver, on the unit cell around one channel or (transport.geometry = "patch") on a patch
// with the punctures of the Injury where they fell.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/parameter_set.hpp"
#include "device/puncture_map.hpp"
#include "mechanics/injury.hpp"
#include "skin/skin_model.hpp"
#include "transport/compound.hpp"
#include "transport/exposure_uncertainty.hpp"
#include "transport/systemic.hpp"

namespace mnsim::transport {

struct ExposureSeries {
  std::vector<double> time_h;
  std::vector<double> flux_ug_per_cm2_h, cumulative_ug_per_cm2;                // with treatment
  std::vector<double> intact_flux_ug_per_cm2_h, intact_cumulative_ug_per_cm2;  // without
  std::vector<double> open_fraction;                                           // of the channels
  std::vector<double> skin_ug_per_cm2, intact_skin_ug_per_cm2;                 // held in the skin, with and without
  // Left on the skin surface (film or deposit) of a finite dose, with and without, and what has
  // been applied by then (surface + skin + cumulative); empty for an infinite dose.
  std::vector<double> surface_ug_per_cm2, intact_surface_ug_per_cm2, applied_ug_per_cm2;
  // Mean concentration in each skin layer the domain reaches (what the layer holds, channel
  // fluid included, over its thickness in the domain), ug/cm3, with and without treatment:
  // [layer][output], layers in depth order.
  std::vector<skin::LayerId> layers;
  std::vector<std::vector<double>> layer_ug_per_cm3, intact_layer_ug_per_cm3;
};

// How long the layer a product is meant for (product[].target_layer) holds at least the
// concentration it is meant to reach there (product[].target_ug_per_ml), with and without
// treatment, over the experiment; the layer's mean concentration is compared.
struct TargetExposure {
  skin::LayerId layer = skin::LayerId::viable_epidermis;
  double concentration_ug_per_ml = 0.0;
  double hours_above = 0.0, intact_hours_above = 0.0;
  std::optional<double> reached_h, intact_reached_h;  // first time reached; none if never
  double peak_ug_per_ml = 0.0, intact_peak_ug_per_ml = 0.0;
};

// Concentration fields of a resolved run with channels, on its rectilinear grid (cell faces in
// micrometres, z = depth below the surface), one frame per requested time: the output time
// nearest to it (output times are spaced by about 7 %), whose exact value time_h gives.
struct ConcentrationFields {
  std::vector<double> x_nodes_um, y_nodes_um, z_nodes_um;
  std::vector<double> time_h;
  std::vector<std::vector<double>> concentration_ug_per_cm3;  // [frame][cell], x fastest, then y, z
};

// What the skin holds at the end of the experiment, by depth: one entry per depth cell of the
// model's grid (the reduced column's cells, or the resolved solver's planes averaged across the
// skin), channel fluid included, and the skin layer each cell's centre lies in.
struct DepthProfile {
  std::vector<double> top_um, bottom_um, held_ug_per_cm2;
  std::vector<skin::LayerId> layer;
};

// The amount per layer, in depth order, of the layers the domain reaches.
std::vector<std::pair<skin::LayerId, double>> held_by_layer(const DepthProfile& profile);

// The plasma concentration of a product that reaches the blood (in vivo runs of a compound with a
// disposition), applied over the whole treated area (protocol.area_cm2) of a person of
// patient.weight_kg, with and without treatment.
struct PlasmaExposure {
  double weight_kg = 0.0, area_cm2 = 0.0;
  OneCompartment body;
  std::vector<double> ng_per_ml, intact_ng_per_ml;  // at the series' times
  double peak_ng_per_ml = 0.0, peak_h = 0.0, intact_peak_ng_per_ml = 0.0, intact_peak_h = 0.0;
  // The peaks over the extremes of the disposition's published volume and clearance.
  double peak_low_ng_per_ml = 0.0, peak_high_ng_per_ml = 0.0;
  double intact_peak_low_ng_per_ml = 0.0, intact_peak_high_ng_per_ml = 0.0;
  // The bodies at those extremes (each published volume with each published clearance).
  std::vector<OneCompartment> corner_bodies;
  std::optional<double> toxic_ng_per_ml;
  std::string toxic_effect, source;
};

struct ProductExposure {
  // destination: "receptor" (franz_cell) or "blood" (in_vivo): where the counted amount arrives.
  std::string name, compound, model, dose_type, destination;
  std::string geometry;                // resolved domain: "unit_cell" or "patch"
  double applied_h = 0.0;              // when it went on, hours from the start of the session
  std::size_t channels_in_domain = 0;  // channels the resolved domain holds (1 for the unit cell)
  double cumulative_ug_per_cm2 = 0.0;
  double intact_cumulative_ug_per_cm2 = 0.0;
  // Held in the skin (SC to the bottom of the domain) at the end, with and without treatment:
  // for a product that stays in the skin (hyaluronic acid) this, not the amount that left it, is
  // what the channels delivered.
  double skin_ug_per_cm2 = 0.0;
  double intact_skin_ug_per_cm2 = 0.0;
  // Left on the surface at the end (film or deposit; what a surface wash recovers), with and
  // without treatment; absent for an infinite dose. With the skin's and the counted amount it
  // makes up the applied dose.
  std::optional<double> surface_ug_per_cm2, intact_surface_ug_per_cm2;
  // Where the skin holds it, with and without treatment (their sums are the two amounts above).
  DepthProfile depth_profile, intact_depth_profile;
  // Only with product[].target_ug_per_ml.
  std::optional<TargetExposure> target;
  std::optional<PlasmaExposure> plasma;
  double enhancement_ratio = 1.0;
  // Flux with / without treatment at the end of the experiment: what a steady-flux ratio of a
  // Franz-cell study measures (the cumulative ratio above also carries the lag through intact skin).
  double end_flux_ratio = 1.0;
  double lag_time_h = 0.0;
  double peak_flux_ug_per_cm2_h = 0.0;
  double window_h = 0.0;  // after the session: channel conductance below 10 % of its initial value
  double closure_half_life_h = 0.0;
  // Permeability of the intact stratum corneum used, and where it came from: the QSAR named by
  // transport.intact_model (with the polar pathway) or "measured" (product[].intact_kp_cm_per_h).
  double intact_kp_cm_per_h = 0.0;
  std::string intact_kp_from;
  // The product's pH and the compound's un-ionised share in it (what enters the SC lipids).
  double vehicle_ph = 7.4;
  double vehicle_neutral_fraction = 1.0;
  // Solubility of the compound in the product (product[].saturation_mg_per_ml, or the library's
  // water solubility at the product's pH; absent when neither is known), and the share of the
  // applied compound dissolved in the product as applied (below 1: a suspension).
  std::optional<double> solubility_mg_per_ml;
  double dissolved_fraction = 1.0;
  double applied_dose_ug_per_cm2 = 0.0;  // all applications made within the experiment
  std::size_t applications = 1;          // of a finite dose, made within the experiment
  // Wiped off the surface (product[].removed_h, finite doses), with and without treatment.
  std::optional<double> removed_ug_per_cm2, intact_removed_ug_per_cm2;
  // Hours after application when the volatile part of a finite dose's film is gone (absent
  // when nothing of it evaporates).
  std::optional<double> film_dry_h;
  double mass_balance_error = 0.0;  // |donor + skin + out - applied| / scale at the end
  bool intradermal_grade = false;
  // 5-95 % ranges over transport.samples sampled inputs (reduced runs with channels only;
  // samples = 0 otherwise); cumulative in ug/cm2.
  TransportUncertainty uncertainty;
  ExposureSeries series;
  ConcentrationFields fields;  // empty unless resolved and fields were asked for
};

struct ExposureOptions {
  bool resolved = false;  // the 3-D solver instead of the reduced column
  // Resolved runs keep the concentration field at these times after application (hours).
  std::vector<double> field_times_h;
};

// The checks of compute_exposure that do not need the Injury: each product's compound, dose,
// timing, film and target layer, and the resolved settings. Throws InputError naming the key;
// `simulate` and `validate` run it before any work (app/preflight.hpp).
void check_exposure_inputs(const ParameterSet& parameters, const CompoundLibrary& library, const skin::SkinModel& skin,
                           bool resolved);

// One entry per [[product]]. Throws InputError for inputs that cannot give a meaningful run
// (nothing applied, a grid that does not fit in transport.max_voxels or in memory, a step longer
// than the experiment), before any work starts.
std::vector<ProductExposure> compute_exposure(const ParameterSet& parameters, const CompoundLibrary& library,
                                              const skin::SkinModel& skin, const device::PunctureMap& punctures,
                                              const mechanics::Injury& injury, const ExposureOptions& options);

}  // namespace mnsim::transport
