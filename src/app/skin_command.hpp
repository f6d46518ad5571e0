#pragma once
#include <optional>

#include "app/command.hpp"
#include "app/run_options.hpp"

namespace mnsim::app {

// mnsim skin: the layer stack of a site for a person (or a sampled cohort of persons).
class SkinCommand : public Command {
 public:
  explicit SkinCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string file_;
  std::string site_;
  std::string sex_;
  std::string species_;
  std::optional<double> age_y_;
  std::size_t sample_ = 0;
  bool list_sites_ = false;
  RunOptions options_;
};

}  // namespace mnsim::app
