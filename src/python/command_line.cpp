#include "python/command_line.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "app/fit_command.hpp"
#include "app/session.hpp"
#include "app/sweep_command.hpp"
#include "core/data_dir.hpp"
#include "core/error.hpp"

namespace mnsim::python {

namespace {

// Standard output sent to /dev/null while it lives: the commands print their human table there,
// which would interleave with the Python program's own output. The GIL stays held meanwhile, so
// no Python thread writes to it in between.
class QuietStdout {
 public:
  QuietStdout() : saved_(::dup(STDOUT_FILENO)) {
    std::fflush(stdout);
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved_ >= 0 && null >= 0) ::dup2(null, STDOUT_FILENO);
    if (null >= 0) ::close(null);
  }
  ~QuietStdout() {
    std::fflush(stdout);
    if (saved_ < 0) return;
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
  }
  QuietStdout(const QuietStdout&) = delete;
  QuietStdout& operator=(const QuietStdout&) = delete;

 private:
  int saved_;
};

}  // namespace

void run_command(const std::vector<std::string>& arguments) {
  CLI::App cli{"mnsim", "mnsim"};
  cli.require_subcommand(1);
  std::vector<std::unique_ptr<app::Command>> commands;
  commands.push_back(std::make_unique<app::SweepCommand>(cli));
  commands.push_back(std::make_unique<app::FitCommand>(cli));
  std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());  // CLI11 takes them last first
  try {
    cli.parse(reversed);
  } catch (const CLI::ParseError& e) {
    throw InputError({}, "", e.what());
  }
  app::Session session(data_dir());
  const QuietStdout quiet;
  for (auto& command : commands) {
    if (!command->selected()) continue;
    if (const int code = command->run(session); code != 0)
      throw std::runtime_error("mnsim " + arguments.front() + " ended with exit code " + std::to_string(code));
    return;
  }
}

}  // namespace mnsim::python
