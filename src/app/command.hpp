#pragma once
#include <CLI/CLI.hpp>

#include "app/session.hpp"

namespace mnsim::app {

// One `mnsim <command>`: declares its options on construction, runs after parsing.
class Command {
 public:
  virtual ~Command() = default;
  [[nodiscard]] bool selected() const { return subcommand_ != nullptr && subcommand_->parsed(); }
  // Returns the exit code; bad input is reported by throwing InputError.
  virtual int run(Session& session) = 0;

 protected:
  CLI::App* subcommand_ = nullptr;
};

}  // namespace mnsim::app
