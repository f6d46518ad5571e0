#pragma once
// Resolved transport: finite volumes on a 3-D rectilinear grid (uniform across the skin,
// non-uniform in depth), each voxel made of one material with its own diffusivity, partition
// coefficient and clearance. The unknown is the activity u = c / K, continuous across material
// interfaces, so the concentration jump c_b / K_b = c_a / K_a is exact on any mesh (face
// conductance = half-cell resistances in series, as in the layered membrane).
//
// Time stepping is the Douglas stabilising-correction scheme (Douglas 1962, Numer Math 4:41;
// theta = 1) with two operators, the lateral one H = X + Y and the depth one Z: an explicit
// predictor with the whole operator, then an implicit lateral correction (one sparse Cholesky
// solve per plane, the factor shared by planes of the same material pattern) and an implicit
// depth correction (tridiagonal line solves). Splitting x and y apart as well (three operators)
// is cheaper per step but diverges once a channel makes the coefficients vary across the skin:
// the operators no longer commute and the three-term scheme amplifies modes at steps of 30 s
// (tests/transport/resolved_solver_test.cpp). With two operators no mode is amplified at any
// step; the scheme is first order in time, second order in space, and its fixed point is the
// exact steady state of the discrete operator, so long steps late in a run do not bias the
// steady flux (the locally one-dimensional scheme of diffusion_decay.hpp does not have that
// property). It does not damp the stiffest modes, so steps grow from short ones, and under error
// control (ResolvedSchedule::tolerance) stay short while channels close. The surface
// couples to a vehicle: of fixed concentration (infinite dose), or a well-mixed film that
// depletes (finite dose), treated implicitly in the depth sweep, with one scalar equation for
// the vehicle after every column has been solved for its response to it. Every flux into and
// out of the skin is accumulated from the same discrete expressions the scheme uses, so donor +
// skin + receptor + cleared is conserved to rounding at every step.
//
// Written by hand because no packaged library offers an ADI finite-volume solver with
// partition jumps (BioFVM's solver has one constant coefficient per substrate).
//
// Units: micrometres and seconds; concentrations are relative to the initial vehicle
// concentration (vehicle = 1), so amounts per area are in micrometres of vehicle.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "transport/vehicle_film.hpp"

namespace mnsim::transport {

struct ResolvedMaterial {
  double partition = 1.0;           // K, relative to the vehicle
  double diffusivity = 0.0;         // um^2/s when fully open (or always, if it does not close)
  double closed_diffusivity = 0.0;  // um^2/s when closed; used only when `closes`
  bool closes = false;              // an open channel: D(t) = D_closed + phi(t) (D - D_closed)
  double clearance_per_s = 0.0;
  // Until the channels are made (ResolvedProblem::channels_made_s), a closing material is its
  // host tissue: this partition, and the conductivity D_closed K. Once made, it keeps `partition`
  // (open or closing), so a closed channel conducts like its host but holds like water.
  std::optional<double> unmade_partition;
  [[nodiscard]] double partition_while(bool made) const {
    return made ? partition : unmade_partition.value_or(partition);
  }
};

struct ResolvedGeometry {
  std::size_t nx = 1, ny = 1;
  double dx_um = 1.0;                  // lateral voxel side (x and y)
  std::vector<double> dz_um;           // thickness of each plane, from the surface down
  std::vector<std::uint8_t> material;  // index into the material table, x fastest, then y, then z
  [[nodiscard]] std::size_t nz() const { return dz_um.size(); }
  [[nodiscard]] std::size_t voxels() const { return nx * ny * nz(); }
  [[nodiscard]] std::size_t index(std::size_t x, std::size_t y, std::size_t z) const { return x + nx * (y + ny * z); }
};

enum class Bottom { sink, closed };  // receptor (u = 0 below) or no flux (in vivo, with clearance)

struct ResolvedProblem {
  ResolvedGeometry geometry;
  std::vector<ResolvedMaterial> materials;
  bool finite_dose = false;
  double vehicle_thickness_um = 0.0;  // of a finite dose
  FilmDrying drying;                  // of a finite dose's film; none by default
  // A finite dose applied this many times, every interval_s from t = 0 (vehicle_film.hpp).
  std::size_t applications = 1;
  double interval_s = std::numeric_limits<double>::infinity();
  Bottom bottom = Bottom::sink;
  std::function<double(double)> open_fraction;  // phi(t_s); empty = always 1
  // The session, when the channels are made, this long after the product went on (a product put
  // on before the session): phi jumps from 0 there, so a step lands on it.
  double channels_made_s = 0.0;
  // When the product is wiped off (seconds after it went on; never by default): what is left of a
  // finite film is removed, an infinite dose stops, and the surface passes nothing from then on
  // (the top face of the grid becomes a wall), as in the reduced column.
  double removed_s = std::numeric_limits<double>::infinity();
};

struct ResolvedSchedule {
  std::vector<double> output_times_s;  // increasing, > 0
  double first_step_s = 1.0;
  double max_step_s = 600.0;
  // While phi changes a step spans at most closure_step_fraction of a closure half-life, with or
  // without error control: the error estimate cannot see the modes a closing channel excites.
  // On the 24 h benchmark cell (30 min half-life, tolerance 1e-3) the amount at 24 h is 2.4 %,
  // 1.1 %, 0.35 % and 0.09 % low at fractions 0.2, 0.1, 0.05 and 0.025, for 384 to 698 steps
  // (bench/transport_bench.cpp, against steps of 1 s and 5 s extrapolated to zero).
  double closure_half_life_s = 0.0;
  double closure_step_fraction = 0.025;
  // Error control (tolerance > 0): every step is taken whole and as two halves; their
  // difference estimates the error of the halves, the step is accepted when its volume-weighted
  // RMS over the voxels, each relative to tolerance x (|activity| + absolute_activity), is at
  // most 1, and the accepted state is the Richardson extrapolation 2 halves - whole (second
  // order). The next step follows from the error; growth is not used.
  double tolerance = 0.0;
  double absolute_activity = 1e-3;  // vehicle = 1
  double growth = 1.15;             // without error control: the step ratio while no limit applies
};

// Per-area amounts (um of vehicle) at each output time; fluxes in um/s (vehicle units).
struct ResolvedSeries {
  std::vector<double> time_s;
  std::vector<double> supplied, receptor, cleared, skin, donor;
  std::vector<double> flux;    // into the receptor or the blood (clearance) at that time
  double initial_donor = 0.0;  // one application
  double applied = 0.0;        // by the last output time (0 for an infinite dose)
  double removed = 0.0;        // wiped off the surface by the last output time (finite dose)
  // The planes (top and thickness, um) and what each held at each output time, [output][plane],
  // per area of skin (they sum to skin[output]).
  std::vector<double> cell_top_um, cell_width_um;
  std::vector<std::vector<double>> cell_held;
  std::size_t steps = 0;     // accepted steps
  std::size_t rejected = 0;  // steps redone shorter (error control only)
  // Concentration (c = K u) at the requested snapshot outputs, [snapshot][voxel].
  std::vector<std::vector<double>> snapshots;
};

class ResolvedSolver {
 public:
  // Throws std::invalid_argument for an inconsistent problem.
  explicit ResolvedSolver(ResolvedProblem problem);
  ~ResolvedSolver();
  ResolvedSolver(ResolvedSolver&&) noexcept;
  ResolvedSolver& operator=(ResolvedSolver&&) noexcept;
  // Runs from an empty skin. `snapshot_outputs` lists indices into output_times_s whose fields
  // are kept.
  ResolvedSeries run(const ResolvedSchedule& schedule, std::span<const std::size_t> snapshot_outputs = {});

  [[nodiscard]] const ResolvedProblem& problem() const { return problem_; }

 private:
  struct Coefficients;
  struct LateralSolvers;
  struct ColumnTables;
  // The scalars of the state besides the field; linear in it, so extrapolated with it (the film's
  // activity excepted: it follows from the film's amount).
  struct Totals {
    double vehicle = 1.0;  // vehicle activity (= concentration)
    double donor = 0.0;    // amount in a finite dose's film
    double supplied = 0.0, receptor = 0.0, cleared = 0.0, flux = 0.0;
  };
  void step(double dt, double t_new, Coefficients& coefficients);
  // One error-controlled step of h from t; returns the weighted error (accepted when <= 1).
  double controlled_step(double h, double t, Coefficients& coefficients, const ResolvedSchedule& schedule);
  void factor_lateral(double dt, double phi, const Coefficients& coefficients);
  void column_tables(double dt, const Coefficients& coefficients);
  void record(double t, ResolvedSeries& out) const;
  // The session: the channel voxels become channels, their partition that of water; their
  // activity is rescaled so that what they hold stays the same.
  void make_channels();

  ResolvedProblem problem_;
  VehicleFilm film_;              // a finite dose's film (unused for an infinite dose)
  std::size_t applications_ = 1;  // of the film so far
  bool channels_made_ = true;     // false until channels_made_s
  bool wiped_ = false;            // the product is off the skin (removed_s has passed)
  double removed_ = 0.0;          // what the wipe-off took
  std::vector<double> u_, work_;
  std::vector<double> start_, whole_;  // error control: the state before a step, and after it whole
  std::vector<double> plane_error_;    // per plane, for a reduction in a fixed order
  Totals totals_;
  std::unique_ptr<LateralSolvers> lateral_;
  std::unique_ptr<ColumnTables> columns_;
};

}  // namespace mnsim::transport
