#include "transport/two_pathway.hpp"

#include <cvode/cvode.h>
#include <fmt/format.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunmatrix/sunmatrix_band.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "transport/jumps.hpp"
#include "transport/sundials_owners.hpp"

namespace mnsim::transport {

namespace {

constexpr double um2_per_cm2 = 1e8;

// A flux G (u_a - u_b) between two nodes, u = alpha y + beta of the node's state y. The flux
// changes state a by -epsilon_a F and state b by +epsilon_b F (epsilon = 1 / capacity for a
// concentration, 1 for an accumulated amount, -1 for the amount the vehicle has supplied).
// A finite dose's vehicle is the film: its activity follows from the amount left and the film's
// thickness at that time (vehicle_film.hpp), not from alpha and beta.
// A channel cell's fluid is water (K = K_water, 1 for an aqueous vehicle) while open and its host
// tissue once closed: its partition follows the opening, K = phi K_water + (1 - phi) K_host, and
// its activity c / K.
struct Node {
  sunindextype state = -1;  // -1: no state (a held vehicle)
  double alpha = 0.0, beta = 0.0, epsilon = 0.0;
  bool film = false;
  double host_partition = 0.0;   // > 0: a channel cell in this host
  double water_partition = 1.0;  // of a channel cell while open
};

struct Link {
  Node a, b;
  double closed = 0.0, open = 0.0;  // conductance per area when closed and when open
  bool closes = false;
};

class Column {
 public:
  static constexpr sunindextype bandwidth = 3;
  // Cells: 8 in the SC, 5 um down to 100 um below the channel tip, then growing by 15 % a cell up
  // to 100 um (graded_depth_cells). What the channel leaks near its wall and tip converges at
  // first order in the fine cell (the 12 h pig-roller amount of examples/validation: 0.915, 0.946,
  // 0.962 ug/cm2 at 10, 5, 2.5 um, about 3.5 % low at 5 um; its 12 h flux ratio 6.2, 6.7, 7.0);
  // the deep dermis varies slowly (cells of 10 to 100 um there agree to 2e-5).
  static constexpr double fine_cell_um = 5.0;
  static constexpr double coarsest_cell_um = 100.0;

  explicit Column(const TwoPathwayProblem& p)
      : problem_(p), film_(p.finite_dose ? p.vehicle_thickness_um : 1.0, p.drying, p.interval_s, p.applications) {
    build();
  }

  [[nodiscard]] sunindextype states() const { return static_cast<sunindextype>(3 * cells() + 2); }
  [[nodiscard]] std::size_t cells() const { return width_.size(); }
  static sunindextype tissue(std::size_t i) { return static_cast<sunindextype>(1 + 3 * i); }
  static sunindextype cleared(std::size_t i) { return static_cast<sunindextype>(2 + 3 * i); }
  static sunindextype channel(std::size_t i) { return static_cast<sunindextype>(3 + 3 * i); }
  [[nodiscard]] sunindextype receptor() const { return states() - 1; }

  [[nodiscard]] double phi(double t) const {
    return problem_.open_fraction ? std::clamp(problem_.open_fraction(t), 0.0, 1.0) : 1.0;
  }

  void derivatives(double t, const double* y, double* dydt) const {
    std::fill(dydt, dydt + states(), 0.0);
    const double f = phi(t);
    for (const auto& link : links_) {
      if (removed_ && link.a.state == 0) continue;  // the vehicle is gone: no flux at the surface
      const double g = link.closes ? link.closed + f * (link.open - link.closed) : link.open;
      const double flux = g * (activity(link.a, y, t, f) - activity(link.b, y, t, f));
      if (link.a.state >= 0) dydt[link.a.state] -= link.a.epsilon * flux;
      if (link.b.state >= 0) dydt[link.b.state] += link.b.epsilon * flux;
    }
    for (std::size_t i = 0; i < cells(); ++i) {
      const double removal = clearance_[i] * y[tissue(i)];
      dydt[tissue(i)] -= removal;
      dydt[cleared(i)] += removal * tissue_capacity_[i];
      const double channel_removal = clearance_[i] * y[channel(i)];
      dydt[channel(i)] -= channel_removal;
      dydt[cleared(i)] += channel_removal * channel_capacity_[i];
    }
  }

  void jacobian(double t, const double* y, SUNMatrix a) const {
    SUNMatZero(a);
    const double f = phi(t);
    for (const auto& link : links_) {
      if (removed_ && link.a.state == 0) continue;
      const double g = link.closes ? link.closed + f * (link.open - link.closed) : link.open;
      for (const Node* row : {&link.a, &link.b}) {
        if (row->state < 0) continue;
        const double sign = row == &link.a ? -row->epsilon : row->epsilon;
        if (link.a.state >= 0) SM_ELEMENT_B(a, row->state, link.a.state) += sign * g * slope(link.a, y, t, f);
        if (link.b.state >= 0) SM_ELEMENT_B(a, row->state, link.b.state) -= sign * g * slope(link.b, y, t, f);
      }
    }
    for (std::size_t i = 0; i < cells(); ++i) {
      SM_ELEMENT_B(a, tissue(i), tissue(i)) -= clearance_[i];
      SM_ELEMENT_B(a, cleared(i), tissue(i)) += clearance_[i] * tissue_capacity_[i];
      SM_ELEMENT_B(a, channel(i), channel(i)) -= clearance_[i];
      SM_ELEMENT_B(a, cleared(i), channel(i)) += clearance_[i] * channel_capacity_[i];
    }
  }

  [[nodiscard]] double cell_amount(const double* y, std::size_t i) const {
    return tissue_capacity_[i] * y[tissue(i)] + channel_capacity_[i] * y[channel(i)];
  }
  [[nodiscard]] double skin_amount(const double* y) const {
    double held = 0.0;
    for (std::size_t i = 0; i < cells(); ++i) held += cell_amount(y, i);
    return held;
  }
  [[nodiscard]] const std::vector<double>& widths() const { return width_; }
  [[nodiscard]] const std::vector<double>& tops() const { return depth_top_; }
  [[nodiscard]] double cleared_amount(const double* y) const {
    double total = 0.0;
    for (std::size_t i = 0; i < cells(); ++i) total += y[cleared(i)];
    return total;
  }
  [[nodiscard]] double outflow(double t, const double* y) const {
    double rate = 0.0;
    for (std::size_t i = 0; i < cells(); ++i)
      rate += clearance_[i] * (y[tissue(i)] * tissue_capacity_[i] + y[channel(i)] * channel_capacity_[i]);
    if (problem_.sink) rate += bottom_conductance_ * activity(bottom_node_, y, t, phi(t));
    return rate;
  }
  [[nodiscard]] double initial_donor() const { return problem_.finite_dose ? problem_.vehicle_thickness_um : 0.0; }
  // What the film has received so far (0 for an infinite dose); the driver counts applications
  // and restarts the integrator at each, where the film's amount and thickness jump.
  [[nodiscard]] double applied_amount() const { return problem_.finite_dose ? film_.applied_um(applications_) : 0.0; }
  void set_applications(std::size_t applications) { applications_ = applications; }
  // Wiping the product off: what is left of a finite film (given the amount supplied so far) is
  // removed, and the surface passes nothing from then on.
  void remove_vehicle(double supplied) {
    removed_amount_ = problem_.finite_dose ? applied_amount() - supplied : 0.0;
    removed_ = true;
  }
  [[nodiscard]] double removed_amount() const { return removed_amount_; }
  [[nodiscard]] double total_depth() const { return problem_.depth_um; }

 private:
  // The film's state is the amount it has supplied, so its amount left is applied - y.
  // At time t with the channels' open fraction f = phi(t), evaluated once per call by the caller.
  [[nodiscard]] double activity(const Node& n, const double* y, double t, double f) const {
    if (n.film) return film_.activity(applied_amount() - y[n.state], t, applications_);
    return n.state >= 0 ? slope(n, y, t, f) * y[n.state] + n.beta : n.beta;
  }
  [[nodiscard]] double slope(const Node& n, const double* y, double t, double f) const {
    if (n.film) return -film_.activity_slope(applied_amount() - y[n.state], t, applications_);
    if (n.host_partition > 0.0) return 1.0 / (f * n.water_partition + (1.0 - f) * n.host_partition);
    return n.alpha;
  }

  void build() {
    const auto& tissue_layers = problem_.tissue.layers;
    const auto& ch = problem_.channels;
    const bool has_channels = ch.density_per_cm2 > 0.0 && ch.depth_um > 0.0 && ch.radius_um > 0.0;
    const double n_per_um2 = ch.density_per_cm2 / um2_per_cm2;
    const double area_fraction =
        has_channels ? std::min(0.5, n_per_um2 * std::numbers::pi * ch.radius_um * ch.radius_um) : 0.0;
    const double tip = has_channels ? std::min(ch.depth_um, 0.9 * problem_.depth_um) : 0.0;

    // Cell faces: layer boundaries and the channel tip, cells as set out above.
    // The SC always in 8 cells, however thin.
    width_ = graded_depth_cells(problem_.tissue, problem_.depth_um, tip,
                                {.sc_cells = 8,
                                 .sc_cell_um = std::numeric_limits<double>::infinity(),
                                 .fine_um = fine_cell_um,
                                 .fine_until_um = tip + 100.0,
                                 .coarsest_um = coarsest_cell_um});
    double top = 0.0;
    for (const double w : width_) {
      depth_top_.push_back(top);
      top += w;
    }
    const std::size_t n = width_.size();
    std::vector<const LayerTransport*> layer(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double centre = depth_top_[i] + 0.5 * width_[i];
      double bottom = 0.0;
      layer[i] = &tissue_layers.back();
      for (const auto& l : tissue_layers) {
        bottom += l.thickness_um;
        if (centre < bottom) {
          layer[i] = &l;
          break;
        }
      }
    }
    tissue_capacity_.resize(n);
    channel_capacity_.resize(n);
    clearance_.resize(n);
    std::vector<bool> in_channel(n, false);
    // The share of the cross-section that is tissue: around a channel, all but the channels;
    // below their tips, all of it. (With the channels' share taken out all the way down, a
    // denser array narrowed the tissue under the tips and delivered less.)
    std::vector<double> share(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
      in_channel[i] = has_channels && depth_top_[i] + 0.5 * width_[i] < tip;
      if (in_channel[i]) share[i] = 1.0 - area_fraction;
      // The state is the concentration (activity times K), so a cell stores its volume times it;
      // the partition coefficient enters through the activities the fluxes act on.
      tissue_capacity_[i] = share[i] * width_[i];
      // A channel cell below the tip stays empty; it keeps a capacity so the system is regular.
      channel_capacity_[i] = std::max(area_fraction, 1e-6) * width_[i];
      clearance_[i] = layer[i]->clearance_per_s;
    }
    // States hold concentrations; epsilon converts an amount per area into them.
    const auto tissue_node = [&](std::size_t i) {
      return Node{tissue(i), 1.0 / layer[i]->partition, 0.0, 1.0 / tissue_capacity_[i]};
    };
    const auto channel_node = [&](std::size_t i) {
      return Node{channel(i),          1.0 / problem_.tissue.channel_partition, 0.0, 1.0 / channel_capacity_[i], false,
                  layer[i]->partition, problem_.tissue.channel_partition};
    };
    const Node vehicle = problem_.finite_dose ? Node{0, 0.0, 0.0, -1.0, true} : Node{0, 0.0, 1.0, -1.0};
    const auto sigma = [&](std::size_t i) { return layer[i]->diffusivity_um2_per_s * layer[i]->partition; };
    const double sigma_water = problem_.tissue.channel_diffusivity_um2_per_s * problem_.tissue.channel_partition;

    links_.push_back({vehicle, tissue_node(0), 0.0, share[0] * 2.0 * sigma(0) / width_[0], false});
    for (std::size_t i = 0; i + 1 < n; ++i) {
      // Half cells in series, each over its own tissue share (under the last channel cell, the
      // tissue beside the channel feeds the tissue below; the tip link adds the channel's part).
      const double g =
          1.0 / (0.5 * width_[i] / (sigma(i) * share[i]) + 0.5 * width_[i + 1] / (sigma(i + 1) * share[i + 1]));
      links_.push_back({tissue_node(i), tissue_node(i + 1), 0.0, g, false});
    }
    bottom_node_ = tissue_node(n - 1);
    bottom_conductance_ = share[n - 1] * 2.0 * sigma(n - 1) / width_[n - 1];
    if (problem_.sink)
      links_.push_back({bottom_node_, Node{receptor(), 0.0, 0.0, 1.0}, 0.0, bottom_conductance_, false});

    if (!has_channels) return;
    // The channel: open, water; closed, the host tissue.
    const auto half = [&](std::size_t i, double s) { return 0.5 * width_[i] / s; };
    links_.push_back(
        {vehicle, channel_node(0), area_fraction / half(0, sigma(0)), area_fraction / half(0, sigma_water), true});
    const double cell_radius = 1.0 / std::sqrt(std::numbers::pi * n_per_um2);
    // The tissue state is the mean over the cell around the channel, so the wall conductance is
    // the one between the wall and that mean: steady radial diffusion out of the channel into an
    // annulus that takes it up evenly and is closed at R_cell gives a mean excess of
    // q / (2 pi sigma) (ln(R_cell / r) - 3/4) for r << R_cell (the shape factor of a well in a
    // closed cylindrical block). With ln(R_cell / r) alone, the potential at R_cell, the column
    // fell 19 % (sparse) and 8 % (dense) below the resolved cell; now 10 % and 2 %.
    const double log_ratio = std::max(0.1, std::log(cell_radius / ch.radius_um) - 0.75);
    std::size_t last = 0;
    for (std::size_t i = 0; i < n && in_channel[i]; ++i) {
      last = i;
      // Wall leak per cell: the conductance above per channel, times n.
      const double wall = n_per_um2 * 2.0 * std::numbers::pi * sigma(i) / log_ratio * width_[i];
      links_.push_back({channel_node(i), tissue_node(i), 0.0, wall, false});
      if (i + 1 < n && in_channel[i + 1]) {
        const double closed = area_fraction / (half(i, sigma(i)) + half(i + 1, sigma(i + 1)));
        const double open = area_fraction / (half(i, sigma_water) + half(i + 1, sigma_water));
        links_.push_back({channel_node(i), channel_node(i + 1), closed, open, true});
      }
    }
    if (last + 1 < n) {
      // The tip: the channel's half cell in series with a disk spreading into the tissue below.
      const double disk = n_per_um2 * 4.0 * sigma(last + 1) * ch.radius_um;
      const auto tip_g = [&](double s) { return 1.0 / (1.0 / (area_fraction / half(last, s)) + 1.0 / disk); };
      links_.push_back({channel_node(last), tissue_node(last + 1), tip_g(sigma(last)), tip_g(sigma_water), true});
    }
  }

  TwoPathwayProblem problem_;
  VehicleFilm film_;
  std::size_t applications_ = 1;
  bool removed_ = false;
  double removed_amount_ = 0.0;
  std::vector<double> width_, depth_top_, tissue_capacity_, channel_capacity_, clearance_;
  std::vector<Link> links_;
  Node bottom_node_;
  double bottom_conductance_ = 0.0;
};

int right_hand_side(sunrealtype t, N_Vector y, N_Vector dydt, void* column) {
  static_cast<const Column*>(column)->derivatives(t, N_VGetArrayPointer(y), N_VGetArrayPointer(dydt));
  return 0;
}

int jacobian(sunrealtype t, N_Vector y, N_Vector, SUNMatrix a, void* column, N_Vector, N_Vector, N_Vector) {
  static_cast<const Column*>(column)->jacobian(t, N_VGetArrayPointer(y), a);
  return 0;
}

// CVODE's messages go into the exception thrown on failure rather than to stderr: a failed
// sampled run is retried quietly (exposure_uncertainty.cpp), and a failure that stands says why.
void keep_message(int, const char*, const char* function, char* message, void* text) {
  *static_cast<std::string*>(text) += std::string(function) + ": " + message;
}

void check(int flag, const char* call) {
  if (flag < 0)
    throw NumericalError("two-pathway transport", call, fmt::format("SUNDIALS call failed with flag {}", flag));
}

}  // namespace

namespace {

TwoPathwaySeries integrate(const TwoPathwayProblem& problem, std::span<const double> output_times_s) {
  if (problem.finite_dose && !(problem.vehicle_thickness_um > 0.0))
    throw std::invalid_argument("two-pathway transport: a finite dose needs a positive vehicle thickness");
  if (!(problem.depth_um > 0.0))
    throw std::invalid_argument("two-pathway transport: the column depth must be positive");
  for (std::size_t k = 0; k < output_times_s.size(); ++k)
    if (!(output_times_s[k] > 0.0) || (k > 0 && !(output_times_s[k] > output_times_s[k - 1])))
      throw std::invalid_argument("two-pathway transport: output times must be positive and increasing");
  Column column(problem);
  // Where the problem jumps within the outputs (jumps.hpp): the integrator stops at each (its stop
  // time keeps it from stepping past one) and starts afresh.
  const double last_output = output_times_s.empty() ? 0.0 : output_times_s.back();
  const auto jumps = jumps_before(
      {problem.finite_dose, problem.applications, problem.interval_s, problem.channels_made_s, problem.removed_s},
      last_output);

  SUNContext raw_context = nullptr;
  check(SUNContext_Create(nullptr, &raw_context), "SUNContext_Create");
  const sundials::Context context(raw_context);
  const sundials::Vector y(N_VNew_Serial(column.states(), raw_context));
  const sundials::Matrix matrix(SUNBandMatrix(column.states(), Column::bandwidth, Column::bandwidth, raw_context));
  const sundials::LinearSolver solver(SUNLinSol_Band(y.get(), matrix.get(), raw_context));
  const sundials::Cvode cvode(CVodeCreate(CV_BDF, raw_context));
  if (!y || !matrix || !solver || !cvode)
    throw NumericalError("two-pathway transport", "CVODE workspace", "out of memory");

  N_VConst(0.0, y.get());
  // Absolute tolerance: a small fraction of the amount a vehicle-deep layer of skin would hold.
  const double scale = std::max(column.initial_donor(), 1.0);
  check(CVodeInit(cvode.get(), right_hand_side, 0.0, y.get()), "CVodeInit");
  check(CVodeSStolerances(cvode.get(), problem.relative_tolerance, 1e-6 * problem.relative_tolerance * scale),
        "CVodeSStolerances");
  check(CVodeSetUserData(cvode.get(), &column), "CVodeSetUserData");
  check(CVodeSetLinearSolver(cvode.get(), solver.get(), matrix.get()), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(cvode.get(), jacobian), "CVodeSetJacFn");
  check(CVodeSetMaxNumSteps(cvode.get(), 1'000'000), "CVodeSetMaxNumSteps");
  std::string cvode_message;
  check(CVodeSetErrHandlerFn(cvode.get(), keep_message, &cvode_message), "CVodeSetErrHandlerFn");
  if (!jumps.empty()) check(CVodeSetStopTime(cvode.get(), jumps.front().t_s), "CVodeSetStopTime");

  const auto advance = [&](double to, double& t) {
    const int flag = CVode(cvode.get(), to, y.get(), &t, CV_NORMAL);
    if (flag < 0)
      throw NumericalError("two-pathway transport", "amount in the skin column (CVODE)",
                           fmt::format("the integrator failed (flag {}) at t = {:.6g} s on the way to {:.6g} s: {}",
                                       flag, t, to, cvode_message));
  };
  TwoPathwaySeries out;
  out.initial_donor = column.initial_donor();
  double t = 0.0;
  std::size_t next = 0, applications = 1;  // the next jump; applications made
  for (const double t_out : output_times_s) {
    for (; next < jumps.size() && jumps[next].t_s < t_out; ++next) {
      if (t < jumps[next].t_s) advance(jumps[next].t_s, t);
      if (jumps[next].change == Change::application) column.set_applications(++applications);
      if (jumps[next].change == Change::removal) column.remove_vehicle(N_VGetArrayPointer(y.get())[0]);
      check(CVodeReInit(cvode.get(), jumps[next].t_s, y.get()), "CVodeReInit");
      const double stop = next + 1 < jumps.size() ? jumps[next + 1].t_s : last_output;
      check(CVodeSetStopTime(cvode.get(), stop), "CVodeSetStopTime");
    }
    advance(t_out, t);
    const double* v = N_VGetArrayPointer(y.get());
    const double supplied = v[0];
    out.time_s.push_back(t_out);
    out.supplied.push_back(supplied);
    out.receptor.push_back(v[column.receptor()]);
    out.cleared.push_back(column.cleared_amount(v));
    out.skin.push_back(column.skin_amount(v));
    out.donor.push_back(column.applied_amount() - supplied - column.removed_amount());
    out.flux.push_back(column.outflow(t_out, v));
    auto& held = out.cell_held.emplace_back();
    for (std::size_t i = 0; i < column.cells(); ++i) held.push_back(column.cell_amount(v, i));
  }
  out.applied = column.applied_amount();
  out.removed = column.removed_amount();
  out.cell_top_um = column.tops();
  out.cell_width_um = column.widths();
  return out;
}

}  // namespace

// A run the integrator cannot finish (repeated error-test failures where a saturated film or
// deposit runs short and the film's activity turns sharply) is tried once more at a tolerance a
// hundred times tighter, from the start, before its failure stands.
TwoPathwaySeries simulate_two_pathway(const TwoPathwayProblem& problem, std::span<const double> output_times_s) {
  try {
    return integrate(problem, output_times_s);
  } catch (const NumericalError&) {
    TwoPathwayProblem tighter = problem;
    tighter.relative_tolerance = problem.relative_tolerance * 1e-2;
    try {
      return integrate(tighter, output_times_s);
    } catch (const NumericalError&) {
    }
    throw;
  }
}

}  // namespace mnsim::transport
