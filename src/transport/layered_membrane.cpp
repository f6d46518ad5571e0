#include "transport/layered_membrane.hpp"

#include <cvode/cvode.h>
#include <fmt/format.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunmatrix/sunmatrix_band.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "transport/sundials_owners.hpp"

namespace mnsim::transport {

namespace {

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument(message);
}

bool positive(double x) { return std::isfinite(x) && x > 0.0; }

void validate(const PermeationProblem& problem, std::span<const double> output_times) {
  const auto& v = problem.vehicle;
  require(std::isfinite(v.concentration) && v.concentration >= 0.0,
          "the vehicle concentration must be a finite non-negative number, got " + std::to_string(v.concentration));
  if (v.dose == Dose::finite)
    require(positive(v.thickness),
            "a finite dose needs a positive vehicle thickness, got " + std::to_string(v.thickness));
  require(!problem.layers.empty(), "the membrane needs at least one layer");
  std::size_t cells = 0;
  for (std::size_t i = 0; i < problem.layers.size(); ++i) {
    const auto& layer = problem.layers[i];
    const std::string name = "layer " + std::to_string(i + 1) + ": ";
    require(positive(layer.thickness), name + "thickness must be positive, got " + std::to_string(layer.thickness));
    require(positive(layer.diffusivity),
            name + "diffusivity must be positive, got " + std::to_string(layer.diffusivity));
    require(positive(layer.partition),
            name + "partition coefficient must be positive, got " + std::to_string(layer.partition));
    require(std::isfinite(layer.clearance_rate) && layer.clearance_rate >= 0.0,
            name + "clearance rate must be non-negative, got " + std::to_string(layer.clearance_rate));
    require(std::isfinite(layer.refinement) && layer.refinement >= 1.0,
            name + "refinement ratio must be at least 1, got " + std::to_string(layer.refinement));
    require(layer.cells >= 1 && layer.cells <= max_membrane_cells, name + "cell count must be between 1 and " +
                                                                       std::to_string(max_membrane_cells) + ", got " +
                                                                       std::to_string(layer.cells));
    cells += layer.cells;
  }
  require(cells <= max_membrane_cells, "the membrane has " + std::to_string(cells) + " cells, more than the " +
                                           std::to_string(max_membrane_cells) + " allowed");
  require(problem.relative_tolerance > 0.0 && problem.relative_tolerance <= 1e-2,
          "the relative tolerance must be in (0, 0.01], got " + std::to_string(problem.relative_tolerance));
  require(!output_times.empty(), "at least one output time is needed");
  for (std::size_t k = 0; k < output_times.size(); ++k) {
    const double t = output_times[k];
    require(std::isfinite(t) && t >= 0.0, "output times must be finite and non-negative, got " + std::to_string(t));
    require(k == 0 || t > output_times[k - 1], "output times must be strictly increasing");
  }
}

// Cell widths of one layer: a geometric progression from each face toward the middle, scaled
// to fill the layer.
std::vector<double> layer_widths(const MembraneLayer& layer) {
  std::vector<double> widths(layer.cells);
  for (std::size_t j = 0; j < layer.cells; ++j)
    widths[j] = std::pow(layer.refinement, static_cast<double>(std::min(j, layer.cells - 1 - j)));
  double sum = 0.0;
  for (const double w : widths) sum += w;
  for (double& w : widths) w *= layer.thickness / sum;
  return widths;
}

// The semi-discrete system dy/dt = A y + b, linear with a constant banded A. States, ordered
// so that every coupling is within two places of the diagonal:
//   0         S    amount supplied by the vehicle (its depletion, for a finite dose)
//   1 + 2i    c_i  concentration in cell i
//   2 + 2i    k_i  amount cleared from cell i
//   2N + 1    Q    amount in the receptor
// Every face flux is added to one state and taken from another, and clearance moves amount
// from c_i to k_i, so the right-hand sides weighted by w = (-1, h_i, 1, ..., 1) sum to zero
// and w.y = h.c + k + Q - S stays at zero. Clearance is kept per cell rather than in one total
// so that the Jacobian stays banded.
class Membrane {
 public:
  static constexpr sunindextype bandwidth = 2;

  explicit Membrane(const PermeationProblem& problem) : vehicle_(problem.vehicle) {
    for (const auto& layer : problem.layers) {
      for (const double w : layer_widths(layer)) {
        width_.push_back(w);
        partition_.push_back(layer.partition);
        clearance_.push_back(layer.clearance_rate);
        // Half-cell resistance to flux in the activity u = c / K.
        half_resistance_.push_back(w / (2.0 * layer.diffusivity * layer.partition));
      }
    }
    const std::size_t n = width_.size();
    conductance_.resize(n + 1);
    conductance_[0] = 1.0 / half_resistance_[0];
    for (std::size_t f = 1; f < n; ++f) conductance_[f] = 1.0 / (half_resistance_[f - 1] + half_resistance_[f]);
    conductance_[n] = 1.0 / half_resistance_[n - 1];
  }

  [[nodiscard]] std::size_t cells() const { return width_.size(); }
  [[nodiscard]] sunindextype states() const { return static_cast<sunindextype>(2 * cells() + 2); }
  static sunindextype supplied() { return 0; }
  static sunindextype concentration(std::size_t i) { return static_cast<sunindextype>(1 + 2 * i); }
  static sunindextype cleared(std::size_t i) { return static_cast<sunindextype>(2 + 2 * i); }
  [[nodiscard]] sunindextype receptor() const { return states() - 1; }

  [[nodiscard]] double width(std::size_t i) const { return width_[i]; }
  [[nodiscard]] double initial_donor() const {
    return vehicle_.dose == Dose::finite ? vehicle_.concentration * vehicle_.thickness : 0.0;
  }
  [[nodiscard]] double receptor_flux(const double* y) const {
    const std::size_t last = cells() - 1;
    return conductance_[cells()] * y[concentration(last)] / partition_[last];
  }

  void derivatives(const double* y, double* dydt) const {
    const std::size_t n = cells();
    double above = vehicle_activity(y[supplied()]);
    for (std::size_t f = 0; f <= n; ++f) {
      const double below = f < n ? y[concentration(f)] / partition_[f] : 0.0;
      const double flux = conductance_[f] * (above - below);
      if (f == 0)
        dydt[supplied()] = flux;
      else
        dydt[concentration(f - 1)] -= flux / width_[f - 1];
      if (f < n)
        dydt[concentration(f)] = flux / width_[f];
      else
        dydt[receptor()] = flux;
      above = below;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double removal = clearance_[i] * y[concentration(i)];
      dydt[concentration(i)] -= removal;
      dydt[cleared(i)] = removal * width_[i];
    }
  }

  // A, exactly: the same face fluxes as derivatives(), differentiated. Being exact, it has
  // w.A = 0, so every Newton correction of CVODE also keeps w.y, and the balance holds to
  // rounding rather than to the solver tolerance.
  void jacobian(SUNMatrix a) const {
    SUNMatZero(a);
    const auto add = [a](sunindextype row, sunindextype column, double value) {
      SM_ELEMENT_B(a, row, column) += value;
    };
    const std::size_t n = cells();
    for (std::size_t f = 0; f <= n; ++f) {
      const double g = conductance_[f];
      // d(flux)/d(state) for the states the flux depends on: the activity above and below.
      struct Term {
        sunindextype state;
        double derivative;
      };
      std::array<Term, 2> terms{};
      std::size_t count = 0;
      if (f > 0)
        terms[count++] = {concentration(f - 1), g / partition_[f - 1]};
      else if (vehicle_.dose == Dose::finite)
        terms[count++] = {supplied(), -g / vehicle_.thickness};
      if (f < n) terms[count++] = {concentration(f), -g / partition_[f]};
      // Where the flux goes, with the factor it enters each equation by.
      const Term giver = f > 0 ? Term{concentration(f - 1), -1.0 / width_[f - 1]} : Term{supplied(), 1.0};
      const Term taker = f < n ? Term{concentration(f), 1.0 / width_[f]} : Term{receptor(), 1.0};
      for (const auto& term : std::span(terms).first(count)) {
        add(giver.state, term.state, giver.derivative * term.derivative);
        add(taker.state, term.state, taker.derivative * term.derivative);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      add(concentration(i), concentration(i), -clearance_[i]);
      add(cleared(i), concentration(i), clearance_[i] * width_[i]);
    }
  }

  // Absolute tolerances: a small fraction of the largest value each kind of state can reach,
  // so that the relative tolerance governs everywhere but near zero.
  void absolute_tolerances(double relative, double* atol) const {
    double max_partition = 0.0;
    double depth = 0.0;
    for (std::size_t i = 0; i < cells(); ++i) {
      max_partition = std::max(max_partition, partition_[i]);
      depth += width_[i];
    }
    const double c = vehicle_.concentration > 0.0 ? vehicle_.concentration * max_partition : 1.0;
    const double amount = std::max(c * depth, initial_donor());
    const double fraction = 1e-4 * relative;
    for (sunindextype k = 0; k < states(); ++k) atol[k] = fraction * amount;
    for (std::size_t i = 0; i < cells(); ++i) atol[concentration(i)] = fraction * c;
  }

 private:
  // The vehicle is the reference phase of every K, so its activity is its concentration.
  [[nodiscard]] double vehicle_activity(double supplied_amount) const {
    return vehicle_.dose == Dose::finite ? vehicle_.concentration - supplied_amount / vehicle_.thickness
                                         : vehicle_.concentration;
  }

  Vehicle vehicle_;
  std::vector<double> width_, partition_, clearance_, half_resistance_;
  std::vector<double> conductance_;  // of each face, from the vehicle (0) to the sink (N)
};

int right_hand_side(sunrealtype, N_Vector y, N_Vector dydt, void* membrane) {
  static_cast<const Membrane*>(membrane)->derivatives(N_VGetArrayPointer(y), N_VGetArrayPointer(dydt));
  return 0;
}

int jacobian(sunrealtype, N_Vector, N_Vector, SUNMatrix a, void* membrane, N_Vector, N_Vector, N_Vector) {
  static_cast<const Membrane*>(membrane)->jacobian(a);
  return 0;
}

void check(int flag, const char* call) {
  if (flag < 0)
    throw NumericalError("layered membrane transport", call, fmt::format("SUNDIALS call failed with flag {}", flag));
}

void record(const Membrane& membrane, double t, const double* y, PermeationSeries& out) {
  double held = 0.0;
  double cleared = 0.0;
  for (std::size_t i = 0; i < membrane.cells(); ++i) {
    const double c = y[Membrane::concentration(i)];
    held += membrane.width(i) * c;
    cleared += y[Membrane::cleared(i)];
    out.concentration.push_back(c);
  }
  const double supplied = y[Membrane::supplied()];
  out.time.push_back(t);
  out.receptor.push_back(y[membrane.receptor()]);
  out.flux.push_back(membrane.receptor_flux(y));
  out.supplied.push_back(supplied);
  out.donor.push_back(out.initial_donor - supplied);
  out.membrane.push_back(held);
  out.cleared.push_back(cleared);
}

}  // namespace

PermeationSeries simulate_permeation(const PermeationProblem& problem, std::span<const double> output_times) {
  validate(problem, output_times);
  Membrane membrane(problem);
  PermeationSeries out;
  out.initial_donor = membrane.initial_donor();
  double depth = 0.0;
  for (std::size_t i = 0; i < membrane.cells(); ++i) {
    out.cell_depth.push_back(depth + 0.5 * membrane.width(i));
    depth += membrane.width(i);
  }

  SUNContext raw_context = nullptr;
  check(SUNContext_Create(nullptr, &raw_context), "SUNContext_Create");
  const sundials::Context context(raw_context);
  const sundials::Vector y(N_VNew_Serial(membrane.states(), raw_context));
  const sundials::Vector atol(N_VClone(y.get()));
  const sundials::Matrix matrix(
      SUNBandMatrix(membrane.states(), Membrane::bandwidth, Membrane::bandwidth, raw_context));
  const sundials::LinearSolver solver(SUNLinSol_Band(y.get(), matrix.get(), raw_context));
  const sundials::Cvode cvode(CVodeCreate(CV_BDF, raw_context));
  if (!y || !atol || !matrix || !solver || !cvode)
    throw NumericalError("layered membrane transport", "CVODE workspace", "out of memory");

  N_VConst(0.0, y.get());
  membrane.absolute_tolerances(problem.relative_tolerance, N_VGetArrayPointer(atol.get()));
  check(CVodeInit(cvode.get(), right_hand_side, 0.0, y.get()), "CVodeInit");
  check(CVodeSVtolerances(cvode.get(), problem.relative_tolerance, atol.get()), "CVodeSVtolerances");
  check(CVodeSetUserData(cvode.get(), &membrane), "CVodeSetUserData");
  check(CVodeSetLinearSolver(cvode.get(), solver.get(), matrix.get()), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(cvode.get(), jacobian), "CVodeSetJacFn");
  // The interval between two outputs may be many diffusion times long; the step count is not
  // what should stop it.
  check(CVodeSetMaxNumSteps(cvode.get(), 10'000'000), "CVodeSetMaxNumSteps");

  double t = 0.0;
  for (const double t_out : output_times) {
    if (t_out > t) {
      const int flag = CVode(cvode.get(), t_out, y.get(), &t, CV_NORMAL);
      if (flag < 0)
        throw NumericalError(
            "layered membrane transport", "concentration through the layers (CVODE)",
            fmt::format("the integrator failed (flag {}) at t = {:.6g} s on the way to {:.6g} s", flag, t, t_out));
    }
    record(membrane, t_out, N_VGetArrayPointer(y.get()), out);
  }
  return out;
}

}  // namespace mnsim::transport
