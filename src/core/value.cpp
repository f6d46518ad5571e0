#include "core/value.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mnsim {

std::string to_display(const Value& value) {
  struct Visitor {
    std::string operator()(double v) const { return fmt::format("{}", v); }
    std::string operator()(std::int64_t v) const { return fmt::format("{}", v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::string& v) const { return fmt::format("\"{}\"", v); }
    std::string operator()(const StringList& v) const {
      std::vector<std::string> quoted;
      quoted.reserve(v.size());
      for (const auto& s : v) quoted.push_back(fmt::format("\"{}\"", s));
      return fmt::format("[{}]", fmt::join(quoted, ", "));
    }
    std::string operator()(const NumberList& v) const { return fmt::format("[{}]", fmt::join(v, ", ")); }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace mnsim
