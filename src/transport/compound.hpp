#pragma once
// Compounds whose transport is simulated: the shipped library (data/compounds/compounds.csv,
// one cited row per compound) and the compound each [[product]] of a scenario resolves to.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/parameter_set.hpp"

namespace mnsim::transport {

// What the body does with the compound once it is in the blood, per kg of body weight, as one
// well-mixed compartment (data/compounds/pharmacokinetics.csv, or the scenario's values): its
// volume and clearance with their published ranges, and the plasma concentration above which
// toxicity becomes likely, where one is known.
struct Disposition {
  double volume_l_per_kg = 0.0, volume_low_l_per_kg = 0.0, volume_high_l_per_kg = 0.0;
  double clearance_ml_per_min_per_kg = 0.0, clearance_low_ml_per_min_per_kg = 0.0,
         clearance_high_ml_per_min_per_kg = 0.0;
  std::optional<double> toxic_ug_per_ml;
  std::string toxic_effect, source;
};

struct Compound {
  std::string name;
  double mw_g_per_mol = 0.0;
  // Neutral species; absent for salts, polyions and peptides without a measured value.
  std::optional<double> log_kow;
  std::optional<double> pka_acid;  // lowest acidic pKa
  std::optional<double> pka_base;  // pKa of the conjugate acid of the most basic group
  // N and O atoms bearing a hydrogen (PubChem's Hydrogen Bond Donor Count); absent: taken as none
  // by the fitted lipid route, which slows H-bonding compounds (transport.sc_lipid_donor_slope).
  std::optional<double> h_bond_donors;
  // Mean net charge; absent where the table leaves it open (unread pKa, polydisperse polymer).
  std::optional<double> charge_at_ph7_4;
  // In water near room temperature; caps how far an evaporating film can concentrate it.
  std::optional<double> water_solubility_mg_per_l;
  // A measured permeability of intact stratum corneum for this product (scenario only: it belongs
  // to a formulation on a skin, not to the molecule); replaces the QSAR and polar pathway.
  std::optional<double> intact_kp_cm_per_h;
  // pH of the product the compound is applied in (scenario only, like the measured Kp): sets the
  // un-ionised share that enters the stratum corneum lipids.
  double vehicle_ph = 7.4;
  std::optional<Disposition> disposition;  // none: no plasma concentration is computed
  std::string source;
};

class CompoundLibrary {
 public:
  // Reads <data_dir>/compounds/compounds.csv and the dispositions of
  // <data_dir>/compounds/pharmacokinetics.csv; throws DataError on a malformed table or a
  // disposition of a compound the library does not have.
  static CompoundLibrary load(const std::filesystem::path& data_dir);

  [[nodiscard]] const Compound* find(std::string_view name) const;  // nullptr when unknown
  [[nodiscard]] std::vector<std::string> names() const;             // in table order

 private:
  std::vector<Compound> compounds_;
};

// The compound of product[product_index]: the library entry named by product[i].compound, with
// product[i].mw_g_per_mol, log_kow, pka_acid and pka_base replacing its values when given,
// product[i].intact_kp_cm_per_h when the intact permeability was measured, the product's pH
// (product[i].ph), and product[i].volume_l_per_kg and clearance_ml_per_min_per_kg replacing the
// disposition's values (both are needed for a compound without one; a value set by hand has no
// range). An unknown name is a user-defined compound and needs at least mw_g_per_mol;
// otherwise throws InputError naming product[i].compound, listing the library and suggesting the
// closest name.
Compound compound_for_product(const ParameterSet& parameters, std::size_t product_index,
                              const CompoundLibrary& library);

}  // namespace mnsim::transport
