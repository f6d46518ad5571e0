#pragma once
// The aftercare plan derived from the simulated course of one session, not a fixed leaflet: each
// instruction's start and end come from predicted quantiles (barrier recovery, channel closure,
// the pigmentation hazard, ...) combined with the few conventions that have no model behind
// them (the 24 h exfoliant ban, ...), which are registry parameters with their sources.
// Times are hours from the start of a session; the calendar repeats them for every session.
#include <string>
#include <vector>

#include "core/parameter_set.hpp"
#include "plan/patient.hpp"
#include "plan/recommendation.hpp"
#include "plan/screening.hpp"

namespace mnsim::plan {

// Predicted course of one session, each quantity as {median, p5, p95} over the model's
// uncertainty (the response engine fills it).
struct PredictedCourse {
  Quantiles barrier_recovery_h;     // TEWL back to near baseline
  Quantiles erythema_duration_h;    // visible redness
  Quantiles oedema_duration_h;      // visible swelling
  Quantiles reepithelialisation_h;  // punctures covered by epidermis
  Quantiles downtime_d;             // social downtime
  Quantiles channel_closure_h;      // channels closed at the surface (the product window ends)
  Quantiles pih_elevated_until_h;   // pigmentation hazard above its baseline until then
  Quantiles infection_window_h;     // infection hazard above its baseline until then
  int fitzpatrick = 2;
  std::vector<PlannedProduct> products;
};

struct AftercareSettings {
  double min_exfoliant_ban_h = 24.0;
  double min_makeup_delay_h = 24.0;
  double min_photoprotection_d = 7.0;
  double dark_skin_extra_photoprotection_d = 14.0;
  double bleeding_pressure_min = 10.0;
  double keloid_watch_d = 90.0;
  double herpes_lead_h = 72.0;
};
AftercareSettings read_aftercare_settings(const ParameterSet& parameters);

struct AftercareItem {
  std::string id;           // stable identifier: "no_exfoliants", "product:vitamin C serum", ...
  std::string kind;         // before, avoid, do, from, watch, consult, info
  std::string instruction;  // what to do, in plain words
  double start_h = 0.0;     // from the start of the session; negative: before it
  double end_h = 0.0;       // equal to start_h for something that happens once ("from then on")
  std::string reason;       // why, with the predicted numbers behind the times
  std::string source;       // literature or "model prediction"; says so when no study exists
};

// True for compounds that are exfoliants, acids or retinoids (kept off until the ban ends).
bool is_exfoliant_or_retinoid(const std::string& compound);

// Derives the instructions, in order of start time. Uses the verdict's actions:
// pih_precautions, bleeding_precautions, herpes_prophylaxis_discussion, keloid_watch,
// infection_watch.
std::vector<AftercareItem> derive_aftercare(const PredictedCourse& course, const Verdict& verdict,
                                            const AftercareSettings& settings);

}  // namespace mnsim::plan
