#pragma once
// "Did you mean" for the command line: CLI11 says only that `simulat` or `--sed` was not expected.
#include <CLI/CLI.hpp>
#include <string>

namespace mnsim::app {

// The hint for the first misspelt command or option among argv[1..argc): "did you mean mnsim
// simulate?", "did you mean --set or --seed?"; empty when every word is known or nothing is close
// (CLI11's own message already points to --help).
std::string command_line_suggestion(const CLI::App& app, int argc, const char* const* argv);

// Reports a parse error as CLI11 does (message, then "Run with --help ..."), adds the hint above,
// and returns the exit code: 0 for --help and --version, 2 (bad input) otherwise.
int report_parse_error(const CLI::App& app, const CLI::ParseError& error, int argc, const char* const* argv);

}  // namespace mnsim::app
