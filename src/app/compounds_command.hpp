#pragma once
#include "app/command.hpp"

namespace mnsim::app {

// mnsim compounds: the compound library (data/compounds/compounds.csv and, for the compounds whose
// plasma concentration is computed, pharmacokinetics.csv), with the source of each row. Any name
// there is a valid product[].compound; others are user-defined with product[].mw_g_per_mol.
class CompoundsCommand : public Command {
 public:
  explicit CompoundsCommand(CLI::App& app);
  int run(Session& session) override;

 private:
  bool json_ = false;
};

}  // namespace mnsim::app
