#pragma once
// Conditions of the screening rules: small boolean expressions over named facts, e.g.
//   area.open_wound == true
//   patient.fitzpatrick >= 4 && goal.kind != "product_delivery"
//   history.isotretinoin_stopped_months_ago < 6
// Written by hand because no Debian-packaged C++ library evaluates such expressions safely
// (an embedded scripting language would be far more than a rule table needs, and would let a
// data file run code). Operators: || && ! == != < <= > >= and parentheses; operands are fact
// names, numbers, "strings", true and false. Every condition is type-checked against the
// schema of known facts when the rule table is loaded, so a misspelt fact fails at load time.
//
// Facts a patient file does not give are unknown, and logic is three-valued (Kleene): a
// comparison with an unknown fact is unknown, and a rule fires only when its condition is
// definitely true.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mnsim::plan {

enum class FactType { boolean, number, text };
using Fact = std::variant<bool, double, std::string>;
using FactSchema = std::map<std::string, FactType, std::less<>>;
using FactMap = std::map<std::string, Fact, std::less<>>;

class Condition {
 public:
  // Parses and type-checks `text`. Throws std::invalid_argument saying what is wrong and where.
  static Condition parse(std::string_view text, const FactSchema& schema);

  // true, false, or nullopt when unknown facts leave it undecided.
  [[nodiscard]] std::optional<bool> evaluate(const FactMap& facts) const;
  [[nodiscard]] bool holds(const FactMap& facts) const { return evaluate(facts) == std::optional<bool>(true); }

  [[nodiscard]] const std::string& text() const { return text_; }
  // The fact names the condition reads, each once, in order of appearance.
  [[nodiscard]] const std::vector<std::string>& facts() const { return facts_; }

  // One node of the parsed expression; children are indices into the node list.
  struct Node {
    enum class Kind { literal, fact, negation, conjunction, disjunction, comparison };
    Kind kind = Kind::literal;
    FactType type = FactType::boolean;  // type of the node's value
    Fact value;                         // literal
    std::string name;                   // fact name, or the comparison operator
    int lhs = -1;
    int rhs = -1;
  };

 private:
  std::string text_;
  std::vector<std::string> facts_;
  std::vector<Node> nodes_;  // nodes_.back() is the root
  friend class ConditionParser;
};

// A type's name in messages: "true/false", "a number", "a string".
std::string_view describe(FactType type);

}  // namespace mnsim::plan
