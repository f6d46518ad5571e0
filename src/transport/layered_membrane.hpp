#pragma once
// One-dimensional permeation through skin layers in series, from a vehicle on the surface to a
// perfect sink below (the receptor of a diffusion cell, or the blood in the reduced picture).
// Cell-centred finite volumes on a non-uniform mesh, integrated in time by CVODE (BDF).
//
// Each layer has its own diffusivity D and partition coefficient K referenced to the vehicle,
// so the concentration jumps at an interface (c_b / K_b = c_a / K_a) while the flux is
// continuous. The fluxes are written in the activity u = c / K, which is continuous, so the jump
// is exact on any mesh: the face between cells a and b carries
//     J = (u_a - u_b) / (h_a / (2 D_a K_a) + h_b / (2 D_b K_b)),
// the resistances of the two half cells in series (Crank 1975, ch. 12). An optional first-order
// clearance per layer stands for the dermal capillaries of skin in vivo.
//
// Any consistent units: lengths L, times T, concentrations amount / L^3; amounts are per area.
#include <cstddef>
#include <span>
#include <vector>

namespace mnsim::transport {

enum class Dose {
  infinite,  // the vehicle concentration stays fixed (Crank 1975, eq. 4.24a)
  finite,    // a well-mixed vehicle film that depletes (Kasting 2001, J Pharm Sci 90:202)
};

struct Vehicle {
  Dose dose = Dose::infinite;
  double concentration = 0.0;  // C_v: held (infinite dose) or initial (finite dose), amount / L^3
  double thickness = 0.0;      // h_v of a finite dose, L; unused for an infinite dose
};

struct MembraneLayer {
  double thickness = 0.0;       // L
  double diffusivity = 0.0;     // D, L^2 / T
  double partition = 1.0;       // K, layer / vehicle
  double clearance_rate = 0.0;  // first-order removal, 1 / T
  std::size_t cells = 50;
  // Ratio of neighbouring cell widths, growing from both faces of the layer toward its middle:
  // 1 is uniform; above 1 puts small cells where the profile is steepest, at the faces.
  double refinement = 1.0;
};

struct PermeationProblem {
  Vehicle vehicle;
  std::vector<MembraneLayer> layers;  // from the surface down
  double relative_tolerance = 1e-9;   // of CVODE, on every state
};

// A problem larger than this is a mistake in the input rather than a resolution anyone needs.
constexpr std::size_t max_membrane_cells = 1'000'000;

// Values at the requested output times; amounts are per area. Cumulative amounts are ODE states
// integrated from the boundary and clearance fluxes, so donor + membrane + receptor + cleared
// equals initial_donor to rounding at every time.
struct PermeationSeries {
  std::vector<double> time;
  std::vector<double> receptor;  // Q: cumulative amount that reached the sink
  std::vector<double> flux;      // J into the sink, amount / (L^2 T)
  std::vector<double> supplied;  // cumulative amount that left the vehicle into the skin
  // initial_donor - supplied. An infinite dose is an unlimited reservoir, counted from zero, so
  // its donor amount is minus what it supplied.
  std::vector<double> donor;
  std::vector<double> membrane;  // held in the layers
  std::vector<double> cleared;   // removed by clearance
  double initial_donor = 0.0;    // C_v h_v for a finite dose, 0 for an infinite one

  // The mesh and the concentration in every cell at every output time, [time][cell].
  std::vector<double> cell_depth;  // depth of each cell centre below the surface, L
  std::vector<double> concentration;
  [[nodiscard]] std::span<const double> profile(std::size_t output) const {
    return std::span<const double>(concentration).subspan(output * cell_depth.size(), cell_depth.size());
  }
};

// Solves from an empty membrane at t = 0 and reports at `output_times` (non-negative,
// increasing). Throws std::invalid_argument for an impossible problem and std::runtime_error
// if the integrator fails.
PermeationSeries simulate_permeation(const PermeationProblem& problem, std::span<const double> output_times);

}  // namespace mnsim::transport
