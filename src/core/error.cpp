#include "core/error.hpp"

#include <fmt/format.h>

namespace mnsim {

std::string SourceLocation::to_string() const {
  if (file.empty()) return {};
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

namespace {
std::string compose(const SourceLocation& where, const std::string& key, const std::string& message,
                    const std::string& hint) {
  std::string text;
  if (const auto loc = where.to_string(); !loc.empty()) text += loc + ": ";
  if (!key.empty()) text += key + ": ";
  text += message;
  if (!hint.empty()) text += " (" + hint + ")";
  return text;
}
}  // namespace

InputError::InputError(SourceLocation where, std::string key, std::string message, std::string hint)
    : std::runtime_error(compose(where, key, message, hint)),
      where_(std::move(where)),
      key_(std::move(key)),
      message_(std::move(message)),
      hint_(std::move(hint)) {}

NumericalError::NumericalError(std::string stage, std::string quantity, std::string message)
    : std::runtime_error(fmt::format("numerical failure in {} ({}): {}", stage, quantity, message)),
      stage_(std::move(stage)),
      quantity_(std::move(quantity)) {}

}  // namespace mnsim
