#include "transport/resolved_solver.hpp"

#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

#include "core/parallel_failure.hpp"
#include "transport/jumps.hpp"

namespace mnsim::transport {

namespace {

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument("resolved transport: " + message);
}

bool positive(double x) { return std::isfinite(x) && x > 0.0; }

// Conductivity sigma = D K of two half cells in series across a face of unit area, per length
// of the two half widths: 1 / (w_a / (2 s_a) + w_b / (2 s_b)).
inline double series(double width_a, double sigma_a, double width_b, double sigma_b) {
  return 1.0 / (0.5 * width_a / sigma_a + 0.5 * width_b / sigma_b);
}

}  // namespace

// Material properties at the time of the step being taken.
struct ResolvedSolver::Coefficients {
  std::vector<double> sigma, partition, clearance;
};

// The implicit lateral step of one plane, (K - dt A) w = K r with A the plane's conductances per
// unit volume, is symmetric positive definite: a sparse Cholesky factor serves every plane with
// the same material pattern, and is refactored only when the step or the channels' opening
// change.
struct ResolvedSolver::LateralSolvers {
  using Matrix = Eigen::SparseMatrix<double>;
  std::vector<std::size_t> pattern_of_plane;
  std::vector<std::size_t> first_plane_of_pattern;
  std::vector<char> pattern_closes;  // holds a closing channel: refactored when the opening changes
  std::vector<std::unique_ptr<Eigen::SimplicialLDLT<Matrix>>> factors;  // not movable: held by pointer
  double dt = -1.0, phi = -1.0;
  bool lateral = false;  // false when the lateral step is the identity
};

// The depth operator and its implicit step are the same for every column of one material pattern
// (a unit cell has two: intact skin and channel), so its rates and the Thomas elimination are
// computed once per pattern and step, not per voxel.
struct ResolvedSolver::ColumnTables {
  std::vector<std::size_t> pattern_of_column;
  std::vector<std::size_t> first_column_of_pattern;
  // [pattern * nz + z], rates in 1/s: to the plane above and below, into the vehicle (z = 0), and
  // lost to clearance and (bottom plane) the receptor.
  std::vector<double> up, down, top, loss;
  // Elimination of (I - dt Z) w = r: forward w_z = (r_z + lower_z w_{z-1}) inverse_pivot_z, back
  // w_z += upper_z w_{z+1}; the response of the column to a unit vehicle activity.
  std::vector<double> lower, upper, inverse_pivot, response;
  std::vector<double> cleared_per_activity;                 // kc K dz
  std::vector<double> top_conductance, bottom_conductance;  // [pattern], 2 sigma / dz
  bool clears = false;
};

ResolvedSolver::ResolvedSolver(ResolvedProblem problem)
    : problem_(std::move(problem)),
      film_(problem_.vehicle_thickness_um, problem_.drying, problem_.interval_s, problem_.applications) {
  const auto& g = problem_.geometry;
  require(g.nx >= 1 && g.ny >= 1 && g.nz() >= 1, "the grid needs at least one voxel along each axis");
  require(positive(g.dx_um), "the lateral voxel side must be positive");
  for (const double dz : g.dz_um) require(positive(dz), "every plane must have a positive thickness");
  require(g.material.size() == g.voxels(), "the material map must have one entry per voxel");
  require(!problem_.materials.empty() && problem_.materials.size() <= 256, "between 1 and 256 materials are needed");
  for (const auto& m : problem_.materials) {
    require(positive(m.partition), "every partition coefficient must be positive");
    require(positive(m.diffusivity), "every diffusivity must be positive");
    require(!m.closes || positive(m.closed_diffusivity), "a closing material needs a positive closed diffusivity");
    require(std::isfinite(m.clearance_per_s) && m.clearance_per_s >= 0.0, "clearance rates must be non-negative");
  }
  for (const auto m : g.material)
    require(m < problem_.materials.size(), "a voxel refers to a material not in the table");
  require(!problem_.finite_dose || positive(problem_.vehicle_thickness_um),
          "a finite dose needs a positive vehicle thickness");
  u_.assign(g.voxels(), 0.0);
  work_.assign(g.voxels(), 0.0);
  const std::size_t columns = g.nx * g.ny;
  columns_ = std::make_unique<ColumnTables>();
  {
    auto& ct = *columns_;
    std::map<std::string, std::size_t> column_patterns;  // a column's material bytes -> pattern
    std::string key(g.nz(), '\0');
    for (std::size_t c = 0; c < columns; ++c) {
      for (std::size_t z = 0; z < g.nz(); ++z) key[z] = static_cast<char>(g.material[c + z * columns]);
      const auto [it, added] = column_patterns.emplace(key, column_patterns.size());
      if (added) ct.first_column_of_pattern.push_back(c);
      ct.pattern_of_column.push_back(it->second);
    }
    const std::size_t entries = column_patterns.size() * g.nz();
    for (auto* table : {&ct.up, &ct.down, &ct.top, &ct.loss, &ct.lower, &ct.upper, &ct.inverse_pivot, &ct.response,
                        &ct.cleared_per_activity})
      table->assign(entries, 0.0);
    ct.top_conductance.assign(column_patterns.size(), 0.0);
    ct.bottom_conductance.assign(column_patterns.size(), 0.0);
    ct.clears = std::any_of(problem_.materials.begin(), problem_.materials.end(),
                            [](const ResolvedMaterial& m) { return m.clearance_per_s > 0.0; });
  }

  lateral_ = std::make_unique<LateralSolvers>();
  // A laterally uniform skin (every plane one material) keeps a laterally uniform solution, on
  // which the lateral operator is zero: the lateral step is then the identity and is skipped.
  bool uniform = true;
  for (std::size_t z = 0; z < g.nz() && uniform; ++z) {
    const auto* plane = g.material.data() + z * columns;
    uniform = std::all_of(plane, plane + columns, [&](std::uint8_t m) { return m == plane[0]; });
  }
  lateral_->lateral = columns > 1 && !uniform;
  std::map<std::string, std::size_t> patterns;  // a plane's material bytes -> pattern
  for (std::size_t z = 0; z < g.nz(); ++z) {
    const auto* begin = g.material.data() + z * columns;
    std::string key(begin, begin + columns);
    const auto [it, added] = patterns.emplace(std::move(key), patterns.size());
    if (added) {
      lateral_->first_plane_of_pattern.push_back(z);
      lateral_->pattern_closes.push_back(static_cast<char>(
          std::any_of(begin, begin + columns, [&](std::uint8_t m) { return problem_.materials[m].closes; })));
    }
    lateral_->pattern_of_plane.push_back(it->second);
  }
  for (std::size_t p = 0; p < patterns.size(); ++p)
    lateral_->factors.push_back(std::make_unique<Eigen::SimplicialLDLT<LateralSolvers::Matrix>>());
}

ResolvedSolver::~ResolvedSolver() = default;
ResolvedSolver::ResolvedSolver(ResolvedSolver&&) noexcept = default;
ResolvedSolver& ResolvedSolver::operator=(ResolvedSolver&&) noexcept = default;

void ResolvedSolver::column_tables(double dt, const Coefficients& k) {
  auto& ct = *columns_;
  const auto& g = problem_.geometry;
  const std::size_t nz = g.nz(), plane = g.nx * g.ny, patterns = ct.first_column_of_pattern.size();
  const double* dz = g.dz_um.data();
  const bool sink = problem_.bottom == Bottom::sink;
  for (std::size_t p = 0; p < patterns; ++p) {
    const std::uint8_t* m = g.material.data() + ct.first_column_of_pattern[p];
    const auto sigma = [&](std::size_t z) { return k.sigma[m[z * plane]]; };
    ct.top_conductance[p] = wiped_ ? 0.0 : 2.0 * sigma(0) / dz[0];
    ct.bottom_conductance[p] = sink ? 2.0 * sigma(nz - 1) / dz[nz - 1] : 0.0;
    double previous_upper = 0.0, previous_response = 0.0;
    for (std::size_t z = 0; z < nz; ++z) {
      const std::size_t t = p * nz + z;
      const double capacity = k.partition[m[z * plane]] * dz[z];
      ct.up[t] = z > 0 ? series(dz[z - 1], sigma(z - 1), dz[z], sigma(z)) / capacity : 0.0;
      ct.down[t] = z + 1 < nz ? series(dz[z], sigma(z), dz[z + 1], sigma(z + 1)) / capacity : 0.0;
      ct.top[t] = z == 0 ? ct.top_conductance[p] / capacity : 0.0;
      ct.loss[t] = k.clearance[m[z * plane]] + (z + 1 == nz ? ct.bottom_conductance[p] / capacity : 0.0);
      ct.cleared_per_activity[t] = k.clearance[m[z * plane]] * capacity;
      const double lower = dt * ct.up[t];
      const double pivot = 1.0 + dt * (ct.up[t] + ct.down[t] + ct.top[t] + ct.loss[t]) - lower * previous_upper;
      ct.lower[t] = lower;
      ct.inverse_pivot[t] = 1.0 / pivot;
      ct.upper[t] = dt * ct.down[t] / pivot;
      ct.response[t] = ((z == 0 ? dt * ct.top[t] : 0.0) + lower * previous_response) / pivot;
      previous_upper = ct.upper[t];
      previous_response = ct.response[t];
    }
    for (std::size_t z = nz - 1; z-- > 0;)
      ct.response[p * nz + z] += ct.upper[p * nz + z] * ct.response[p * nz + z + 1];
  }
}

void ResolvedSolver::factor_lateral(double dt, double phi, const Coefficients& k) {
  auto& l = *lateral_;
  if (!l.lateral || (dt == l.dt && phi == l.phi)) return;
  const auto& g = problem_.geometry;
  const std::size_t nx = g.nx, ny = g.ny, columns = nx * ny;
  const double inv_dx2 = 1.0 / (g.dx_um * g.dx_um);
  const bool first = l.dt < 0.0, step_changed = dt != l.dt;
  const auto patterns = static_cast<std::ptrdiff_t>(l.factors.size());
  std::vector<char> failed(static_cast<std::size_t>(patterns), 0);
  ParallelFailure failure;  // an allocation that fails must not end the process
  // Patterns are independent: factored in parallel; a pattern without a closing channel does not
  // change when only the opening does.
#pragma omp parallel for schedule(dynamic, 1)
  for (std::ptrdiff_t pi = 0; pi < patterns; ++pi) {
    failure.run(static_cast<std::size_t>(pi), [&] {
      const auto p = static_cast<std::size_t>(pi);
      if (!first && !step_changed && l.pattern_closes[p] == 0) return;
      const std::uint8_t* mat = g.material.data() + l.first_plane_of_pattern[p] * columns;
      std::vector<Eigen::Triplet<double>> entries;
      entries.reserve(5 * columns);
      for (std::size_t y = 0; y < ny; ++y)
        for (std::size_t x = 0; x < nx; ++x) {
          const std::size_t i = y * nx + x;
          double diagonal = k.partition[mat[i]];
          const auto couple = [&](std::size_t j) {
            const double sa = k.sigma[mat[i]], sb = k.sigma[mat[j]];
            const double c = dt * 2.0 * sa * sb / (sa + sb) * inv_dx2;
            diagonal += c;
            entries.emplace_back(static_cast<int>(i), static_cast<int>(j), -c);
          };
          if (x > 0) couple(i - 1);
          if (x + 1 < nx) couple(i + 1);
          if (y > 0) couple(i - nx);
          if (y + 1 < ny) couple(i + nx);
          entries.emplace_back(static_cast<int>(i), static_cast<int>(i), diagonal);
        }
      LateralSolvers::Matrix m(static_cast<Eigen::Index>(columns), static_cast<Eigen::Index>(columns));
      m.setFromTriplets(entries.begin(), entries.end());
      auto& factor = *l.factors[p];
      if (first) factor.analyzePattern(m);
      factor.factorize(m);
      failed[p] = factor.info() == Eigen::Success ? 0 : 1;
    });
  }
  failure.rethrow_if_failed();
  require(std::count(failed.begin(), failed.end(), 1) == 0, "the lateral step could not be factored");
  l.dt = dt;
  l.phi = phi;
}

void ResolvedSolver::step(double dt, double t_new, Coefficients& k) {
  const auto& g = problem_.geometry;
  const std::size_t nx = g.nx, ny = g.ny, nz = g.nz();
  const std::size_t plane = nx * ny;
  // The channels at the middle of the step: their conductance over the step to second order.
  const double phi = problem_.open_fraction ? std::clamp(problem_.open_fraction(t_new - 0.5 * dt), 0.0, 1.0) : 1.0;
  for (std::size_t m = 0; m < problem_.materials.size(); ++m) {
    const auto& mat = problem_.materials[m];
    const double d =
        mat.closes ? mat.closed_diffusivity + phi * (mat.diffusivity - mat.closed_diffusivity) : mat.diffusivity;
    k.sigma[m] = d * mat.partition;
    k.partition[m] = mat.partition_while(channels_made_);
    k.clearance[m] = mat.clearance_per_s;
  }
  const double* kk = k.partition.data();
  const std::uint8_t* mat = g.material.data();
  const bool sink = problem_.bottom == Bottom::sink;
  const bool finite = problem_.finite_dose;
  const double vehicle_old = totals_.vehicle;
  const double* u = u_.data();
  double* w = work_.data();
  column_tables(dt, k);
  const auto& ct = *columns_;
  const std::size_t* pattern = ct.pattern_of_column.data();

  // (Z u)_i with the vehicle at `vehicle`, as a rate of the activity; t = pattern * nz + z.
  const auto z_operator = [&](std::size_t i, std::size_t z, std::size_t t, double vehicle) {
    double r = -ct.loss[t] * u[i];
    if (z > 0) r += ct.up[t] * (u[i - plane] - u[i]);
    if (z + 1 < nz) r += ct.down[t] * (u[i + plane] - u[i]);
    if (z == 0) r += ct.top[t] * (vehicle - u[i]);
    return r;
  };

  // Predictor, already reduced by the lateral correction's explicit part: w = u + dt Z u.
#pragma omp parallel for schedule(static)
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t c = 0; c < plane; ++c) {
      const std::size_t i = z * plane + c;
      w[i] = u[i] + dt * z_operator(i, z, pattern[c] * nz + z, vehicle_old);
    }

  // Lateral correction: (I - dt H) w = w, H = X + Y, one sparse solve per plane.
  factor_lateral(dt, phi, k);
  if (lateral_->lateral) {
#pragma omp parallel
    {
      Eigen::VectorXd rhs(static_cast<Eigen::Index>(plane));
#pragma omp for schedule(static)
      for (std::size_t z = 0; z < nz; ++z) {
        double* wz = w + z * plane;
        const std::uint8_t* mz = mat + z * plane;
        for (std::size_t c = 0; c < plane; ++c) rhs[static_cast<Eigen::Index>(c)] = kk[mz[c]] * wz[c];
        Eigen::Map<Eigen::VectorXd>(wz, static_cast<Eigen::Index>(plane)) =
            lateral_->factors[lateral_->pattern_of_plane[z]]->solve(rhs);
      }
    }
  }

  // z correction: (I - dt Z_new) w = w - dt Z u, with the vehicle of the new time, by the
  // elimination factored once per column pattern (column_tables). For a finite dose each column
  // is solved for its right-hand side (a); its response to a unit vehicle activity (p) depends
  // only on its pattern; the vehicle equation then closes over all columns.
#pragma omp parallel for schedule(static)
  for (std::size_t y = 0; y < ny; ++y) {
    for (std::size_t z = 0; z < nz; ++z)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t c = y * nx + x, i = z * plane + c, t = pattern[c] * nz + z;
        double rhs = w[i] - dt * z_operator(i, z, t, vehicle_old);
        if (z == 0 && !finite) rhs += dt * ct.top[t] * vehicle_old;  // the fixed vehicle of an infinite dose
        if (z > 0) rhs += ct.lower[t] * w[i - plane];
        w[i] = rhs * ct.inverse_pivot[t];
      }
    for (std::size_t z = nz - 1; z-- > 0;)
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t c = y * nx + x, i = z * plane + c;
        w[i] += ct.upper[pattern[c] * nz + z] * w[i + plane];
      }
  }

  const std::size_t columns = plane;
  if (finite) {
    // N (h_v(t_new) v_new - M_old) = -dt sum g (v_new - a - p v_new), summed in a fixed order,
    // M the amount in the film. A film that would pass saturation stays saturated, and the
    // amount follows from the flux (the flux out of the film rises with v, so this is the root).
    double numerator = static_cast<double>(columns) * totals_.donor;
    double denominator = film_.thickness_um(t_new, applications_) * static_cast<double>(columns);
    for (std::size_t c = 0; c < columns; ++c) {
      const std::size_t p = pattern[c];
      numerator += dt * ct.top_conductance[p] * w[c];
      denominator += dt * ct.top_conductance[p] * (1.0 - ct.response[p * nz]);
    }
    totals_.vehicle = std::min(numerator / denominator, problem_.drying.saturation_activity);
    const double vehicle = totals_.vehicle;
#pragma omp parallel for schedule(static)
    for (std::size_t z = 0; z < nz; ++z)
      for (std::size_t c = 0; c < plane; ++c) w[z * plane + c] += ct.response[pattern[c] * nz + z] * vehicle;
  }

  // Fluxes of the step from the new state, exactly as the z correction used them.
  double supplied = 0.0, to_receptor = 0.0;
  for (std::size_t c = 0; c < columns; ++c) {
    supplied += ct.top_conductance[pattern[c]] * (totals_.vehicle - w[c]);
    if (sink) to_receptor += ct.bottom_conductance[pattern[c]] * w[c + (nz - 1) * plane];
  }
  double cleared = 0.0;
  if (ct.clears)
    for (std::size_t z = 0; z < nz; ++z)
      for (std::size_t c = 0; c < columns; ++c)
        cleared += ct.cleared_per_activity[pattern[c] * nz + z] * w[c + z * plane];
  const double per_column = 1.0 / static_cast<double>(columns);
  totals_.supplied += dt * supplied * per_column;
  if (finite) totals_.donor -= dt * supplied * per_column;
  totals_.receptor += dt * to_receptor * per_column;
  totals_.cleared += dt * cleared * per_column;
  totals_.flux = (to_receptor + cleared) * per_column;
  u_.swap(work_);
}

void ResolvedSolver::make_channels() {
  std::vector<double> factor;
  for (const auto& m : problem_.materials) factor.push_back(m.partition_while(false) / m.partition_while(true));
  const std::uint8_t* material = problem_.geometry.material.data();
  double* u = u_.data();
  const std::size_t n = u_.size();
#pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < n; ++i) u[i] *= factor[material[i]];
  channels_made_ = true;
}

void ResolvedSolver::record(double t, ResolvedSeries& out) const {
  const auto& g = problem_.geometry;
  const std::size_t plane = g.nx * g.ny;
  double held = 0.0;
  auto& held_by_plane = out.cell_held.emplace_back(g.nz());
  for (std::size_t z = 0; z < g.nz(); ++z) {
    double layer = 0.0;
    for (std::size_t c = 0; c < plane; ++c) {
      const std::size_t i = c + z * plane;
      layer += problem_.materials[g.material[i]].partition_while(channels_made_) * u_[i];
    }
    held += layer * g.dz_um[z];
    held_by_plane[z] = layer * g.dz_um[z] / static_cast<double>(plane);
  }
  out.time_s.push_back(t);
  out.supplied.push_back(totals_.supplied);
  out.receptor.push_back(totals_.receptor);
  out.cleared.push_back(totals_.cleared);
  out.skin.push_back(held / static_cast<double>(plane));
  out.donor.push_back(problem_.finite_dose ? totals_.donor : -totals_.supplied);
  out.flux.push_back(totals_.flux);
}

// Step doubling: the whole step and the two halves are both first order, so their difference
// estimates the error of the halves, and 2 halves - whole cancels the leading term (Richardson
// extrapolation, second order). Every quantity of the state is linear in it and each of the two
// results conserves mass exactly, so the extrapolated state does too (weights 2 - 1 = 1).
double ResolvedSolver::controlled_step(double h, double t, Coefficients& k, const ResolvedSchedule& schedule) {
  const auto& g = problem_.geometry;
  const std::size_t plane = g.nx * g.ny, nz = g.nz();
  std::copy(u_.begin(), u_.end(), start_.begin());
  const Totals before = totals_;
  step(h, t + h, k);
  u_.swap(whole_);
  const Totals whole = totals_;
  std::copy(start_.begin(), start_.end(), u_.begin());
  totals_ = before;
  step(0.5 * h, t + 0.5 * h, k);
  step(0.5 * h, t + h, k);

  const double* halves = u_.data();
  const double* once = whole_.data();
  const double tolerance = schedule.tolerance, absolute = schedule.absolute_activity;
#pragma omp parallel for schedule(static)
  for (std::size_t z = 0; z < nz; ++z) {
    double sum = 0.0;
    for (std::size_t c = 0; c < plane; ++c) {
      const std::size_t i = z * plane + c;
      const double e = (halves[i] - once[i]) / (tolerance * (std::abs(halves[i]) + absolute));
      sum += e * e;
    }
    plane_error_[z] = sum * g.dz_um[z];
  }
  double sum = 0.0, depth = 0.0;
  for (std::size_t z = 0; z < nz; ++z) {
    sum += plane_error_[z];
    depth += g.dz_um[z];
  }
  const double error = std::sqrt(sum / (depth * static_cast<double>(plane)));
  if (!(error <= 1.0)) {
    std::copy(start_.begin(), start_.end(), u_.begin());
    totals_ = before;
    return std::isfinite(error) ? error : 1e10;
  }
  double* u = u_.data();
#pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < u_.size(); ++i) u[i] = 2.0 * u[i] - once[i];
  const auto extrapolate = [](double halves_value, double whole_value) { return 2.0 * halves_value - whole_value; };
  totals_.donor = extrapolate(totals_.donor, whole.donor);
  // The film's activity is not linear in its amount once saturated: it follows from the amount.
  totals_.vehicle = wiped_ ? 0.0 : problem_.finite_dose ? film_.activity(totals_.donor, t + h, applications_) : 1.0;
  totals_.supplied = extrapolate(totals_.supplied, whole.supplied);
  totals_.receptor = extrapolate(totals_.receptor, whole.receptor);
  totals_.cleared = extrapolate(totals_.cleared, whole.cleared);
  totals_.flux = extrapolate(totals_.flux, whole.flux);
  return error;
}

ResolvedSeries ResolvedSolver::run(const ResolvedSchedule& schedule, std::span<const std::size_t> snapshot_outputs) {
  const auto& times = schedule.output_times_s;
  require(!times.empty(), "at least one output time is needed");
  for (std::size_t k = 0; k < times.size(); ++k)
    require(positive(times[k]) && (k == 0 || times[k] > times[k - 1]),
            "output times must be positive and strictly increasing");
  require(positive(schedule.first_step_s) && positive(schedule.max_step_s) && schedule.growth >= 1.0,
          "the first and largest steps must be positive and the growth at least 1");
  require(std::isfinite(schedule.tolerance) && schedule.tolerance >= 0.0 && positive(schedule.absolute_activity),
          "the tolerance must be non-negative and the absolute activity positive");
  for (const auto s : snapshot_outputs) require(s < times.size(), "a snapshot refers to an output that does not exist");

  const bool controlled = schedule.tolerance > 0.0;
  if (controlled) {
    start_.assign(u_.size(), 0.0);
    whole_.assign(u_.size(), 0.0);
    plane_error_.assign(problem_.geometry.nz(), 0.0);
  }
  std::fill(u_.begin(), u_.end(), 0.0);
  totals_ = Totals{};
  applications_ = 1;
  channels_made_ = !(problem_.channels_made_s > 0.0);
  wiped_ = false;
  removed_ = 0.0;
  // Where the problem jumps within the outputs (jumps.hpp): steps land on each.
  const auto jumps = jumps_before(
      {problem_.finite_dose, problem_.applications, problem_.interval_s, problem_.channels_made_s, problem_.removed_s},
      times.back());
  std::size_t next = 0;
  if (problem_.finite_dose) {
    totals_.donor = problem_.vehicle_thickness_um;
    totals_.vehicle = film_.activity(totals_.donor, 0.0);
  }
  ResolvedSeries out;
  out.cell_width_um = problem_.geometry.dz_um;
  double top = 0.0;
  for (const double dz : out.cell_width_um) {
    out.cell_top_um.push_back(top);
    top += dz;
  }
  out.initial_donor = problem_.finite_dose ? problem_.vehicle_thickness_um : 0.0;
  Coefficients coefficients{std::vector<double>(problem_.materials.size()),
                            std::vector<double>(problem_.materials.size()),
                            std::vector<double>(problem_.materials.size())};
  double t = 0.0;
  // At a jump the steps start short again. An application puts a fresh film on what is left of
  // the last: its amount and activity jump. A wipe-off takes the film away and closes the top.
  const auto jump = [&](std::size_t& index, const ResolvedSchedule& on) {
    if (jumps[index].change == Change::application) {
      totals_.donor += problem_.vehicle_thickness_um;
      ++applications_;
      totals_.vehicle = film_.activity(totals_.donor, t, applications_);
    } else if (jumps[index].change == Change::removal) {
      if (problem_.finite_dose) removed_ = totals_.donor;
      totals_.donor = 0.0;
      totals_.vehicle = 0.0;
      wiped_ = true;
    } else {
      make_channels();
    }
    ++index;
    return on.first_step_s;
  };
  double dt = schedule.first_step_s;
  for (std::size_t k = 0; k < times.size(); ++k) {
    while (t < times[k]) {
      const bool to_jump = next < jumps.size() && jumps[next].t_s < times[k];
      const double target = to_jump ? jumps[next].t_s : times[k];
      if (to_jump && t >= target) {  // reached at the last output time: made after it
        dt = jump(next, schedule);
        continue;
      }
      double limit = schedule.max_step_s;
      if (problem_.open_fraction && schedule.closure_half_life_s > 0.0 && problem_.open_fraction(t) > 1e-3)
        limit = std::min(limit, schedule.closure_step_fraction * schedule.closure_half_life_s);
      dt = std::min(dt, limit);
      // Land exactly on the output time, without leaving a sliver of a step before it.
      // Under error control a rejected step must get shorter, so it lands only within dt.
      const double remaining = target - t;
      const bool lands = remaining <= (controlled ? 1.0 : 1.5) * dt;
      const double h = lands ? remaining : (controlled && remaining < 2.0 * dt ? 0.5 * remaining : dt);
      if (!controlled) {
        step(h, t + h, coefficients);
        t = lands ? target : t + h;
        ++out.steps;
        dt = std::min(dt * schedule.growth, limit);
        if (to_jump && t == target) dt = jump(next, schedule);
        continue;
      }
      const double error = controlled_step(h, t, coefficients, schedule);
      // The error of the halves is second order in h: the step that would just meet the
      // tolerance, with a safety factor, and within a factor of five either way.
      const double factor = std::clamp(0.9 / std::sqrt(std::max(error, 1e-12)), 0.2, 5.0);
      if (error <= 1.0) {
        t = lands ? target : t + h;
        ++out.steps;
        dt = std::min(h * factor, limit);
        if (to_jump && t == target) dt = jump(next, schedule);
      } else {
        ++out.rejected;
        dt = h * factor;
      }
    }
    record(t, out);
    out.applied = problem_.finite_dose ? film_.applied_um(applications_) : 0.0;
    out.removed = removed_;
    if (std::find(snapshot_outputs.begin(), snapshot_outputs.end(), k) != snapshot_outputs.end()) {
      std::vector<double> c(u_.size());
      for (std::size_t i = 0; i < u_.size(); ++i)
        c[i] = problem_.materials[problem_.geometry.material[i]].partition_while(channels_made_) * u_[i];
      out.snapshots.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace mnsim::transport
