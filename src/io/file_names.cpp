#include "io/file_names.hpp"

namespace mnsim::io {

namespace {

constexpr std::size_t max_slug_chars = 40;

}  // namespace

std::string file_slug(std::string_view text) {
  std::string slug;
  for (const char c : text) {
    if (slug.size() >= max_slug_chars) break;
    if (c >= 'A' && c <= 'Z') {
      slug += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      slug += c;
    } else if (!slug.empty() && slug.back() != '_') {
      slug += '_';
    }
  }
  while (!slug.empty() && slug.back() == '_') slug.pop_back();
  return slug.empty() ? "unnamed" : slug;
}

}  // namespace mnsim::io
