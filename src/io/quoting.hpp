#pragma once
// Quoting text for the two interpreters the figures pass through: the shell that starts gnuplot
// and gnuplot's own single-quoted strings (titles, labels).
#include <string>
#include <string_view>

namespace mnsim::io {

// For the shell: inside single quotes only a single quote needs escaping.
std::string shell_quoted(std::string_view text);
// For gnuplot: inside single quotes a single quote is doubled.
std::string gnuplot_quoted(std::string_view text);

}  // namespace mnsim::io
