#include "response/course.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "core/error.hpp"

namespace mnsim::response {

namespace {

constexpr double hours_per_day = 24.0;
constexpr double front_closed = 0.05;      // re-epithelialised: front within 5 % of the half-gap
constexpr double fibrosis_check_d = 90.0;  // myofibroblasts read this long after the last session
constexpr double course_tail_d = 120.0;    // simulated beyond the last session at least this long

double above_decade(double age_y, double from_y) { return std::max(0.0, age_y - from_y) / 10.0; }

// Fine output times after each session (hours after it): the first hours resolve channel
// closure and the acute reaction, then hourly for 4 days, 6-hourly to 3 weeks, daily after.
std::vector<double> session_offsets_h() {
  std::vector<double> t{0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0};
  for (double h = 4.0; h <= 96.0; h += 1.0) t.push_back(h);
  for (double h = 102.0; h <= 21.0 * 24.0; h += 6.0) t.push_back(h);
  return t;
}

// One thresholded signal within a session window, from the integrator's crossings: whether and
// since when it is above its level, when it last fell below, and how long it stayed above.
struct LevelTracker {
  bool above = false;
  bool ever_above = false;
  double since_h = 0.0;
  double last_end_h = 0.0;  // time of the last fall below the level (or the window's end while above)
  double total_above_h = 0.0;

  void begin(double t, double excess) {
    above = excess > 0.0;
    ever_above = above;
    since_h = t;
  }
  void cross(double t, int direction) {
    if (direction > 0 && !above) {
      above = ever_above = true;
      since_h = t;
    } else if (direction < 0 && above) {
      above = false;
      total_above_h += t - since_h;
      last_end_h = t;
    }
  }
  void finish(double t) {
    if (!above) return;
    total_above_h += t - since_h;
    last_end_h = since_h = t;
  }
};

struct SessionState {
  double start_h = 0.0, end_h = 0.0;
  Drive drive;
  double lag_end_h = 0.0, occlusion_end_h = 0.0, infection_end_h = 0.0, irritant_start_h = 0.0;
  double front_rate_per_h = 0.0;
  double rate_open = 0.0, rate_occluded = 0.0, infection = 0.0;
};

// The times of CourseOptions::at_times_h on the course's clock, checked: ascending and within the
// simulated time, so every one of them is reached.
std::vector<double> absolute_times(const std::vector<double>& after_first_h, double t0, double t_end) {
  std::vector<double> out;
  out.reserve(after_first_h.size());
  for (const double h : after_first_h) {
    if (!(h >= 0.0 && t0 + h <= t_end) || (!out.empty() && t0 + h <= out.back())) {
      // The caller's grid, not the user's input: a programming error.
      throw std::invalid_argument(
          fmt::format("course sampled at {} h: the times must ascend within the simulated {:g} h", h, t_end - t0));
    }
    out.push_back(t0 + h);
  }
  return out;
}

void check_sessions(const std::vector<SessionInput>& sessions) {
  if (sessions.empty()) throw InputError({}, "protocol.sessions", "the course needs at least one session");
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    check(sessions[i].load);
    if (i > 0 && sessions[i].start_d < sessions[i - 1].start_d) {
      throw InputError({}, "protocol.sessions", fmt::format("session {} starts before session {}", i + 1, i));
    }
  }
}

}  // namespace

double channel_closure_half_life_h(bool occluded, const PatientFactors& patient, bool topical_nsaid,
                                   double channel_depth_um, const CourseParameters& p) {
  const transport::ClosureLaw law(p.closure, {.species = patient.species,
                                              .age_y = patient.age_y,
                                              .fitzpatrick = patient.fitzpatrick,
                                              .topical_nsaid = topical_nsaid,
                                              .channel_depth_um = channel_depth_um});
  return (occluded ? law.occluded_half_life_h() : law.open_half_life_h()) * p.closure_person_factor;
}

double reepithelialisation_half_gap_um(const WoundLoad& load, const CourseParameters& p) {
  const double single = load.wound_width_um_p90 + 2.0 * load.coagulation_margin_um;
  const double merged = std::max(0.0, load.max_confluent_width_um + 2.0 * load.coagulation_margin_um - single);
  const double width = single + load.confluent_fraction * merged;
  // Broad wounds also close from the hair follicles and glands left in their bed; fewer remain
  // the deeper the wound reaches into the dermis.
  const double dermal_depth = std::max(0.0, load.depth_um_mean - load.epidermis_um);
  const double adnexal = p.adnexal_half_spacing_um * std::exp(dermal_depth / p.adnexal_depth_scale_um);
  return std::min(0.5 * width, adnexal);
}

double signalled_area_fraction(const WoundLoad& load, const CourseParameters& p) {
  // Separate wounds (punctures, laser columns) signal the tissue within the chemokine range l of
  // their edge: the union of disks of radius w/2 + l about wounds laid at random, as a Boolean
  // (Poisson) model covers 1 - exp(-n pi (w/2 + l)^2) of the surface. Overlapping disks count once,
  // so dense pens saturate while sparse rollers still reach a good part of the skin. A continuous
  // wound signals its own area.
  if (!(load.wounds_per_cm2 > 0.0) || !(load.wounded_area_fraction > 0.0)) return load.wounded_area_fraction;
  const double radius_cm = (0.5 * load.wound_width_um_mean + p.wound_signal_range_um) * 1e-4;
  const double covered = 1.0 - std::exp(-load.wounds_per_cm2 * std::numbers::pi * radius_cm * radius_cm);
  return std::max(load.wounded_area_fraction, covered);
}

TissueCourse simulate_course(const std::vector<SessionInput>& sessions, const PatientFactors& patient,
                             const CourseParameters& p, const CourseOptions& options) {
  TissueIntegrator integrator;
  return simulate_course(sessions, patient, p, options, integrator);
}

TissueCourse simulate_course(const std::vector<SessionInput>& sessions, const PatientFactors& patient,
                             const CourseParameters& p, const CourseOptions& options, TissueIntegrator& integrator) {
  check_sessions(sessions);
  for (const int day : options.extra_report_days) {
    if (day < 1)
      throw InputError({}, "output.response_days",
                       fmt::format("day {} is not a day after the first session (1 or later)", day));
  }
  const TissueModel model(p);
  const double t0 = sessions.front().start_d * hours_per_day;
  const double last = sessions.back().start_d * hours_per_day;
  std::vector<int> days(report_days.begin(), report_days.end());
  days.insert(days.end(), options.extra_report_days.begin(), options.extra_report_days.end());
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  const double t_end = std::max(t0 + days.back() * hours_per_day, last + course_tail_d * hours_per_day);
  const double speed = p.keratinocyte_front_um_per_h *
                       std::max(0.3, 1.0 - p.migration_slowing_per_decade * above_decade(patient.age_y, 30.0));
  const double synthesis = patient.age_y > 25.0 ? std::exp(-(patient.age_y - 25.0) / p.synthesis_age_scale_y) : 1.0;

  TissueCourse course;
  auto& m = course.metrics;
  const auto at_h = absolute_times(options.at_times_h, t0, t_end);
  course.at_times.erythema.assign(at_h.size(), std::numeric_limits<double>::quiet_NaN());
  course.at_times.tewl_excess.assign(at_h.size(), std::numeric_limits<double>::quiet_NaN());
  course.session_windows_h.reserve(sessions.size());
  StateVector y = model.health();
  Drive carried;  // drive of the previous session, for the areas still open when the next one starts
  // Only a recorded course stops on the output grid.
  const auto offsets = options.record_series ? session_offsets_h() : std::vector<double>{};
  const double fibrosis_at = last + fibrosis_check_d * hours_per_day;
  double fibrosis_level = 0.0;
  double barrier_open_h = 0.0;
  const SignalLevels levels{.erythema = p.erythema_visible,
                            .oedema = p.oedema_visible,
                            .tewl = p.tewl_recovered_excess,
                            .front = front_closed,
                            .channel = 0.5};

  for (std::size_t k = 0; k < sessions.size(); ++k) {
    const auto& session = sessions[k];
    const auto& load = session.load;
    SessionState s;
    s.start_h = session.start_d * hours_per_day;
    s.end_h = k + 1 < sessions.size() ? sessions[k + 1].start_d * hours_per_day : t_end;
    course.session_windows_h.push_back(s.end_h - s.start_h);

    // Wounds of this session join whatever the previous ones left open.
    const double left_open = model.open_area(y.data(), carried);
    const double left_removed = carried.open_area > 0.0 ? carried.removed_area * left_open / carried.open_area : 0.0;
    // Small pores lose water out of proportion to their area (evaporation through a sparse pore
    // scales with its diameter), hence an area term and a diameter-density term.
    const double collapsible = std::max(0.0, load.wounded_area_fraction - load.epidermal_removal_fraction);
    const double kept = load.wounded_area_fraction > 0.0 ? collapsible / load.wounded_area_fraction : 0.0;
    const double diameter_density_per_cm = load.wounds_per_cm2 * kept * load.wound_width_um_mean * 1e-4;
    const double new_channels =
        p.tewl_open_wound_gain * collapsible + p.tewl_channel_edge_gain * diameter_density_per_cm;
    const double left_signalled =
        carried.open_area > 0.0 ? carried.signalled_area * left_open / carried.open_area : 0.0;
    Drive d;
    d.open_area = std::min(1.0, left_open + load.wounded_area_fraction);
    d.signalled_area = std::max(d.open_area, std::min(1.0, left_signalled + signalled_area_fraction(load, p)));
    d.removed_area = std::min(d.open_area, left_removed + load.epidermal_removal_fraction);
    d.channel_tewl = carried.channel_tewl * std::max(y[channel], 0.0) + new_channels;
    d.synthesis_factor = synthesis;
    const double gap = reepithelialisation_half_gap_um(load, p);
    s.front_rate_per_h = gap > 0.0 ? speed / gap : 0.0;
    const double channel_depth_um =
        load.channel_depth_um_mean > 0.0 ? load.channel_depth_um_mean : p.closure.reference_depth_um;
    s.rate_open = std::numbers::ln2 /
                  channel_closure_half_life_h(false, patient, session.aftercare.topical_nsaid, channel_depth_um, p);
    s.rate_occluded = std::numbers::ln2 /
                      channel_closure_half_life_h(true, patient, session.aftercare.topical_nsaid, channel_depth_um, p);
    s.lag_end_h = s.start_h + p.reepithelialisation_lag_h;
    s.occlusion_end_h = s.start_h + session.aftercare.occlusion_h;
    s.infection_end_h = s.start_h + session.infection_duration_d * hours_per_day;
    s.irritant_start_h =
        s.start_h +
        std::min(session.aftercare.exfoliant_restart_d, session.aftercare.retinoid_restart_d) * hours_per_day;

    // The injury itself: wounds opened, channels open, damage and the acute vascular reaction.
    const double bleeding = 1.0 + p.damage_bleeding_gain * load.bleeding_fraction;
    const double dose = load.injured_volume_mm3_per_cm2 * bleeding;
    if (load.wounded_area_fraction > 0.0) y[front] = 1.0;
    // Redness of the remodelling dermis: visible for the re-epithelialisation time times the share
    // of epidermis removed plus the dermal and thermal injury of the covered, destroyed share
    // (the open bed is red until covered; a deep or coagulated dermis stays red long after).
    // An exponential from e x the visible level fades below it after exactly that time.
    const double reepithelialisation_h = p.reepithelialisation_lag_h + (gap > 0.0 ? gap / speed : 0.0);
    // Retinoids and exfoliants go back on only once the wound has re-epithelialised, whatever the
    // restart day: a resurfacing patient resumes the pre-treatment regimen "only after complete
    // re-epithelialization" (docs/response.md). Punctures close within a day, so only open beds that
    // heal slowly push the restart later.
    if (load.wounded_area_fraction > 0.0) {
      s.irritant_start_h = std::max(s.irritant_start_h, s.start_h + reepithelialisation_h);
    }
    const double injured_share = std::min(1.0, load.wounded_area_fraction) * load.destroyed_share;
    const double dermal_um = std::max(0.0, load.depth_um_mean - load.epidermis_um);
    const double remodelling_h =
        reepithelialisation_h *
        (load.epidermal_removal_fraction + injured_share * (p.erythema_per_dermal_um * dermal_um +
                                                            p.erythema_per_coagulated_um * load.coagulation_margin_um));
    d.remodelling_rate_per_h = carried.remodelling_rate_per_h;
    if (remodelling_h > 0.0 && load.wounded_area_fraction > 0.0) {
      y[remodelling] += std::numbers::e * p.erythema_visible;
      d.remodelling_rate_per_h = 1.0 / remodelling_h;
    }
    if (new_channels > 0.0) y[channel] = 1.0;
    y[damage] += p.damage_per_volume * dose * (load.thermal ? p.damage_thermal_factor : 1.0);
    // Only injured tissue with vessels in it dilates: the wound below the capillary-loop apex (the
    // epidermis and the dermal papillae above the loops have none to dilate).
    const double vascular_dose = load.vascularised_volume_mm3_per_cm2 * bleeding;
    y[vascular] += p.vascular_max * vascular_dose / (vascular_dose + p.vascular_half_volume);

    // Stops of this session's window, sorted and without repeats: the breaks of the drive, the
    // report days, the fibrosis check and, for a recorded course, the output grid.
    std::vector<double> stops;
    if (options.record_series) {
      stops.reserve(offsets.size() + 64);
      for (double o : offsets) {
        if (s.start_h + o < s.end_h) stops.push_back(s.start_h + o);
      }
      for (double day = std::ceil(s.start_h / hours_per_day + 21.0); day * hours_per_day < s.end_h; day += 1.0) {
        stops.push_back(day * hours_per_day);
      }
    }
    for (int day : days) {
      const double t = t0 + day * hours_per_day;
      if (t >= s.start_h && t < s.end_h) stops.push_back(t);
    }
    if (fibrosis_at >= s.start_h && fibrosis_at < s.end_h) stops.push_back(fibrosis_at);
    for (const double t : at_h) {
      if (t > s.start_h && t <= s.end_h) stops.push_back(t);
    }
    std::vector<double> breaks{s.end_h};
    for (double b : {s.occlusion_end_h, s.infection_end_h}) {
      if (b > s.start_h && b < s.end_h) breaks.push_back(b);
    }
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    stops.insert(stops.end(), breaks.begin(), breaks.end());
    std::sort(stops.begin(), stops.end());
    stops.erase(std::unique(stops.begin(), stops.end()), stops.end());

    std::array<double, n_signals> g{};
    signal_values(model, y, d, levels, g.data());
    LevelTracker redness, swelling, barrier;
    redness.begin(s.start_h, g[erythema_signal]);
    swelling.begin(s.start_h, g[oedema_signal]);
    barrier.begin(s.start_h, g[tewl_signal]);
    double reepi_h = 0.0, half_life_h = 0.0;
    auto record = [&](double t) {
      if (!options.record_series) return;
      course.time_h.push_back(t);
      course.states.push_back(y);
      course.tewl_excess.push_back(model.tewl_excess(y.data(), d));
      course.erythema.push_back(model.erythema(y.data()));
    };
    // A requested time on a session boundary keeps its first reading: the end of the window before
    // (the state the new session finds), as the series records it first.
    auto sample_at = [&](double t) {
      const auto [from, to] = std::equal_range(at_h.begin(), at_h.end(), t);
      for (auto it = from; it != to; ++it) {
        const auto j = static_cast<std::size_t>(it - at_h.begin());
        if (!std::isnan(course.at_times.erythema[j])) continue;
        course.at_times.erythema[j] = model.erythema(y.data());
        course.at_times.tewl_excess[j] = model.tewl_excess(y.data(), d);
      }
    };
    record(s.start_h);
    sample_at(s.start_h);
    m.peak_erythema = std::max(m.peak_erythema, model.erythema(y.data()));

    double segment_start = s.start_h;
    for (double b : breaks) {
      d.front_rate_per_h = s.front_rate_per_h;
      d.front_start_h = s.lag_end_h;
      d.signal_start_h = s.start_h;
      d.signal_end_h = s.start_h + p.wound_signal_duration_h;
      d.irritant_start_h = s.irritant_start_h;
      d.closure_rate_per_h = segment_start < s.occlusion_end_h ? s.rate_occluded : s.rate_open;
      d.infection_damage_per_h = segment_start < s.infection_end_h ? session.infection_damage_per_h : 0.0;
      integrator.start(model, d, segment_start, b, y, levels);
      Reached r;
      for (auto it = std::upper_bound(stops.begin(), stops.end(), segment_start); it != stops.end() && *it <= b; ++it) {
        const double t = *it;
        do {
          r = integrator.advance(t);
          y = r.y;
          redness.cross(r.t, r.crossed[erythema_signal]);
          swelling.cross(r.t, r.crossed[oedema_signal]);
          barrier.cross(r.t, r.crossed[tewl_signal]);
          if (reepi_h == 0.0 && r.crossed[front_signal] < 0) reepi_h = r.t - s.start_h;
          if (half_life_h == 0.0 && r.crossed[channel_signal] < 0 && new_channels > 0.0) half_life_h = r.t - s.start_h;
          if (r.crossed[erythema_slope_signal] < 0 || r.t == t)
            m.peak_erythema = std::max(m.peak_erythema, model.erythema(y.data()));
        } while (r.t < t);
        for (int day : days) {
          if (t == t0 + day * hours_per_day) {
            m.collagen_change_pct[day] = 100.0 * (y[collagen3] + y[collagen1]);
            m.epidermal_thickness_change_pct[day] = 100.0 * y[epidermis];
          }
        }
        if (t == fibrosis_at) fibrosis_level = y[myofibroblasts];
        record(t);
        sample_at(t);
      }
      m.inflammation_integral += r.phagocyte_integral;
      segment_start = b;
    }
    for (auto* tracker : {&redness, &swelling, &barrier}) tracker->finish(s.end_h);
    barrier_open_h += barrier.total_above_h;
    if (load.wounded_area_fraction > 0.0 && reepi_h == 0.0) reepi_h = s.end_h - s.start_h;  // still open
    const double ery_h = redness.ever_above ? redness.last_end_h - s.start_h : 0.0;
    const double oed_h = swelling.ever_above ? swelling.last_end_h - s.start_h : 0.0;
    if (k == 0) {
      m.barrier_recovery_h = barrier.ever_above ? barrier.last_end_h - s.start_h : 0.0;
      m.channel_closure_half_life_h = half_life_h;
    }
    m.erythema_duration_h = std::max(m.erythema_duration_h, ery_h);
    m.oedema_duration_h = std::max(m.oedema_duration_h, oed_h);
    m.reepithelialisation_h = std::max(m.reepithelialisation_h, reepi_h);
    m.downtime_d = std::max(m.downtime_d, std::max({ery_h, oed_h, reepi_h}) / hours_per_day);
    carried = d;
  }
  m.barrier_open_h = barrier_open_h;
  m.fibrosis_score = std::clamp(fibrosis_level / p.fibrosis_myofibroblast_level, 0.0, 1.0);
  m.fibrosis = fibrosis_level >= p.fibrosis_myofibroblast_level;
  return course;
}

void write_course_csv(const TissueCourse& course, std::ostream& out) {
  out << "time_h,time_d";
  for (auto name : state_names) out << ',' << name;
  out << ",tewl_excess,erythema\n";
  for (std::size_t i = 0; i < course.time_h.size(); ++i) {
    out << fmt::format("{:.6g},{:.6g}", course.time_h[i], course.time_h[i] / hours_per_day);
    for (double v : course.states[i]) out << fmt::format(",{:.6g}", v);
    out << fmt::format(",{:.6g},{:.6g}\n", course.tewl_excess[i], course.erythema[i]);
  }
}

}  // namespace mnsim::response
