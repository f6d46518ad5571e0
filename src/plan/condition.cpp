#include "plan/condition.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace mnsim::plan {

std::string_view describe(FactType type) {
  switch (type) {
    case FactType::boolean:
      return "true/false";
    case FactType::number:
      return "a number";
    case FactType::text:
      return "a string";
  }
  return "a value";
}

// Recursive descent over the grammar
//   or := and ("||" and)* ; and := unary ("&&" unary)* ; unary := "!" unary | primary
//   primary := "(" or ")" | operand [op operand]
class ConditionParser {
 public:
  ConditionParser(std::string_view text, const FactSchema& schema, Condition& out)
      : text_(text), schema_(schema), out_(out) {}

  void parse() {
    const int root = parse_or();
    skip_space();
    if (pos_ != text_.size()) fail(fmt::format("unexpected \"{}\"", text_.substr(pos_)));
    if (node(root).type != FactType::boolean) fail("the condition is not true/false");
    // The root must be the last node: evaluation starts there.
    if (root != static_cast<int>(out_.nodes_.size()) - 1) {
      throw std::logic_error("condition parser: root is not the last node");
    }
  }

 private:
  using Node = Condition::Node;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument(fmt::format("condition \"{}\": {} (at character {})", text_, what, pos_ + 1));
  }

  const Node& node(int i) const { return out_.nodes_[static_cast<std::size_t>(i)]; }

  int add(Node n) {
    out_.nodes_.push_back(std::move(n));
    return static_cast<int>(out_.nodes_.size()) - 1;
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0) ++pos_;
  }

  bool accept(std::string_view token) {
    skip_space();
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }

  int logical(Node::Kind kind, int lhs, int rhs) {
    for (const int side : {lhs, rhs}) {
      if (node(side).type != FactType::boolean) fail("&&, || and ! combine true/false terms only");
    }
    return add({.kind = kind, .type = FactType::boolean, .lhs = lhs, .rhs = rhs});
  }

  int parse_or() {
    int lhs = parse_and();
    while (accept("||")) lhs = logical(Node::Kind::disjunction, lhs, parse_and());
    return lhs;
  }

  int parse_and() {
    int lhs = parse_unary();
    while (accept("&&")) lhs = logical(Node::Kind::conjunction, lhs, parse_unary());
    return lhs;
  }

  int parse_unary() {
    skip_space();
    if (text_.substr(pos_, 2) != "!=" && accept("!")) {
      const int operand = parse_unary();
      if (node(operand).type != FactType::boolean) fail("! applies to true/false terms only");
      return add({.kind = Node::Kind::negation, .type = FactType::boolean, .lhs = operand});
    }
    return parse_primary();
  }

  int parse_primary() {
    if (accept("(")) {
      const int inner = parse_or();
      if (!accept(")")) fail("missing )");
      return inner;
    }
    const int lhs = parse_operand();
    for (const std::string_view op : {"==", "!=", "<=", ">=", "<", ">"}) {
      if (!accept(op)) continue;
      const int rhs = parse_operand();
      const FactType lt = node(lhs).type;
      const FactType rt = node(rhs).type;
      if (lt != rt) fail(fmt::format("cannot compare {} with {}", describe(lt), describe(rt)));
      if (op != "==" && op != "!=" && lt != FactType::number) fail(fmt::format("{} compares numbers only", op));
      return add(
          {.kind = Node::Kind::comparison, .type = FactType::boolean, .name = std::string(op), .lhs = lhs, .rhs = rhs});
    }
    return lhs;
  }

  int parse_operand() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a value");
    const char c = text_[pos_];
    if (c == '"') {
      const auto close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) fail("unterminated string");
      std::string value(text_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
      return add({.kind = Node::Kind::literal, .type = FactType::text, .value = std::move(value)});
    }
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.') {
      double value = 0.0;
      const char* begin = text_.data() + pos_;
      const auto [end, ec] = std::from_chars(begin, text_.data() + text_.size(), value);
      if (ec != std::errc()) fail("malformed number");
      pos_ += static_cast<std::size_t>(end - begin);
      return add({.kind = Node::Kind::literal, .type = FactType::number, .value = value});
    }
    const auto is_name_char = [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_' || ch == '.';
    };
    if (std::isalpha(static_cast<unsigned char>(c)) == 0 && c != '_') fail("expected a fact name or a value");
    std::size_t end = pos_;
    while (end < text_.size() && is_name_char(text_[end])) ++end;
    std::string name(text_.substr(pos_, end - pos_));
    pos_ = end;
    if (name == "true" || name == "false") {
      return add({.kind = Node::Kind::literal, .type = FactType::boolean, .value = name == "true"});
    }
    const auto it = schema_.find(name);
    if (it == schema_.end()) fail(fmt::format("unknown fact \"{}\"", name));
    if (std::find(out_.facts_.begin(), out_.facts_.end(), name) == out_.facts_.end()) out_.facts_.push_back(name);
    return add({.kind = Node::Kind::fact, .type = it->second, .name = std::move(name)});
  }

  std::string_view text_;
  const FactSchema& schema_;
  Condition& out_;
  std::size_t pos_ = 0;
};

Condition Condition::parse(std::string_view text, const FactSchema& schema) {
  Condition condition;
  condition.text_ = std::string(text);
  ConditionParser(condition.text_, schema, condition).parse();
  return condition;
}

namespace {

using Node = Condition::Node;
using Tri = std::optional<bool>;

// The value of an operand node; nullopt when it names an unknown fact.
std::optional<Fact> operand_value(const Node& n, const FactMap& facts) {
  if (n.kind == Node::Kind::literal) return n.value;
  const auto it = facts.find(n.name);
  if (it == facts.end()) return std::nullopt;
  return it->second;
}

bool compare(const Fact& a, const Fact& b, const std::string& op) {
  if (op == "==") return a == b;
  if (op == "!=") return a != b;
  const double x = std::get<double>(a);
  const double y = std::get<double>(b);
  if (op == "<") return x < y;
  if (op == "<=") return x <= y;
  if (op == ">") return x > y;
  return x >= y;
}

Tri eval(const std::vector<Node>& nodes, int index, const FactMap& facts) {
  const Node& n = nodes[static_cast<std::size_t>(index)];
  switch (n.kind) {
    case Node::Kind::literal:
    case Node::Kind::fact: {
      const auto v = operand_value(n, facts);
      if (!v) return std::nullopt;
      if (const auto* b = std::get_if<bool>(&*v)) return *b;
      throw std::logic_error("condition: a fact of the wrong type reached evaluation: " + n.name);
    }
    case Node::Kind::negation: {
      const Tri v = eval(nodes, n.lhs, facts);
      return v ? Tri(!*v) : std::nullopt;
    }
    case Node::Kind::conjunction: {
      const Tri a = eval(nodes, n.lhs, facts);
      const Tri b = eval(nodes, n.rhs, facts);
      if (a == Tri(false) || b == Tri(false)) return false;
      if (!a || !b) return std::nullopt;
      return true;
    }
    case Node::Kind::disjunction: {
      const Tri a = eval(nodes, n.lhs, facts);
      const Tri b = eval(nodes, n.rhs, facts);
      if (a == Tri(true) || b == Tri(true)) return true;
      if (!a || !b) return std::nullopt;
      return false;
    }
    case Node::Kind::comparison: {
      const auto a = operand_value(nodes[static_cast<std::size_t>(n.lhs)], facts);
      const auto b = operand_value(nodes[static_cast<std::size_t>(n.rhs)], facts);
      if (!a || !b) return std::nullopt;
      if (a->index() != b->index()) {
        throw std::logic_error("condition: fact map value of the wrong type for " +
                               nodes[static_cast<std::size_t>(n.lhs)].name);
      }
      return compare(*a, *b, n.name);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<bool> Condition::evaluate(const FactMap& facts) const {
  return eval(nodes_, static_cast<int>(nodes_.size()) - 1, facts);
}

}  // namespace mnsim::plan
