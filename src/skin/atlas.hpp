#pragma once
// The anatomy atlas: layer thicknesses by species, site and sex with between-person spread,
// age trends, vascular depths and layer properties, loaded from the cited tables in data/skin/.
#include <array>
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

// One population (species, site, sex, age) resolved from the atlas tables once, so that drawing
// many people from it costs only the random draws.
class Population {
 public:
  // The typical member: mean layer thicknesses with their SDs and percentiles.
  [[nodiscard]] SkinModel typical() const;
  // One person: independent log-normal layer thicknesses.
  [[nodiscard]] SkinModel sample(Rng& rng) const;

 private:
  friend class Atlas;
  struct LayerStats {
    double mean_um = 0.0;
    double sd_um = 0.0;
    double log_mu = 0.0;  // log-normal parameters with that mean and SD
    double log_sigma = 0.0;
    std::optional<double> measured_um;  // user override: no spread
    std::string source;
    std::shared_ptr<const PropertyMap> properties;
  };
  struct VascularInputs {
    Quantity loop_apex_below_dej_um, plexus_depth_um, loop_density_per_mm2, capillary_diameter_um,
        plexus_vessel_diameter_um;
  };
  [[nodiscard]] SkinModel build(const std::array<double, 5>& thickness_um) const;

  Subject subject_;
  std::array<LayerStats, 5> layers_;
  VascularInputs vascular_;
};

class Atlas {
 public:
  // Loads data/skin/*.csv; throws DataError naming the file and line of a malformed row.
  static Atlas load(const std::filesystem::path& data_dir);

  [[nodiscard]] std::vector<std::string> species() const;
  [[nodiscard]] std::vector<std::string> sites(const std::string& species) const;
  [[nodiscard]] std::vector<std::string> all_sites() const;
  [[nodiscard]] std::string region_of(const std::string& species, const std::string& site) const;

  // Throws InputError for a site or species the atlas does not have.
  [[nodiscard]] Population population(const SkinQuery& query) const;
  [[nodiscard]] SkinModel typical(const SkinQuery& query) const { return population(query).typical(); }
  [[nodiscard]] SkinModel sample(const SkinQuery& query, Rng& rng) const { return population(query).sample(rng); }

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
  [[nodiscard]] const Quantity& vascular_quantity(const SkinQuery& query, const std::string& quantity) const;
  // The species' properties of a layer, with those of the site (site_properties.csv) over them.
  [[nodiscard]] PropertyMap properties_for(const std::string& species, const std::string& site, LayerId id) const;
  void check_site(const SkinQuery& query) const;

  std::map<LayerKey, LayerRow> layers_;
  std::vector<TrendRow> trends_;
  std::vector<VascularRow> vascular_;
  std::vector<PropertyRow> properties_;
  std::vector<std::pair<std::string, PropertyRow>> site_properties_;    // (site, row)
  std::map<std::pair<std::string, std::string>, std::string> regions_;  // (species, site) -> region
};

}  // namespace mnsim::skin
