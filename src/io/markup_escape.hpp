#pragma once
// Escaping of text for HTML and XML documents (the report, XDMF files), and the plain replacement
// the writers share.
#include <string>
#include <string_view>

namespace mnsim::io {

// Escapes &, <, >, " and ' (as &#39;, valid in both HTML and XML) for text and attribute values.
std::string html_escape(std::string_view text);

// Replaces every occurrence of `from` (not empty) in `text` by `to`, left to right.
void replace_all(std::string& text, std::string_view from, std::string_view to);

}  // namespace mnsim::io
