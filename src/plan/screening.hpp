#pragma once
// Screening: the rule table data/plan/screening_rules.csv applied to a patient file. Each rule
// is data with its source: a condition over facts of the patient, of one area or of one
// product, a level (contraindication, caution, note), the reason shown to the practitioner and
// the actions it takes (exclude_area, pih_precautions, max_depth_mm=1.0, ...).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/condition.hpp"
#include "plan/patient.hpp"

namespace mnsim::plan {

enum class Level { contraindication, caution, note };
enum class Decision { go, caution, do_not_treat };
// What a rule's facts are about: the whole patient, each area, or each planned product.
enum class Scope { patient, area, product };

std::string_view to_string(Level level);
std::string_view to_string(Decision decision);  // "go", "caution", "do_not_treat"
std::string_view to_string(Scope scope);

struct Action {
  std::string name;             // one of known_actions()
  std::optional<double> value;  // "max_depth_mm=1.0" carries 1.0
};

// The actions a rule may take; the planner and the aftercare act on them by name.
const std::vector<std::string>& known_actions();

struct Rule {
  std::string id;
  Level level = Level::note;
  Scope scope = Scope::patient;
  Condition condition;
  std::string reason;
  std::vector<Action> actions;
  std::string source;
  std::string tag;  // V (checked), V-sec (seen in a secondary source), M (from memory)
};

class RuleSet {
 public:
  // Reads data/plan/screening_rules.csv; DataError naming the file and line for any malformed
  // row, unknown level or action, or a condition that does not parse against the fact schema.
  static RuleSet load(const std::filesystem::path& data_dir);
  static RuleSet from_file(const std::filesystem::path& file);

  [[nodiscard]] const std::vector<Rule>& rules() const { return rules_; }
  [[nodiscard]] const Rule* find(std::string_view id) const;

 private:
  std::vector<Rule> rules_;
};

// The facts conditions may read, with their types (docs/planner.md lists them).
const FactSchema& fact_schema();
FactMap patient_facts(const PatientFile& patient);
FactMap area_facts(const PatientFile& patient, const Area& area);
FactMap product_facts(const PatientFile& patient, const PlannedProduct& product);

struct TriggeredRule {
  std::string id;
  Level level = Level::note;
  Scope scope = Scope::patient;
  std::string subject;  // area or product name; empty for the patient
  std::string reason;
  std::string source;
  std::vector<Action> actions;
  // The rule's evidence tag (Rule::tag), so a reader sees what rests on a source from memory (M);
  // empty for the cautions the planner adds from its own limits (risk_limit_exceeded, ...).
  std::string tag;
};

struct AreaVerdict {
  std::string name;
  std::string site;
  std::string goal;
  double area_cm2 = 0.0;
  bool excluded = false;                   // a contraindication in this area: not treated
  std::vector<std::string> exclude_zones;  // treated around these zones
  std::optional<double> max_depth_mm;      // tightest max_depth_mm action that applies
  std::vector<std::string> rule_ids;       // rules triggered for this area or the patient
};

struct Verdict {
  Decision decision = Decision::go;
  std::vector<TriggeredRule> triggered;  // patient rules, then per area, then per product
  std::vector<AreaVerdict> areas;

  [[nodiscard]] bool has_action(std::string_view name) const;
  [[nodiscard]] bool triggered_rule(std::string_view id) const;
  [[nodiscard]] std::vector<std::string> rule_ids() const;
};

// do_not_treat: a patient-level contraindication, or every area excluded. caution: any caution,
// any excluded area or a product contraindication. go: nothing, or notes only.
Verdict screen(const PatientFile& patient, const RuleSet& rules);

}  // namespace mnsim::plan
