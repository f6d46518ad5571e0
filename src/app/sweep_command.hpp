#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/command.hpp"
#include "app/run_options.hpp"

namespace mnsim::app {

// The most points --max-points may allow: every point's scenario is read and held before the
// first runs, and each point writes its own directory.
inline constexpr std::int64_t max_sweep_points = 100000;

// mnsim sweep SCENARIO --vary KEY=VALUES...: runs the scenario once per combination of the varied
// keys' values (the same seed for every point) and tabulates chosen summary.json entries.
class SweepCommand : public Command {
 public:
  explicit SweepCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string file_;
  std::vector<std::string> vary_;
  std::vector<std::string> keys_;
  std::size_t max_points_ = 200;
  RunOptions options_;
};

}  // namespace mnsim::app
