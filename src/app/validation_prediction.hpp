#pragma once
// Reading the model's value for a comparison from a run's summary (or plan.json), and how far it
// is from the published one: shared by comparison rows and trial endpoints.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/validation_runner.hpp"

namespace mnsim::app {

// Whether a row's overrides set `key`.
bool sets_key(const std::vector<std::string>& set, const std::string& key);

// The model's value at `quantity`: a number (median = 5 % = 95 %), an object with its median (or
// p50), p5 and p95, a word, or a number whose spread sits beside it in `uncertainty.<key>`
// (transport). An InputError naming the row when the path is missing or not a value.
Predicted read_prediction(const nlohmann::json& summary, const std::string& quantity, const Provenance& about);

// max(predicted/measured, measured/predicted), against the geometric middle of the band where no
// value is published; none for non-positive numbers.
std::optional<double> fold_error(std::optional<double> measured, const Band& band, double predicted);

}  // namespace mnsim::app
