#pragma once
// The current time as written into outputs (calendar stamps, report dates, run directory names).
// SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/) replaces the
// real clock when set, so that two runs of the same input can be compared byte for byte.
#include <chrono>
#include <optional>

namespace mnsim {

// SOURCE_DATE_EPOCH as a time: a decimal count of seconds since 1970-01-01T00:00:00Z, no later
// than 9999-12-31T23:59:59Z (the last time a 4-digit year can write). nullopt when it is unset
// or not such a value: an invalid one is ignored and the real clock is used.
std::optional<std::chrono::sys_seconds> source_date_epoch();

// SOURCE_DATE_EPOCH when valid, else the system clock, to the second.
std::chrono::sys_seconds now();

}  // namespace mnsim
