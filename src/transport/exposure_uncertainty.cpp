#include "transport/exposure_uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/parallel_failure.hpp"
#include "core/rng.hpp"
#include "core/statistics.hpp"
#include "transport/layer_course.hpp"
#include "transport/systemic.hpp"

namespace mnsim::transport {

namespace {

// Offset of the transport module's streams, apart from other modules' streams of the same seed.
constexpr std::uint64_t stream_offset = 0x7472'616E'0000'0000ULL;
// The sampled runs need the amounts to a few digits, not to the point estimate's 1e-7.
constexpr double sampled_relative_tolerance = 1e-5;

TwoPathwayProblem without_channels(TwoPathwayProblem p) {
  p.channels = {};
  return p;
}

struct Outcome {
  double amount = 0.0, flux = 0.0;  // reached the receptor or the blood by the end; its rate then
  double target_hours = 0.0;        // the target layer at or above its target (with a target)
  double plasma_peak = 0.0;         // ng/mL (with a body)
  std::vector<double> flux_course;  // at the output times (with a body)
};

// Hours the target layer's mean concentration is at or above the target over a run.
double target_hours(const TwoPathwaySeries& s, const TargetLayer& target) {
  double thickness = 0.0;
  std::vector<std::size_t> cells;
  for (std::size_t i = 0; i < s.cell_top_um.size(); ++i) {
    const double centre = s.cell_top_um[i] + 0.5 * s.cell_width_um[i];
    if (centre >= target.top_um && centre < target.bottom_um) {
      cells.push_back(i);
      thickness += s.cell_width_um[i];
    }
  }
  std::vector<double> time_h, mean;
  for (std::size_t k = 0; k < s.time_s.size(); ++k) {
    double held = 0.0;
    for (const std::size_t i : cells) held += s.cell_held[k][i];
    time_h.push_back(s.time_s[k] / 3600.0);
    mean.push_back(held / thickness);
  }
  return hours_at_or_above({time_h, mean}, target.relative_concentration);
}

// Peak plasma concentration of a run in a body.
double plasma_peak(const TwoPathwaySeries& s, const OneCompartment& body, double rate_ug_per_h_per_flux) {
  std::vector<double> time_h, rate;
  for (std::size_t k = 0; k < s.time_s.size(); ++k) {
    time_h.push_back(s.time_s[k] / 3600.0);
    rate.push_back(s.flux[k] * rate_ug_per_h_per_flux);
  }
  const auto c = plasma_ng_per_ml(body, time_h, rate);
  return *std::max_element(c.begin(), c.end());
}

// A sampled run that CVODE cannot finish at the sampled tolerance (error-test failures on
// extreme draws) is rerun at the point estimate's. With a target or a body the run goes through
// the output times, the last of which is the end.
Outcome delivered(TwoPathwayProblem p, const std::vector<double>& end, const SampledOutputs& outputs,
                  const OneCompartment& body) {
  const auto& times = outputs.target ? outputs.target->times_s : outputs.body ? outputs.body->times_s : end;
  TwoPathwaySeries s;
  try {
    s = simulate_two_pathway(p, times);
  } catch (const std::runtime_error&) {
    p.relative_tolerance = TwoPathwayProblem{}.relative_tolerance;
    s = simulate_two_pathway(p, times);
  }
  return {s.receptor.back() + s.cleared.back(), s.flux.back(), outputs.target ? target_hours(s, *outputs.target) : 0.0,
          outputs.body ? plasma_peak(s, body, outputs.body->rate_ug_per_h_per_flux) : 0.0,
          outputs.body ? s.flux : std::vector<double>{}};
}

Percentiles percentiles(std::vector<double> values) {
  const auto q = quantiles(std::move(values), {0.05, 0.5, 0.95});
  return {q[0], q[1], q[2]};
}

}  // namespace

void declare_uncertainty_parameters(Registry& registry) {
  registry.add({.path = "transport.samples",
                .type = ParamType::integer,
                .min = 0.0,
                .max = 10000.0,
                .default_value = Value{std::int64_t{40}},
                .description = "sampled input sets for the 5-95 % ranges of the reduced model's outputs (0: point "
                               "estimate only; resolved runs are not sampled); each costs two reduced runs",
                .source = "model input"});
  registry.add({.path = "transport.kp_sd_log10",
                .type = ParamType::real,
                .min = 0.0,
                .max = 2.0,
                .default_value = Value{0.78},
                .description = "SD of log10 of the intact stratum corneum permeability about the QSAR's prediction "
                               "(not applied to a measured product[].intact_kp_cm_per_h)",
                .source = "root-mean-square error of the US EPA DERMWIN permeability model (log Kp from log Kow "
                          "and MW, the form of transport.intact_model) over 175 measured human Kp: 0.78 log "
                          "units (J Cheminform 2021;13:26, doi 10.1186/s13321-021-00503-5, abstract)"});
  registry.add({.path = "transport.closure_half_life_cv",
                .type = ParamType::real,
                .min = 0.0,
                .max = 3.0,
                .default_value = Value{0.58},
                .description = "coefficient of variation of the channel closure half-lives between people "
                               "(log-normal about the rules' value)",
                .source = "micropore closure half-life at the upper arm 23.69 +/- 13.67 h (mean +/- SD, n = 35), "
                          "PMC8259462 (University of Iowa micropore closure study, 2021): 13.67 / 23.69 = 0.58 "
                          "(calibration rows: tr_closure_iowa_upper_arm_half_life)"});
  registry.add(
      {.path = "transport.closure_excised_residual_sd_log10",
       .type = ParamType::real,
       .min = 0.0,
       .max = 2.0,
       .default_value = Value{0.30},
       .description = "SD of log10 of the share of the channel conductance excised skin keeps "
                      "(transport.closure_excised_residual), sampled log-normal about it in franz_cell runs",
       .source =
           "from the spread of the ratio it is fitted to: tiagabine HCl fluxes 86.42 +/- 25.66 and 12.83 +/- "
           "6.30 ug/cm2/h (Pharmaceutics 2016;8(4):33) give a log-normal ratio with sigma 0.548, 5-95 % "
           "2.74-16.6; the residuals that reproduce those (examples/validation/franz_pig_roller.toml) are "
           "0.00138 and 0.01355, log10 range 0.99 = 2 x 1.645 x 0.30 (calibration rows: tr_er_tiagabine_pig_roller)"});
}

UncertaintySpread uncertainty_spread_from(const ParameterSet& parameters) {
  return {.kp_sd_log10 = parameters.real("transport.kp_sd_log10"),
          .closure_half_life_cv = parameters.real("transport.closure_half_life_cv"),
          .excised_residual_sd_log10 = parameters.real("transport.closure_excised_residual_sd_log10")};
}

TransportUncertainty sample_transport(const TwoPathwayProblem& treated, const ClosureLaw& law, double channel_age_h,
                                      bool kp_measured, double end_s, const UncertaintySpread& spread, int samples,
                                      std::uint64_t seed, const SampledOutputs& outputs) {
  TransportUncertainty out;
  out.samples = std::max(samples, 0);
  if (out.samples == 0) return out;
  const auto n = static_cast<std::size_t>(out.samples);
  std::vector<double> ratio(n), flux_ratio(n), cumulative(n), window(n), hours(n), intact_hours(n), peak(n),
      intact_peak(n);
  if (outputs.body) {
    out.flux_courses.resize(n);
    out.intact_flux_courses.resize(n);
    out.bodies.resize(n);
  }
  const double closure_sigma = std::sqrt(std::log1p(spread.closure_half_life_cv * spread.closure_half_life_cv));
  const double ln_low = std::log(treated.tissue.polar_factor_low);
  const double ln_high = std::log(treated.tissue.polar_factor_high);
  const std::vector<double> end{end_s};
  ParallelFailure failure;

#pragma omp parallel for schedule(dynamic, 4)
  for (int i = 0; i < out.samples; ++i) {
    auto rng = make_stream(seed, stream_offset + static_cast<std::uint64_t>(i));
    std::normal_distribution<double> normal;
    std::uniform_real_distribution<double> uniform;
    // Draw all in a fixed order, whatever is used, so each stream means the same sample.
    const double kp_z = normal(rng), polar_u = uniform(rng), closure_z = normal(rng), residual_z = normal(rng);
    const double volume_u = uniform(rng), clearance_u = uniform(rng);
    OneCompartment body;
    if (outputs.body) {
      const auto& b = *outputs.body;
      const auto log_uniform = [](double low, double high, double u) {
        return std::exp(std::log(low) + u * (std::log(high) - std::log(low)));
      };
      body = {log_uniform(b.volume_low_l, b.volume_high_l, volume_u),
              log_uniform(b.clearance_low_l_per_h, b.clearance_high_l_per_h, clearance_u)};
    }

    TwoPathwayProblem p = treated;
    p.relative_tolerance = sampled_relative_tolerance;
    const auto& t = treated.tissue;
    if (!kp_measured && t.kp_stratum_corneum_cm_per_h > 0.0) {
      const double polar = t.kp_polar_cm_per_h * std::exp(ln_low + polar_u * (ln_high - ln_low));
      const double kp =
          (t.kp_stratum_corneum_cm_per_h - t.kp_polar_cm_per_h + polar) * std::pow(10.0, spread.kp_sd_log10 * kp_z);
      // How a QSAR's error splits between partition and diffusivity is not known; half of it (in
      // logs) goes to each, so the lag through the SC varies with the square root of the factor.
      const double half = std::sqrt(kp / t.kp_stratum_corneum_cm_per_h);
      p.tissue.layers[0].partition *= half;
      p.tissue.layers[0].diffusivity_um2_per_s *= half;
      p.tissue.kp_stratum_corneum_cm_per_h = kp;
    }
    const double f = std::exp(closure_sigma * closure_z);
    const ClosureLaw sampled = law.with_half_lives_scaled(f).with_residual_scaled(
        std::pow(10.0, spread.excised_residual_sd_log10 * residual_z));
    p.open_fraction = [sampled, channel_age_h](double t_s) {
      return sampled.open_fraction(channel_age_h + t_s / 3600.0);
    };
    const auto k = static_cast<std::size_t>(i);
    failure.run(k, [&] {
      auto with = delivered(p, end, outputs, body), without = delivered(without_channels(p), end, outputs, body);
      if (outputs.body) {
        out.flux_courses[k] = std::move(with.flux_course);
        out.intact_flux_courses[k] = std::move(without.flux_course);
        out.bodies[k] = body;
      }
      ratio[k] = without.amount > 0.0 ? with.amount / without.amount : 0.0;
      flux_ratio[k] = without.flux > 0.0 ? with.flux / without.flux : 0.0;
      cumulative[k] = with.amount;
      window[k] = sampled.window_h();
      hours[k] = with.target_hours;
      intact_hours[k] = without.target_hours;
      peak[k] = with.plasma_peak;
      intact_peak[k] = without.plasma_peak;
    });
  }
  failure.rethrow_if_failed();
  out.enhancement_ratio = percentiles(std::move(ratio));
  out.end_flux_ratio = percentiles(std::move(flux_ratio));
  out.cumulative = percentiles(std::move(cumulative));
  out.window_h = percentiles(std::move(window));
  if (outputs.target) {
    out.target_hours_above = percentiles(std::move(hours));
    out.intact_target_hours_above = percentiles(std::move(intact_hours));
  }
  if (outputs.body) {
    out.plasma_peak = percentiles(std::move(peak));
    out.intact_plasma_peak = percentiles(std::move(intact_peak));
  }
  return out;
}

}  // namespace mnsim::transport
