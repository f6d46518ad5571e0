#include "app/compounds_command.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/listing.hpp"
#include "transport/compound.hpp"

namespace mnsim::app {

namespace {

nlohmann::json disposition_json(const transport::Disposition& d) {
  nlohmann::json j = {
      {"volume_l_per_kg", d.volume_l_per_kg},
      {"volume_range_l_per_kg", {d.volume_low_l_per_kg, d.volume_high_l_per_kg}},
      {"clearance_ml_per_min_per_kg", d.clearance_ml_per_min_per_kg},
      {"clearance_range_ml_per_min_per_kg", {d.clearance_low_ml_per_min_per_kg, d.clearance_high_ml_per_min_per_kg}},
      {"toxic_ug_per_ml", as_json(d.toxic_ug_per_ml)},
      {"source", d.source}};
  return j;
}

}  // namespace

CompoundsCommand::CompoundsCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand("compounds", "List the compound library (use a name as product[].compound)");
  subcommand_->add_flag("--json", json_, "Print the library as JSON, with sources");
}

int CompoundsCommand::run(Session& session) {
  const auto& library = session.compounds();
  nlohmann::json all = nlohmann::json::array();
  if (!json_)
    fmt::print("{:<34} {:>8} {:>8} {:>9} {:>9} {:>8} {:>5} {:>14} {:>7}\n", "name", "MW", "log Kow", "pKa acid",
               "pKa base", "charge", "HBD", "water mg/mL", "plasma");
  for (const auto& name : library.names()) {
    const auto& c = *library.find(name);
    std::optional<double> solubility_mg_per_ml;
    if (c.water_solubility_mg_per_l) solubility_mg_per_ml = *c.water_solubility_mg_per_l * 1e-3;
    if (json_) {
      all.push_back({{"name", c.name},
                     {"mw_g_per_mol", c.mw_g_per_mol},
                     {"log_kow", as_json(c.log_kow)},
                     {"pka_acid", as_json(c.pka_acid)},
                     {"pka_base", as_json(c.pka_base)},
                     {"charge_at_ph7_4", as_json(c.charge_at_ph7_4)},
                     {"h_bond_donors", as_json(c.h_bond_donors)},
                     {"water_solubility_mg_per_ml", as_json(solubility_mg_per_ml)},
                     {"disposition", c.disposition ? disposition_json(*c.disposition) : nlohmann::json(nullptr)},
                     {"source", c.source}});
      continue;
    }
    fmt::print("{:<34} {:>8g} {:>8} {:>9} {:>9} {:>8} {:>5} {:>14} {:>7}\n", c.name, c.mw_g_per_mol, shown(c.log_kow),
               shown(c.pka_acid), shown(c.pka_base), shown(c.charge_at_ph7_4), shown(c.h_bond_donors),
               shown(solubility_mg_per_ml), c.disposition ? "yes" : "-");
  }
  if (json_)
    fmt::print("{}\n", all.dump(2));
  else
    fmt::print(
        "A dash is unknown. HBD: hydrogen-bond donors. 'plasma': a disposition is known, so in vivo runs give the "
        "plasma concentration.\n"
        "Other names are user-defined with product[].mw_g_per_mol (and log_kow, pka_acid, pka_base, h_bond_donors). "
        "Sources: "
        "mnsim compounds --json\n");
  return 0;
}

}  // namespace mnsim::app
