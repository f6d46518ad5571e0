#pragma once
#include "app/command.hpp"

namespace mnsim::app {

// mnsim devices: the device catalog (data/devices/catalog.csv), with the source of each row.
class DevicesCommand : public Command {
 public:
  explicit DevicesCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  std::string type_;
  bool json_ = false;
};

}  // namespace mnsim::app
