#pragma once
// The anatomy atlas: layer thicknesses by species, site and sex with between-person spread,
// age trends, vascular depths and layer properties, loaded from the cited tables in data/skin/.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/rng.hpp"
#include "skin/skin_model.hpp"

namespace mnsim::skin {

struct SkinQuery {
  std::string species = "human";
  std::string site = "cheek";
  std::string sex = "female";
  double age_y = 35.0;
  // Measured thicknesses (e.g. by ultrasound) that replace the table values, per layer.
  std::map<LayerId, double> thickness_override_um;
};

class Atlas {
 public:
  // Loads data/skin/*.csv; throws DataError naming the file and line of a malformed row.
  static Atlas load(const std::filesystem::path& data_dir);

  [[nodiscard]] std::vector<std::string> species() const;
  [[nodiscard]] std::vector<std::string> sites(const std::string& species) const;
  [[nodiscard]] std::vector<std::string> all_sites() const;
  [[nodiscard]] std::string region_of(const std::string& species, const std::string& site) const;

  // The typical skin of the population (site, sex, age): mean layer thicknesses with their SDs.
  // Throws InputError for a site the atlas does not have for that species.
  [[nodiscard]] SkinModel typical(const SkinQuery& query) const;
  // One person drawn from that population: independent log-normal layer thicknesses.
  [[nodiscard]] SkinModel sample(const SkinQuery& query, Rng& rng) const;

 private:
  struct LayerRow {
    double mean_um = 0.0;
    double sd_um = 0.0;
    double reference_age_y = 0.0;  // 0 when the row has no age (animals)
    std::string source;
  };
  struct TrendRow {
    std::string species, site, sex, layer;
    double pct_per_decade = 0.0;
    double from_age_y = 0.0;
    std::string source;
  };
  struct VascularRow {
    std::string species, site, quantity;
    Quantity quantity_value;
  };
  struct PropertyRow {
    std::string species;
    std::string layer;
    std::string property;
    Quantity quantity_value;
  };
  using LayerKey = std::tuple<std::string, std::string, std::string, LayerId>;  // species, site, sex, layer

  [[nodiscard]] const LayerRow& layer_row(const SkinQuery& query, LayerId id) const;
  [[nodiscard]] double age_factor(const SkinQuery& query, LayerId id, double reference_age_y) const;
  [[nodiscard]] Vascular vascular_for(const SkinQuery& query, const std::vector<Layer>& layers) const;
  [[nodiscard]] std::map<std::string, Quantity, std::less<>> properties_for(const std::string& species,
                                                                            LayerId id) const;
  [[nodiscard]] SkinModel build(const SkinQuery& query, const std::vector<double>& thickness_um) const;
  void check_site(const SkinQuery& query) const;

  std::map<LayerKey, LayerRow> layers_;
  std::vector<TrendRow> trends_;
  std::vector<VascularRow> vascular_;
  std::vector<PropertyRow> properties_;
  std::map<std::pair<std::string, std::string>, std::string> regions_;  // (species, site) -> region
};

}  // namespace mnsim::skin
