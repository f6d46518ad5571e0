#pragma once
// Escaping of text for HTML and XML documents (the report, XDMF files).
#include <string>
#include <string_view>

namespace mnsim::io {

// Escapes &, <, >, " and ' (as &#39;, valid in both HTML and XML) for text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace mnsim::io
