#pragma once
// The one way mnsim runs gnuplot and puts text into its scripts. Scenario and patient files are
// untrusted text, and gnuplot scripts can run commands (system(), backquotes, `!`), so:
// gnuplot is started without a shell, and every piece of text that is not a literal of the code
// goes into a script only through gnuplot_label.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mnsim::io {

// The gnuplot executable found on PATH (absolute directories only), or nothing.
std::optional<std::filesystem::path> find_gnuplot();

// Runs `gnuplot <script>` with `dir` as its working directory, its output discarded; true when
// it exited with status 0. `script` is a file name in `dir` chosen by mnsim, not user text.
bool run_gnuplot(const std::filesystem::path& dir, const std::string& script);

// Arbitrary text as a single-quoted gnuplot string that reads as plain text: only ASCII
// letters, digits, space and . , : + - ( ) % / = [ ] _ pass; any other byte (quotes, `, $, @, \,
// !, |, control characters, each non-ASCII character) becomes '?' (spaces for whitespace), runs of
// spaces collapse and the text is cut to 80 characters. Scripts also set `noenhanced`, so _ and ^
// are not sub- and superscripts.
std::string gnuplot_label(std::string_view text);

}  // namespace mnsim::io
