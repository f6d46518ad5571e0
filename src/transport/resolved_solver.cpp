#include "transport/resolved_solver.hpp"

#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

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

ResolvedSolver::ResolvedSolver(ResolvedProblem problem) : problem_(std::move(problem)) {
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
  column_g_.assign(columns, 0.0);
  column_a_.assign(columns, 0.0);
  column_p_.assign(columns, 0.0);

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

void ResolvedSolver::factor_lateral(double dt, double phi, const Coefficients& k) {
  auto& l = *lateral_;
  if (!l.lateral || (dt == l.dt && phi == l.phi)) return;
  const auto& g = problem_.geometry;
  const std::size_t nx = g.nx, ny = g.ny, columns = nx * ny;
  const double inv_dx2 = 1.0 / (g.dx_um * g.dx_um);
  const bool first = l.dt < 0.0, step_changed = dt != l.dt;
  const auto patterns = static_cast<std::ptrdiff_t>(l.factors.size());
  int failed = 0;
  // Patterns are independent: factored in parallel; a pattern without a closing channel does not
  // change when only the opening does.
#pragma omp parallel for schedule(dynamic, 1) reduction(+ : failed)
  for (std::ptrdiff_t pi = 0; pi < patterns; ++pi) {
    const auto p = static_cast<std::size_t>(pi);
    if (!first && !step_changed && l.pattern_closes[p] == 0) continue;
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
    failed += factor.info() == Eigen::Success ? 0 : 1;
  }
  require(failed == 0, "the lateral step could not be factored");
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
    k.partition[m] = mat.partition;
    k.clearance[m] = mat.clearance_per_s;
  }
  const double* sigma = k.sigma.data();
  const double* kk = k.partition.data();
  const double* kc = k.clearance.data();
  const std::uint8_t* mat = g.material.data();
  const double* dz = g.dz_um.data();
  const bool sink = problem_.bottom == Bottom::sink;
  const double vehicle_old = vehicle_;
  const double* u = u_.data();
  double* w = work_.data();

  // (Z u)_i with the vehicle at `vehicle`, as a rate of the activity.
  const auto z_operator = [&](std::size_t i, std::size_t z, double vehicle) {
    const double s = sigma[mat[i]];
    double r = 0.0;
    if (z > 0)
      r += series(dz[z - 1], sigma[mat[i - plane]], dz[z], s) * (u[i - plane] - u[i]);
    else
      r += 2.0 * s / dz[0] * (vehicle - u[i]);
    if (z + 1 < nz)
      r += series(dz[z], s, dz[z + 1], sigma[mat[i + plane]]) * (u[i + plane] - u[i]);
    else if (sink)
      r -= 2.0 * s / dz[z] * u[i];
    return r / (kk[mat[i]] * dz[z]) - kc[mat[i]] * u[i];
  };

  // Predictor, already reduced by the lateral correction's explicit part: w = u + dt Z u.
#pragma omp parallel for schedule(static)
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t c = 0; c < plane; ++c) {
      const std::size_t i = z * plane + c;
      w[i] = u[i] + dt * z_operator(i, z, vehicle_old);
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

  // z correction: (I - dt Z_new) w = w - dt Z u, with the vehicle of the new time. Each column
  // is solved for its right-hand side (a) and, for a finite dose, for its response to a unit
  // vehicle activity (p); the vehicle equation then closes over all columns.
  const bool finite = problem_.finite_dose;
#pragma omp parallel
  {
    std::vector<double> cp(nx * nz), rp(nx * nz), pp(finite ? nx * nz : 0);
#pragma omp for schedule(static)
    for (std::size_t y = 0; y < ny; ++y) {
      for (std::size_t z = 0; z < nz; ++z)
        for (std::size_t x = 0; x < nx; ++x) {
          const std::size_t i = g.index(x, y, z), j = z * nx + x;
          const double s = sigma[mat[i]];
          const double scale = dt / (kk[mat[i]] * dz[z]);
          const double up = z > 0 ? scale * series(dz[z - 1], sigma[mat[i - plane]], dz[z], s) : 0.0;
          const double top = z == 0 ? scale * 2.0 * s / dz[0] : 0.0;
          const double down = z + 1 < nz ? scale * series(dz[z], s, dz[z + 1], sigma[mat[i + plane]])
                                         : (sink ? scale * 2.0 * s / dz[z] : 0.0);
          const double previous_c = z > 0 ? cp[j - nx] : 0.0;
          const double previous_r = z > 0 ? rp[j - nx] : 0.0;
          const double denominator =
              1.0 + up + top + (z + 1 < nz || sink ? down : 0.0) + dt * kc[mat[i]] + up * previous_c;
          cp[j] = z + 1 < nz ? -down / denominator : 0.0;
          double rhs = w[i] - dt * z_operator(i, z, vehicle_old) + up * previous_r;
          if (z == 0 && !finite) rhs += top * vehicle_old;  // the fixed vehicle of an infinite dose
          rp[j] = rhs / denominator;
          if (finite) pp[j] = (z == 0 ? top : up * pp[j - nx]) / denominator;
        }
      for (std::size_t z = nz; z-- > 0;)
        for (std::size_t x = 0; x < nx; ++x) {
          const std::size_t i = g.index(x, y, z), j = z * nx + x;
          const double below = z + 1 < nz ? w[i + plane] : 0.0;
          w[i] = rp[j] - cp[j] * below;
          if (finite) pp[j] -= cp[j] * (z + 1 < nz ? pp[j + nx] : 0.0);
        }
      for (std::size_t x = 0; x < nx; ++x) {
        const std::size_t i = g.index(x, y, 0);
        column_g_[y * nx + x] = 2.0 * sigma[mat[i]] / dz[0];
        column_a_[y * nx + x] = w[i];
        column_p_[y * nx + x] = finite ? pp[x] : 0.0;
      }
      if (finite) {
        // Keep the response of every voxel for the update once the vehicle is known; u is no
        // longer needed for this column, so it holds p.
        for (std::size_t z = 0; z < nz; ++z)
          for (std::size_t x = 0; x < nx; ++x) u_[g.index(x, y, z)] = pp[z * nx + x];
      }
    }
  }

  const std::size_t columns = plane;
  if (finite) {
    // h_v N (v_new - v_old) = -dt sum g (v_new - a - p v_new), summed in a fixed order.
    double numerator = problem_.vehicle_thickness_um * static_cast<double>(columns) * vehicle_old;
    double denominator = problem_.vehicle_thickness_um * static_cast<double>(columns);
    for (std::size_t c = 0; c < columns; ++c) {
      numerator += dt * column_g_[c] * column_a_[c];
      denominator += dt * column_g_[c] * (1.0 - column_p_[c]);
    }
    vehicle_ = numerator / denominator;
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < g.voxels(); ++i) w[i] += u_[i] * vehicle_;
  }

  // Fluxes of the step from the new state, exactly as the z correction used them.
  double supplied = 0.0, to_receptor = 0.0;
  for (std::size_t c = 0; c < columns; ++c) {
    supplied += column_g_[c] * (vehicle_ - w[c]);
    if (sink) {
      const std::size_t i = c + (nz - 1) * plane;
      to_receptor += 2.0 * sigma[mat[i]] / dz[nz - 1] * w[i];
    }
  }
  double cleared = 0.0;
  for (std::size_t z = 0; z < nz; ++z)
    for (std::size_t c = 0; c < columns; ++c) {
      const std::size_t i = c + z * plane;
      cleared += kc[mat[i]] * kk[mat[i]] * dz[z] * w[i];
    }
  const double per_column = 1.0 / static_cast<double>(columns);
  supplied_ += dt * supplied * per_column;
  receptor_ += dt * to_receptor * per_column;
  cleared_ += dt * cleared * per_column;
  flux_ = (to_receptor + cleared) * per_column;
  u_.swap(work_);
}

void ResolvedSolver::record(double t, ResolvedSeries& out) const {
  const auto& g = problem_.geometry;
  const std::size_t plane = g.nx * g.ny;
  double held = 0.0;
  for (std::size_t z = 0; z < g.nz(); ++z) {
    double layer = 0.0;
    for (std::size_t c = 0; c < plane; ++c) {
      const std::size_t i = c + z * plane;
      layer += problem_.materials[g.material[i]].partition * u_[i];
    }
    held += layer * g.dz_um[z];
  }
  out.time_s.push_back(t);
  out.supplied.push_back(supplied_);
  out.receptor.push_back(receptor_);
  out.cleared.push_back(cleared_);
  out.skin.push_back(held / static_cast<double>(plane));
  out.donor.push_back(problem_.finite_dose ? problem_.vehicle_thickness_um * vehicle_ : -supplied_);
  out.flux.push_back(flux_);
}

ResolvedSeries ResolvedSolver::run(const ResolvedSchedule& schedule, std::span<const std::size_t> snapshot_outputs) {
  const auto& times = schedule.output_times_s;
  require(!times.empty(), "at least one output time is needed");
  for (std::size_t k = 0; k < times.size(); ++k)
    require(positive(times[k]) && (k == 0 || times[k] > times[k - 1]),
            "output times must be positive and strictly increasing");
  require(positive(schedule.first_step_s) && positive(schedule.max_step_s) && schedule.growth >= 1.0,
          "the first and largest steps must be positive and the growth at least 1");
  for (const auto s : snapshot_outputs) require(s < times.size(), "a snapshot refers to an output that does not exist");

  std::fill(u_.begin(), u_.end(), 0.0);
  vehicle_ = 1.0;
  supplied_ = receptor_ = cleared_ = flux_ = 0.0;
  ResolvedSeries out;
  out.initial_donor = problem_.finite_dose ? problem_.vehicle_thickness_um : 0.0;
  Coefficients coefficients{std::vector<double>(problem_.materials.size()),
                            std::vector<double>(problem_.materials.size()),
                            std::vector<double>(problem_.materials.size())};
  double t = 0.0;
  double dt = schedule.first_step_s;
  for (std::size_t k = 0; k < times.size(); ++k) {
    while (t < times[k]) {
      double limit = schedule.max_step_s;
      if (problem_.open_fraction && schedule.closure_half_life_s > 0.0 && problem_.open_fraction(t) > 1e-3)
        limit = std::min(limit, schedule.closure_step_fraction * schedule.closure_half_life_s);
      dt = std::min(dt, limit);
      // Land exactly on the output time, without leaving a sliver of a step before it.
      const double remaining = times[k] - t;
      const double h = remaining <= 1.5 * dt ? remaining : dt;
      step(h, t + h, coefficients);
      t = remaining <= 1.5 * dt ? times[k] : t + h;
      ++out.steps;
      dt = std::min(dt * schedule.growth, limit);
    }
    record(t, out);
    if (std::find(snapshot_outputs.begin(), snapshot_outputs.end(), k) != snapshot_outputs.end()) {
      std::vector<double> c(u_.size());
      for (std::size_t i = 0; i < u_.size(); ++i)
        c[i] = problem_.materials[problem_.geometry.material[i]].partition * u_[i];
      out.snapshots.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace mnsim::transport
