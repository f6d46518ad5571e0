#pragma once
// File names made from user text (a product's name, ...): the text is untrusted, so only a short
// slug of it ever reaches the file system.
#include <string>
#include <string_view>

namespace mnsim::io {

// Lower-case ASCII letters, digits, '-' and '_' only: every run of other characters (spaces, '/',
// '.', quotes, control and non-ASCII bytes) becomes one '_', leading and trailing '_' go, and the
// result is cut to 40 characters. Never empty ("unnamed"), never "." or "..", never a path.
std::string file_slug(std::string_view text);

}  // namespace mnsim::io
