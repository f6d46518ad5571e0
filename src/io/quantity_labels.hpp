#pragma once
// One table of how the outputs' keys read to a person (issue #26, defect 5): a predicted quantity's
// label, its unit and how its number is written, and the words for goals, aftercare instructions,
// screening rules and the settings named in the plan's texts. The report pages, `mnsim plan`'s text
// and `mnsim simulate`'s text all go through it, so a PIH probability reads "4.42 %" everywhere
// and no key such as `collagen_change_pct_d180` or `fine_lines` reaches a reader. plan.json and
// the CSV files keep the keys: they are for programs.
#include <string>
#include <string_view>
#include <vector>

#include "io/quantity_text.hpp"

namespace mnsim::io {

// How a predicted quantity reads. `label` is for the practitioner ("PIH (post-inflammatory
// hyperpigmentation)"), `plain` for the patient ("dark patches after healing"); `unit` follows each
// number ("%", "h", "d"). Keys the table does not know read as their words (underscores to spaces)
// with no unit, so nothing is dropped, and `known` is false.
struct QuantityLabel {
  std::string label;
  std::string plain;
  std::string unit;
  bool probability = false;  // a share 0..1 written in percent
  bool known = false;
};

// Accepts the plan's keys (`collagen_change_pct_d180`) and the response's (`collagen_change_pct.180`).
QuantityLabel quantity_label(std::string_view key);

// The Reading of io/quantity_text.hpp for the key: probabilities in percent with their floor (<0.01)
// and ceiling (>99). Windows (durations cut off by the end of the simulation) are the caller's.
Reading quantity_reading(std::string_view key);

// One value with its unit, as every output writes it: "4.42 %", "<0.01 %", ">99 %", "30 h".
std::string quantity_value(std::string_view key, double value, const Reading& reading);
std::string quantity_value(std::string_view key, double value);

// "4.42 % (2.1 to 8.84 %)"-style text of a median and its 5-95 % range, one value when the ends read
// the same. The pieces are the RangeText of io/quantity_text.hpp with the unit added.
struct QuantityRange {
  std::string median, p5, p95;  // each with its unit
  [[nodiscard]] bool single() const { return p5 == p95; }
  [[nodiscard]] std::string text() const;  // "median (p5 to p95)" or the median alone
};
QuantityRange quantity_range(std::string_view key, double median, double p5, double p95, const Reading& reading);

// The terminal form of the same numbers, as `simulate` and `plan` print them: "4.42 [2.1-8.84] %",
// or "4.42 %" when the range is single.
std::string quantity_bracketed(std::string_view key, double median, double p5, double p95, const Reading& reading);

// Keys in the order a reader meets them: the benefit (collagen, then the epidermis, by day), the
// course (downtime, redness, swelling, healing), then the risks; unknown keys last, by name.
std::vector<std::string> reading_order(std::vector<std::string> keys);

// Goals (goal.kind): "fine_lines" -> "fine lines", "atrophic_acne_scars" -> "atrophic acne scars".
std::string goal_label(std::string_view goal);
// What the patient reads for a goal: "fine lines", "acne scars", ...
std::string goal_plain(std::string_view goal);

// Aftercare instructions by id: "no_exfoliants" -> "no exfoliants or retinoids",
// "product:vitamin C serum" -> "vitamin C serum".
std::string aftercare_label(std::string_view id);

// Screening rules by id: "darker_skin_pih" -> "darker skin: pigmentation risk".
std::string rule_label(std::string_view id);
// What a patient reads for a rule that holds an area back or postpones the treatment, in plain
// words; empty where the table has none (the practitioner explains).
std::string rule_plain(std::string_view id);

// A name from the patient file that is an identifier (an area's name, a site): underscores to spaces.
std::string name_label(std::string_view name);

// Free text written by the planner (reasons, sources, notes) with the registry keys and the
// machine-written limit checks it may hold put in words: "aftercare.bleeding_pressure_min" -> "the
// bleeding-pressure setting", "PIH probability p95 0.14 > limit 0.1" -> "PIH p95 14 % > limit 10 %".
std::string humanize_text(std::string_view text);

// The registry keys humanize_text puts in words (for tests: none may reach a page).
const std::vector<std::string>& humanized_keys();

}  // namespace mnsim::io
