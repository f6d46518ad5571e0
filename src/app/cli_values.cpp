#include "app/cli_values.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/error.hpp"

namespace mnsim::app {

CLI::Validator whole_number(std::int64_t min, std::int64_t max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max)
          return fmt::format("expected a whole number from {} to {}, got {}", min, max, text);
        return {};
      },
      fmt::format("INT in [{} - {}]", min, max));
}

std::vector<std::string> comma_list(const std::vector<std::string>& values, const std::string& option) {
  std::vector<std::string> items;
  for (const auto& value : values) {
    std::size_t start = 0;
    while (true) {
      const auto comma = value.find(',', start);
      auto item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (item.empty()) {
        throw InputError({option, 0, 0}, "", fmt::format("an empty name in the list \"{}\"", value),
                         fmt::format("separate names by single commas: {} a,b,c", option));
      }
      items.push_back(std::move(item));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return items;
}

}  // namespace mnsim::app
