#pragma once
// Reduced transport: the skin as one column in depth with two pathways in parallel, the intact
// tissue and the open channels (a dual-continuum model). Each depth cell has a tissue part
// (area fraction 1 - f_A) and a channel part (f_A = n pi r^2, aqueous, K = 1) down to the
// channel tip. The vehicle feeds both at the surface; the channel fluid leaks into the tissue
// through the channel walls with the conductance 2 pi sigma / (ln(R_cell / r) - 3/4) per unit
// length between the wall and the cell's mean (R_cell = s / sqrt(pi), the radius of the
// equal-area cell around each channel), and
// through the tip with the disk conductance 4 sigma r; sigma = D K of the host tissue. Channel
// conductances close with phi(t) towards the host tissue's, and so does the channel's partition
// (K = phi + (1 - phi) K_host); its fluid is cleared like the host's. A finite dose is a film
// that may dry (vehicle_film.hpp). Integrated by CVODE (BDF, banded,
// exact Jacobian), so donor + skin + receptor + cleared is conserved to rounding. A day with 120
// outputs takes about 60 ms; tests hold it to the resolved solver across compounds and devices.
#include <cstddef>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "transport/tissue_transport.hpp"
#include "transport/vehicle_film.hpp"

namespace mnsim::transport {

struct ChannelArray {
  double density_per_cm2 = 0.0;  // open channels per cm2; 0 = intact skin
  double depth_um = 0.0;
  double radius_um = 0.0;
};

struct TwoPathwayProblem {
  TissueTransport tissue;
  ChannelArray channels;
  double depth_um = 2000.0;  // bottom of the column
  bool sink = true;          // receptor below (in vitro) or no flux (in vivo, with clearance)
  bool finite_dose = false;
  double vehicle_thickness_um = 0.0;
  FilmDrying drying;  // of a finite dose's film; none by default
  // A finite dose applied this many times, every interval_s from t = 0 (vehicle_film.hpp).
  std::size_t applications = 1;
  double interval_s = std::numeric_limits<double>::infinity();
  std::function<double(double)> open_fraction;  // phi(t_s); empty = always 1
  // The session, when the channels are made, this long after the product went on (a product put
  // on before the session): phi jumps from 0 there, so the integrator restarts at it.
  double channels_made_s = 0.0;
  // The product is wiped off then (seconds after it went on; infinite = never): what is left of a
  // finite film is removed, an infinite dose stops, and the surface passes nothing from then on.
  double removed_s = std::numeric_limits<double>::infinity();
  double relative_tolerance = 1e-7;
};

// Per-area amounts in micrometres of vehicle (concentrations relative to the vehicle), times in
// seconds, fluxes in um/s, at each output time.
struct TwoPathwaySeries {
  std::vector<double> time_s, supplied, receptor, cleared, skin, donor, flux;
  double initial_donor = 0.0;  // one application
  double applied = 0.0;        // by the last output time (0 for an infinite dose)
  double removed = 0.0;        // wiped off the surface by the last output time (finite dose)
  // The depth cells of the column (top and thickness, um) and what each held at each output
  // time, [output][cell] (tissue and channel fluid, per area; they sum to skin[output]).
  std::vector<double> cell_top_um, cell_width_um;
  std::vector<std::vector<double>> cell_held;
};

TwoPathwaySeries simulate_two_pathway(const TwoPathwayProblem& problem, std::span<const double> output_times_s);

}  // namespace mnsim::transport
