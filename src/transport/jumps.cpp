#include "transport/jumps.hpp"

#include <algorithm>

namespace mnsim::transport {

std::vector<Jump> jumps_before(const JumpSchedule& schedule, double end_s) {
  std::vector<Jump> jumps;
  for (std::size_t made = 1; made < applications_by(schedule, end_s); ++made)
    jumps.push_back({static_cast<double>(made) * schedule.interval_s, Change::application});
  if (schedule.channels_made_s > 0.0 && schedule.channels_made_s < end_s)
    jumps.push_back({schedule.channels_made_s, Change::channels});
  if (schedule.removed_s < end_s) jumps.push_back({schedule.removed_s, Change::removal});
  std::stable_sort(jumps.begin(), jumps.end(), [](const Jump& a, const Jump& b) { return a.t_s < b.t_s; });
  return jumps;
}

std::size_t applications_by(const JumpSchedule& schedule, double t_s) {
  std::size_t made = 1;
  while (schedule.finite_dose && made < schedule.applications && static_cast<double>(made) * schedule.interval_s < t_s)
    ++made;
  return made;
}

}  // namespace mnsim::transport
