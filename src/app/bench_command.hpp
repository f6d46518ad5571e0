#pragma once
#include "app/command.hpp"

namespace mnsim::app {

// mnsim bench <kernel>: times a numerical kernel on a fixed problem and prints `name value` lines
// (the time per step, then diagnostics that check the answer), to compare machines and builds.
class BenchCommand : public Command {
 public:
  explicit BenchCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  struct TransportOptions {
    long long grid = 100;
    long long substrates = 1;
    long long steps = 100;
    int threads = 0;  // set to all available threads when the option is declared
  };

  CLI::App* transport_ = nullptr;
  TransportOptions transport_options_;
};

}  // namespace mnsim::app
