// The screening-rule condition language: precedence, types checked at parse time, and
// three-valued logic for facts a patient file does not give.
#include "plan/condition.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mnsim::plan {
namespace {

const FactSchema schema = {
    {"a", FactType::boolean}, {"b", FactType::boolean}, {"n", FactType::number}, {"s", FactType::text}};

std::optional<bool> eval(const char* text, const FactMap& facts) {
  return Condition::parse(text, schema).evaluate(facts);
}

TEST(Condition, ComparesNumbersStringsAndBooleans) {
  const FactMap f = {{"a", true}, {"b", false}, {"n", 4.0}, {"s", std::string("cheek")}};
  EXPECT_EQ(eval("n >= 4", f), true);
  EXPECT_EQ(eval("n > 4", f), false);
  EXPECT_EQ(eval("n < 4.5 && n != -1", f), true);
  EXPECT_EQ(eval("s == \"cheek\"", f), true);
  EXPECT_EQ(eval("a == true", f), true);
  EXPECT_EQ(eval("b", f), false);
  EXPECT_EQ(eval("!b && a", f), true);
}

TEST(Condition, AndBindsTighterThanOr) {
  const FactMap f = {{"a", true}, {"b", false}, {"n", 0.0}};
  EXPECT_EQ(eval("a || b && b", f), true);  // a || (b && b)
  EXPECT_EQ(eval("(a || b) && b", f), false);
}

TEST(Condition, UnknownFactsLeaveTheAnswerOpenUnlessTheOtherSideDecides) {
  const FactMap f = {{"a", true}, {"b", false}};  // n unknown
  EXPECT_EQ(eval("n < 6", f), std::nullopt);
  EXPECT_EQ(eval("!(n < 6)", f), std::nullopt);
  EXPECT_EQ(eval("n < 6 && b", f), false);
  EXPECT_EQ(eval("n < 6 || a", f), true);
  EXPECT_FALSE(Condition::parse("n < 6", schema).holds(f));
  EXPECT_FALSE(Condition::parse("!(n < 6)", schema).holds(f));
}

TEST(Condition, ListsTheFactsItReads) {
  const auto c = Condition::parse("n > 1 && (a || n < 3) && s != \"x\"", schema);
  EXPECT_EQ(c.facts(), (std::vector<std::string>{"n", "a", "s"}));
}

TEST(Condition, RejectsMalformedOrIllTypedText) {
  for (const char* bad : {"", "n >", "n >= \"4\"", "s < \"x\"", "n && a", "!n", "(a", "a b", "unknown == 1", "\"open",
                          "n == 1e", "a ==== b"}) {
    EXPECT_THROW((void)Condition::parse(bad, schema), std::invalid_argument) << bad;
  }
}

TEST(Condition, TheRootMustBeTrueOrFalse) { EXPECT_THROW((void)Condition::parse("n", schema), std::invalid_argument); }

}  // namespace
}  // namespace mnsim::plan
