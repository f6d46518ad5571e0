#include "app/cli_suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/registry.hpp"

namespace mnsim::app {

namespace {

// The candidates nearest to `word`, if they are close (the measure of scenario keys), as
// "a" or "a or b": --sed is as near to --set as to --seed, and either may be meant.
std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const auto d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best.clear();
    }
    if (d == best_distance && std::find(best.begin(), best.end(), candidate) == best.end()) best.push_back(candidate);
  }
  std::string text;
  for (std::size_t i = 0; i < best.size(); ++i) text += (i == 0 ? "" : i + 1 == best.size() ? " or " : ", ") + best[i];
  return text;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

const CLI::App* find_subcommand(const CLI::App& app, std::string_view name) {
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

}  // namespace

std::string command_line_suggestion(const CLI::App& app, int argc, const char* const* argv) {
  // Walk the words as CLI11 does: a word naming a subcommand of the current command enters it; a
  // plain word where only commands are accepted (at the top, after `bench`) is a misspelt one.
  const CLI::App* current = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") break;
    if (word.size() > 1 && word.front() == '-') {
      const auto name = std::string(word.substr(0, word.find('=')));
      if (current->get_option_no_throw(name) != nullptr) continue;
      // "-3" is a negative number given to an option, not a misspelt one.
      if (name.size() > 1 && (std::isdigit(static_cast<unsigned char>(name[1])) != 0 || name[1] == '.')) continue;
      if (const auto near = closest(name, option_names(*current)); !near.empty())
        return fmt::format("did you mean {}? (mnsim {}--help lists the options)", near,
                           current == &app ? std::string() : current->get_name() + " ");
      continue;
    }
    if (const auto* sub = find_subcommand(*current, word)) {
      current = sub;
      continue;
    }
    if (const auto names = subcommand_names(*current); !names.empty()) {
      const auto near = closest(word, names);
      const auto command = current == &app ? std::string("mnsim") : "mnsim " + current->get_name();
      return near.empty() ? std::string() : fmt::format("did you mean {} {}?", command, near);
    }
  }
  return {};
}

int report_parse_error(const CLI::App& app, const CLI::ParseError& error, int argc, const char* const* argv) {
  const int code = app.exit(error);
  if (code == 0) return 0;
  if (const auto hint = command_line_suggestion(app, argc, argv); !hint.empty())
    fmt::print(stderr, "mnsim: {}\n", hint);
  return static_cast<int>(ExitCode::bad_input);
}

}  // namespace mnsim::app
