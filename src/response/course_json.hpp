#pragma once
// The `response` object of summary.json: scalar outputs (numbers, or {median, p5, p95} when
// sampling is on), collagen and epidermal changes keyed by day after the first session.
#include <nlohmann/json.hpp>

#include "response/course.hpp"
#include "response/uncertainty.hpp"

namespace mnsim::response {

// `uncertainty` may be null or hold zero samples: then the point estimates are written.
nlohmann::json course_json(const CourseMetrics& metrics, const CourseUncertainty* uncertainty = nullptr);

}  // namespace mnsim::response
