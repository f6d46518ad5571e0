#include "core/clock.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace mnsim {

namespace {

// 9999-12-31T23:59:59Z: later times need a fifth digit of year, which RFC 5545 dates and the
// %Y-%m-%d stamps of the outputs do not allow.
constexpr long long last_second = 253402300799LL;

}  // namespace

std::optional<std::chrono::sys_seconds> source_date_epoch() {
  const char* text = std::getenv("SOURCE_DATE_EPOCH");
  if (text == nullptr) return std::nullopt;
  const std::string_view s(text);
  // Digits only: from_chars alone would accept a sign and stop quietly at trailing text.
  if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), seconds);
  if (ec != std::errc() || end != s.data() + s.size() || seconds > last_second) return std::nullopt;
  return std::chrono::sys_seconds(std::chrono::seconds(seconds));
}

std::chrono::sys_seconds now() {
  if (const auto fixed = source_date_epoch()) return *fixed;
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace mnsim
