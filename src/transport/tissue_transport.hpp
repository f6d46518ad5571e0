#pragma once
// Transport properties of one compound in each skin layer and in an open microchannel: the
// inputs of both the resolved and the reduced solver. Equations and their sources are in
// docs/models.md (Transport: tissue properties) and shared research transport.md 1.1-1.3, 2.2.
#include <array>
#include <cstddef>
#include <vector>

#include "skin/skin_model.hpp"
#include "transport/compound.hpp"
#include "transport/permeability.hpp"

namespace mnsim::transport {

// One layer, referenced to an aqueous vehicle: concentration in the layer = partition x activity.
struct LayerTransport {
  double diffusivity_um2_per_s = 0.0;
  double partition = 1.0;        // layer / vehicle
  double clearance_per_s = 0.0;  // first-order removal into the blood (in vivo only)
  double thickness_um = 0.0;
};

struct TissueTransport {
  std::array<LayerTransport, 5> layers{};      // by skin::LayerId
  double channel_diffusivity_um2_per_s = 0.0;  // the compound in the water that fills a channel
  double channel_partition = 1.0;              // that water / vehicle (1 for an aqueous vehicle)
  double kp_stratum_corneum_cm_per_h = 0.0;    // what the SC diffusivity was derived from
  double kp_polar_cm_per_h = 0.0;              // its polar-pathway part (0 for a measured Kp)
  double polar_factor_low = 1.0;               // the species' polar-pathway factor range,
  double polar_factor_high = 1.0;              //   relative to the value used
  double neutral_fraction = 1.0;               // in the tissues, at pH 7.4
  double vehicle_neutral_fraction = 1.0;       // in the product, at its pH (compound.vehicle_ph)
};

// pH of the viable tissues, to which the library's ionisation and the dermal binding refer.
inline constexpr double tissue_ph = 7.4;

// Fraction of the compound that is un-ionised at `ph` (Henderson-Hasselbalch on the lowest
// acidic and the most basic pKa of the library).
double neutral_fraction_at_ph(const Compound& compound, double ph);

// Water diffusivity by Stokes-Einstein at skin temperature (32 C) with a molecular radius from
// the MW and a partial specific volume of 0.73 cm3/g; gives 7.6e-6 cm2/s for caffeine
// (measured 6.3e-6 at 25 C, about 7.5e-6 scaled to 32 C).
double water_diffusivity_cm2_per_s(double mw_g_per_mol);

// Depths a mesh must put a cell face on, increasing from 0 to `depth_um`: every layer boundary
// above that depth and `extra_face_um` (a channel tip) when it lies inside; 0 adds nothing.
std::vector<double> layer_faces(const TissueTransport& tissue, double depth_um, double extra_face_um);

// How a mesh grades its cells in depth: the SC in at least `sc_cells` cells of at most `sc_cell_um`,
// `fine_um` cells down to `fine_until_um`, then cells growing by 15 % a cell up to `coarsest_um`.
struct DepthGrading {
  std::size_t sc_cells = 6;
  double sc_cell_um = 5.0;
  double fine_um = 5.0;
  double fine_until_um = 0.0;
  double coarsest_um = 20.0;
};

// Cell thicknesses from the surface to `depth_um` with a face on every layer_faces depth; a cell
// that would leave less than half a target before a face takes the rest (or splits it in two).
std::vector<double> graded_depth_cells(const TissueTransport& tissue, double depth_um, double extra_face_um,
                                       const DepthGrading& grading);

// How the stratum corneum's permeability is predicted: the QSAR (transport.intact_model) and
// how far below the neutral species' log Kow the ionised species partitions into the lipids
// (transport.ion_pair_log_drop).
struct IntactPrediction {
  LipidQsar qsar = potts_guy_qsar;
  double ion_pair_log_drop = 0.0;
};

// `in_vivo` adds capillary clearance to the dermis; in vitro (Franz cell) has none.
TissueTransport tissue_transport(const Compound& compound, const skin::SkinModel& skin,
                                 const IntactPrediction& prediction, bool in_vivo);

// The same tissue seen from a vehicle that dissolves the compound better or worse than water.
// The skin takes up a compound by its thermodynamic activity, not by its concentration
// (Higuchi 1960): a solution at its saturation has the activity of a saturated aqueous one, so
// every partition out of the vehicle (the layers' and a channel's water) scales by
// water solubility / vehicle solubility. Unchanged for an aqueous vehicle (ratio 1).
TissueTransport referred_to_vehicle(TissueTransport tissue, double water_per_vehicle_solubility);

}  // namespace mnsim::transport
