#include "transport/plasma.hpp"

#include <algorithm>
#include <limits>

#include "core/statistics.hpp"

namespace mnsim::transport {

namespace {

// A product's rate into the blood (ug/h) at session time t: 0 until it goes on, then linear
// between its output times.
double rate_at(const ProductExposure& p, const std::vector<double>& flux, double t_h) {
  const double since = t_h - p.applied_h;
  if (since <= 0.0) return 0.0;
  const auto& times = p.series.time_h;
  const auto after = std::lower_bound(times.begin(), times.end(), since);
  const auto k = static_cast<std::size_t>(after - times.begin());
  // Past its last output the rate is held (the totals end with the shortest experiment, so
  // only a rounding error in the session clock lands there).
  if (k == times.size()) return flux.back() * p.plasma->area_cm2;
  const double t0 = k == 0 ? 0.0 : times[k - 1], j0 = k == 0 ? 0.0 : flux[k - 1];
  return (j0 + (flux[k] - j0) * (since - t0) / (times[k] - t0)) * p.plasma->area_cm2;
}

void peak_of(const std::vector<double>& time_h, const std::vector<double>& c, double& value, double& at_h) {
  const auto it = std::max_element(c.begin(), c.end());
  value = *it;
  at_h = time_h[static_cast<std::size_t>(it - c.begin())];
}

// Every product's rate into the blood at the session times, summed; `course` picks the flux
// course of each product (its point estimate or one of its samples, with or without needling).
template <class Course>
std::vector<double> summed_rate(const std::vector<const ProductExposure*>& group, const std::vector<double>& time_h,
                                Course course) {
  std::vector<double> rate;
  for (const double t : time_h) {
    double r = 0.0;
    for (const auto* p : group) r += rate_at(*p, course(*p), t);
    rate.push_back(r);
  }
  return rate;
}

// The lowest and highest peak over the point estimate's (`point`) and each corner body's course.
void peak_range(const std::vector<OneCompartment>& corners, const std::vector<double>& time_h,
                const std::vector<double>& rate, double point, double& low, double& high) {
  low = high = point;
  for (const auto& body : corners) {
    const auto c = plasma_ng_per_ml(body, time_h, rate);
    const double highest = *std::max_element(c.begin(), c.end());
    low = std::min(low, highest);
    high = std::max(high, highest);
  }
}

// The total's peak over the samples every product of the group kept (none when one kept none):
// sample k of each product's flux, summed at the session times `time_h` (`since_start` from the
// first application), into sample k's body.
void sample_total(const std::vector<const ProductExposure*>& group, const std::vector<double>& time_h,
                  const std::vector<double>& since_start, CompoundPlasma& c) {
  const auto n = group.front()->uncertainty.bodies.size();
  if (n == 0 || std::any_of(group.begin(), group.end(),
                            [&](const ProductExposure* p) { return p->uncertainty.bodies.size() != n; }))
    return;
  std::vector<double> peak(n), intact_peak(n);
  for (std::size_t k = 0; k < n; ++k) {
    const auto& body = group.front()->uncertainty.bodies[k];
    const auto with = plasma_ng_per_ml(
        body, since_start,
        summed_rate(
            group, time_h, [k](const ProductExposure& p) -> const auto& { return p.uncertainty.flux_courses[k]; }));
    const auto without = plasma_ng_per_ml(body, since_start,
                                          summed_rate(
                                              group, time_h, [k](const ProductExposure& p) -> const auto& {
                                                return p.uncertainty.intact_flux_courses[k];
                                              }));
    peak[k] = *std::max_element(with.begin(), with.end());
    intact_peak[k] = *std::max_element(without.begin(), without.end());
  }
  const auto q = quantiles(std::move(peak), {0.05, 0.5, 0.95});
  const auto qi = quantiles(std::move(intact_peak), {0.05, 0.5, 0.95});
  c.samples = static_cast<int>(n);
  c.sampled_peak = {q[0], q[1], q[2]};
  c.sampled_intact_peak = {qi[0], qi[1], qi[2]};
}

}  // namespace

// Plasma concentrations from the fluxes into the blood over the treated area, and the peaks over
// the four corners of the disposition's published ranges.
PlasmaExposure plasma_exposure(const Disposition& d, double weight_kg, double area_cm2, const ExposureSeries& series) {
  const auto body = [&](double volume_l_per_kg, double clearance_ml_per_min_per_kg) {
    return one_compartment(volume_l_per_kg, clearance_ml_per_min_per_kg, weight_kg);
  };
  const auto rate = [&](const std::vector<double>& flux) {
    std::vector<double> r;
    for (const double j : flux) r.push_back(j * area_cm2);
    return r;
  };
  const auto treated_rate = rate(series.flux_ug_per_cm2_h), intact_rate = rate(series.intact_flux_ug_per_cm2_h);
  PlasmaExposure p;
  p.weight_kg = weight_kg;
  p.area_cm2 = area_cm2;
  p.body = body(d.volume_l_per_kg, d.clearance_ml_per_min_per_kg);
  p.ng_per_ml = plasma_ng_per_ml(p.body, series.time_h, treated_rate);
  p.intact_ng_per_ml = plasma_ng_per_ml(p.body, series.time_h, intact_rate);
  peak_of(series.time_h, p.ng_per_ml, p.peak_ng_per_ml, p.peak_h);
  peak_of(series.time_h, p.intact_ng_per_ml, p.intact_peak_ng_per_ml, p.intact_peak_h);
  for (const double v : {d.volume_low_l_per_kg, d.volume_high_l_per_kg})
    for (const double cl : {d.clearance_low_ml_per_min_per_kg, d.clearance_high_ml_per_min_per_kg})
      p.corner_bodies.push_back(body(v, cl));
  peak_range(p.corner_bodies, series.time_h, treated_rate, p.peak_ng_per_ml, p.peak_low_ng_per_ml,
             p.peak_high_ng_per_ml);
  peak_range(p.corner_bodies, series.time_h, intact_rate, p.intact_peak_ng_per_ml, p.intact_peak_low_ng_per_ml,
             p.intact_peak_high_ng_per_ml);
  if (d.toxic_ug_per_ml) p.toxic_ng_per_ml = *d.toxic_ug_per_ml * 1000.0;
  p.toxic_effect = d.toxic_effect;
  p.source = d.source;
  return p;
}

std::vector<CompoundPlasma> plasma_by_compound(const std::vector<ProductExposure>& products) {
  std::vector<CompoundPlasma> out;
  std::vector<std::vector<const ProductExposure*>> groups;
  for (const auto& p : products) {
    if (!p.plasma) continue;
    const auto it =
        std::find_if(out.begin(), out.end(), [&](const CompoundPlasma& c) { return c.compound == p.compound; });
    const auto g = static_cast<std::size_t>(it - out.begin());
    if (it == out.end()) {
      out.push_back({.compound = p.compound, .products = {}, .body = p.plasma->body});
      out.back().corner_bodies = p.plasma->corner_bodies;
      out.back().toxic_ng_per_ml = p.plasma->toxic_ng_per_ml;
      groups.emplace_back();
    }
    out[g].products.push_back(p.name);
    groups[g].push_back(&p);
  }
  for (std::size_t g = 0; g < out.size(); ++g) {
    auto& c = out[g];
    // Every product's output times on the session clock, from the first application to the
    // earliest end.
    double start = std::numeric_limits<double>::infinity(), end = start;
    for (const auto* p : groups[g]) {
      start = std::min(start, p->applied_h);
      end = std::min(end, p->applied_h + p->series.time_h.back());
    }
    for (const auto* p : groups[g]) {
      for (const double t : p->series.time_h)
        if (p->applied_h + t <= end) c.time_h.push_back(p->applied_h + t);
      if (p->applied_h > start) c.time_h.push_back(p->applied_h);
    }
    std::sort(c.time_h.begin(), c.time_h.end());
    c.time_h.erase(std::unique(c.time_h.begin(), c.time_h.end()), c.time_h.end());
    std::vector<double> since_start;
    for (const double t : c.time_h) since_start.push_back(t - start);
    const auto rate = summed_rate(
        groups[g], c.time_h, [](const ProductExposure& p) -> const auto& { return p.series.flux_ug_per_cm2_h; });
    const auto intact_rate = summed_rate(
        groups[g], c.time_h, [](const ProductExposure& p) -> const auto& { return p.series.intact_flux_ug_per_cm2_h; });
    c.ng_per_ml = plasma_ng_per_ml(c.body, since_start, rate);
    c.intact_ng_per_ml = plasma_ng_per_ml(c.body, since_start, intact_rate);
    peak_of(c.time_h, c.ng_per_ml, c.peak_ng_per_ml, c.peak_h);
    peak_of(c.time_h, c.intact_ng_per_ml, c.intact_peak_ng_per_ml, c.intact_peak_h);
    peak_range(c.corner_bodies, since_start, rate, c.peak_ng_per_ml, c.peak_low_ng_per_ml, c.peak_high_ng_per_ml);
    peak_range(c.corner_bodies, since_start, intact_rate, c.intact_peak_ng_per_ml, c.intact_peak_low_ng_per_ml,
               c.intact_peak_high_ng_per_ml);
    sample_total(groups[g], c.time_h, since_start, c);
  }
  return out;
}

}  // namespace mnsim::transport
