#pragma once
// Where a transport problem changes abruptly during a run, so that a solver stops there and
// starts afresh: each application of a finite dose after the first (the film jumps), the session
// of a product put on before it (the channels appear), and the wipe-off (the vehicle goes).
#include <cstddef>
#include <limits>
#include <vector>

namespace mnsim::transport {

enum class Change { application, channels, removal };

struct Jump {
  double t_s = 0.0;  // after the product first went on
  Change change = Change::application;
};

struct JumpSchedule {
  bool finite_dose = false;
  std::size_t applications = 1;  // of a finite dose, every interval_s from 0
  double interval_s = std::numeric_limits<double>::infinity();
  double channels_made_s = 0.0;  // > 0: the session, when the channels are made
  double removed_s = std::numeric_limits<double>::infinity();
};

// The jumps strictly before end_s (one at the end changes nothing that is reported), in time
// order; at one time an application comes first, then the channels, then the wipe-off.
std::vector<Jump> jumps_before(const JumpSchedule& schedule, double end_s);

// Applications made by t_s: the first, and each later one strictly before t_s (one due at an
// output time is made just after that output).
std::size_t applications_by(const JumpSchedule& schedule, double t_s);

}  // namespace mnsim::transport
