#include "mechanics/confluence.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "core/rng.hpp"

namespace mnsim::mechanics {

namespace {

// Uniform grid of cells holding the wounds whose centre lies in them (counting sort, CSR).
class CellGrid {
 public:
  CellGrid(const SurfaceWounds& w, double cell_mm) : cell_(cell_mm) {
    n_ = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(w.side_mm / cell_mm)));
    const std::size_t count = w.x_mm->size();
    cell_of_.resize(count);
    start_.assign(n_ * n_ + 1, 0);
    for (std::size_t i = 0; i < count; ++i) {
      cell_of_[i] = index((*w.x_mm)[i], (*w.y_mm)[i]);
      ++start_[cell_of_[i] + 1];
    }
    std::partial_sum(start_.begin(), start_.end(), start_.begin());
    members_.resize(count);
    std::vector<std::size_t> fill(start_.begin(), start_.end() - 1);
    for (std::size_t i = 0; i < count; ++i) members_[fill[cell_of_[i]]++] = i;
  }

  [[nodiscard]] std::size_t cells_per_side() const { return n_; }
  [[nodiscard]] std::size_t column(double v) const {
    return std::min(n_ - 1, static_cast<std::size_t>(std::max(0.0, v / cell_)));
  }
  [[nodiscard]] std::size_t index(double x, double y) const { return column(y) * n_ + column(x); }

  // Calls f(j) for every wound in the 3x3 block of cells around cell (cx, cy).
  template <typename F>
  void for_neighbours(std::size_t cx, std::size_t cy, F f) const {
    any_neighbour(cx, cy, [&](std::size_t j) {
      f(j);
      return false;
    });
  }
  // Whether pred(j) holds for some wound j in the 3x3 block around cell (cx, cy); stops at the first.
  template <typename P>
  bool any_neighbour(std::size_t cx, std::size_t cy, P pred) const {
    const std::size_t x0 = cx > 0 ? cx - 1 : 0;
    const std::size_t y0 = cy > 0 ? cy - 1 : 0;
    for (std::size_t y = y0; y <= std::min(n_ - 1, cy + 1); ++y) {
      for (std::size_t x = x0; x <= std::min(n_ - 1, cx + 1); ++x) {
        const std::size_t c = y * n_ + x;
        for (std::size_t k = start_[c]; k < start_[c + 1]; ++k) {
          if (pred(members_[k])) return true;
        }
      }
    }
    return false;
  }

 private:
  double cell_;
  std::size_t n_ = 1;
  std::vector<std::size_t> cell_of_, start_, members_;
};

// Disjoint-set forest with path halving and union by size.
class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n), size_(n, 1) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }
  [[nodiscard]] std::size_t size_of_root(std::size_t root) const { return size_[root]; }

 private:
  std::vector<std::size_t> parent_, size_;
};

// Half the reach of a wound: its radius plus half its tear, in mm.
double reach_mm(const SurfaceWounds& w, std::size_t i) {
  return 1e-3 * ((*w.radius_um)[i] + 0.5 * (*w.elongation_um)[i]);
}

// A torn wound is a capsule: the points within its radius of a segment along the motion.
struct Segment {
  double ax, ay, bx, by;
};
Segment segment_of(const SurfaceWounds& w, std::size_t i) {
  const double half = 0.5e-3 * (*w.elongation_um)[i];
  const double theta = (*w.direction_rad)[i];
  const double dx = half * std::cos(theta);
  const double dy = half * std::sin(theta);
  const double x = (*w.x_mm)[i];
  const double y = (*w.y_mm)[i];
  return {x - dx, y - dy, x + dx, y + dy};
}

double point_segment_sq(double px, double py, const Segment& s) {
  const double vx = s.bx - s.ax;
  const double vy = s.by - s.ay;
  const double length_sq = vx * vx + vy * vy;
  const double t = length_sq > 0.0 ? std::clamp(((px - s.ax) * vx + (py - s.ay) * vy) / length_sq, 0.0, 1.0) : 0.0;
  const double dx = s.ax + t * vx - px;
  const double dy = s.ay + t * vy - py;
  return dx * dx + dy * dy;
}

// Squared distance between two segments in the plane: if they do not cross, the closest pair of
// points includes an end point of one of them.
double segment_segment_sq(const Segment& a, const Segment& b) {
  auto cross = [](double ox, double oy, double px, double py, double qx, double qy) {
    return (px - ox) * (qy - oy) - (py - oy) * (qx - ox);
  };
  const double d1 = cross(a.ax, a.ay, a.bx, a.by, b.ax, b.ay);
  const double d2 = cross(a.ax, a.ay, a.bx, a.by, b.bx, b.by);
  const double d3 = cross(b.ax, b.ay, b.bx, b.by, a.ax, a.ay);
  const double d4 = cross(b.ax, b.ay, b.bx, b.by, a.bx, a.by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0.0;
  return std::min({point_segment_sq(a.ax, a.ay, b), point_segment_sq(a.bx, a.by, b), point_segment_sq(b.ax, b.ay, a),
                   point_segment_sq(b.bx, b.by, a)});
}

}  // namespace

ConfluenceStats confluence(const SurfaceWounds& w, std::uint64_t seed, std::size_t coverage_samples) {
  ConfluenceStats stats;
  const std::size_t count = w.x_mm->size();
  if (count == 0) return stats;
  double max_reach = 0.0;
  for (std::size_t i = 0; i < count; ++i) max_reach = std::max(max_reach, reach_mm(w, i));
  // Two wounds can only overlap when their centres are within 2 * max_reach: one cell apart at most.
  // The grid never exceeds 2048 x 2048 cells; larger cells only mean more pairs to check.
  const CellGrid grid(w, std::max({2.0 * max_reach, 1e-3, w.side_mm / 2048.0}));
  // Each wound's tear segment, computed once: pairs are tested many times.
  std::vector<Segment> segments(count);
  for (std::size_t i = 0; i < count; ++i) segments[i] = segment_of(w, i);

  // Centre, reach and radius of each wound in one contiguous record: the pair and coverage loops
  // read them for every neighbour, and four separate arrays (three of them float) cost a third of
  // the time in loads and conversions.
  struct Disc {
    double x, y, reach, radius;
  };
  std::vector<Disc> discs(count);
  for (std::size_t i = 0; i < count; ++i) {
    discs[i] = {(*w.x_mm)[i], (*w.y_mm)[i], reach_mm(w, i), 1e-3 * (*w.radius_um)[i]};
  }

  DisjointSets sets(count);
  for (std::size_t i = 0; i < count; ++i) {
    const Disc& di = discs[i];
    const Segment& si = segments[i];
    grid.for_neighbours(grid.column(di.x), grid.column(di.y), [&](std::size_t j) {
      if (j <= i) return;
      const Disc& dj = discs[j];
      const double dx = dj.x - di.x;
      const double dy = dj.y - di.y;
      const double reach = di.reach + dj.reach;
      if (dx * dx + dy * dy >= reach * reach) return;  // too far even end to end
      if (sets.find(i) == sets.find(j)) return;
      // Merged means overlapping, not merely tangent: one wound's axis comes within the other's
      // radius. Tangent holes stay separate islands of tissue between them, and at clinical
      // densities tangency alone would join the whole treated area into one "wound".
      const double overlap = std::max(di.radius, dj.radius);
      // Both axes pass through their centres, so centres closer than the overlap distance settle
      // it without the segment test (a pair already joined through others was skipped above).
      const double centres_sq = dx * dx + dy * dy;
      if (centres_sq < overlap * overlap || segment_segment_sq(si, segments[j]) < overlap * overlap) {
        sets.unite(i, j);
      }
    });
  }

  // Shape of each merged wound from the second moments of its centres: for a filled disc of
  // radius a the variance along any axis is a^2/4, so 4 sqrt(lambda) + 2r recovers its diameter;
  // a straight track of overlapping holes has lambda_min = 0 and width 2r.
  struct Moments {
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, r = 0, e = 0;
  };
  // A wound that merged with none is its own capsule (lambda = 0 across it, its tear along it):
  // only merged clusters need a record, which keeps the table small at low confluence.
  constexpr std::uint32_t no_record = ~std::uint32_t{0};
  std::vector<std::uint32_t> record_of(count, no_record);
  std::vector<Moments> moments;
  std::size_t merged = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t root = sets.find(i);
    const double r = 1e-3 * (*w.radius_um)[i];
    const double e = 1e-3 * (*w.elongation_um)[i];
    if (sets.size_of_root(root) == 1) {
      ++stats.clusters;
      stats.max_confluent_width_um = std::max(stats.max_confluent_width_um, 1e3 * (2.0 * r));
      stats.max_confluent_length_um = std::max(stats.max_confluent_length_um, 1e3 * (2.0 * r + e));
      continue;
    }
    ++merged;
    if (record_of[root] == no_record) {
      record_of[root] = static_cast<std::uint32_t>(moments.size());
      moments.emplace_back();
    }
    auto& m = moments[record_of[root]];
    const double x = (*w.x_mm)[i];
    const double y = (*w.y_mm)[i];
    m.n += 1;
    m.sx += x;
    m.sy += y;
    m.sxx += x * x;
    m.syy += y * y;
    m.sxy += x * y;
    m.r = std::max(m.r, r);
    m.e = std::max(m.e, e);
  }
  for (const auto& m : moments) {
    ++stats.clusters;
    const double mx = m.sx / m.n;
    const double my = m.sy / m.n;
    const double vxx = std::max(0.0, m.sxx / m.n - mx * mx);
    const double vyy = std::max(0.0, m.syy / m.n - my * my);
    const double vxy = m.sxy / m.n - mx * my;
    const double mean = 0.5 * (vxx + vyy);
    const double spread = std::sqrt(0.25 * (vxx - vyy) * (vxx - vyy) + vxy * vxy);
    const double lambda_min = std::max(0.0, mean - spread);
    const double lambda_max = mean + spread;
    stats.max_confluent_width_um =
        std::max(stats.max_confluent_width_um, 1e3 * (4.0 * std::sqrt(lambda_min) + 2.0 * m.r));
    stats.max_confluent_length_um =
        std::max(stats.max_confluent_length_um, 1e3 * (4.0 * std::sqrt(lambda_max) + 2.0 * m.r + m.e));
  }
  stats.confluent_fraction = static_cast<double>(merged) / static_cast<double>(count);

  // Coverage: the share of sample points that fall inside some wound, one point at random in
  // each stratum of a k x k grid. A wound covers points within its reach of its centre only, so
  // cells of one reach (a quarter of the pair grid's area) still hold every wound that can cover
  // a point in the 3x3 block around it.
  const CellGrid points_grid(w, std::max({max_reach, 1e-3, w.side_mm / 2048.0}));
  Rng rng = make_stream(seed, 0xC0FE0000ULL);
  std::uniform_real_distribution<double> within(0.0, 1.0);
  const auto strata = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(coverage_samples))));
  const double stratum_mm = w.side_mm / static_cast<double>(strata);
  std::size_t inside = 0;
  for (std::size_t s = 0; s < strata * strata; ++s) {
    const double px = (static_cast<double>(s % strata) + within(rng)) * stratum_mm;
    const double py = (static_cast<double>(s / strata) + within(rng)) * stratum_mm;
    const bool hit = points_grid.any_neighbour(points_grid.column(px), points_grid.column(py), [&](std::size_t j) {
      const Disc& d = discs[j];
      const double dx = px - d.x;
      const double dy = py - d.y;
      if (dx * dx + dy * dy >= d.reach * d.reach) return false;  // beyond the capsule's far end
      return point_segment_sq(px, py, segments[j]) < d.radius * d.radius;
    });
    if (hit) ++inside;
  }
  stats.coverage_fraction = static_cast<double>(inside) / static_cast<double>(strata * strata);
  return stats;
}

}  // namespace mnsim::mechanics
