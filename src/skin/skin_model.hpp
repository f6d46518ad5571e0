#pragma once
// SkinModel: one layered skin (a typical person of a population, or one sampled person) with
// the vascular depths and per-layer material properties the later modules need.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "skin/layer.hpp"

namespace mnsim::skin {

// A cited number with its plausible range.
struct Quantity {
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
  std::string unit;
  std::string source;
};

using PropertyMap = std::map<std::string, Quantity, std::less<>>;

struct Layer {
  LayerId id = LayerId::stratum_corneum;
  double top_um = 0.0;  // depth of the upper boundary below the skin surface
  double thickness_um = 0.0;
  double thickness_sd_um = 0.0;  // between-person SD in the population at this site, sex and age
  double thickness_p5_um = 0.0;  // population 5th and 95th percentiles (log-normal)
  double thickness_p95_um = 0.0;
  std::string source;  // citation of the thickness
  // Mechanical and transport properties by name; shared by every person of a population.
  std::shared_ptr<const PropertyMap> properties = std::make_shared<const PropertyMap>();

  [[nodiscard]] double bottom_um() const { return top_um + thickness_um; }
};

struct Vascular {
  double capillary_loop_apex_depth_um = 0.0;  // below the skin surface
  double superficial_plexus_depth_um = 0.0;   // below the skin surface
  double deep_plexus_depth_um = 0.0;          // dermis-hypodermis junction
  double capillary_loop_density_per_mm2 = 0.0;
  double capillary_diameter_um = 0.0;
  double plexus_vessel_diameter_um = 0.0;
  std::vector<std::string> sources;
};

struct Subject {
  std::string species;
  std::string site;
  std::string sex;  // "female", "male"; "any" for animals
  double age_y = 0.0;
};

class SkinModel {
 public:
  SkinModel(Subject subject, std::vector<Layer> layers, Vascular vascular);

  [[nodiscard]] const Subject& subject() const { return subject_; }
  [[nodiscard]] const std::vector<Layer>& layers() const { return layers_; }
  [[nodiscard]] const Layer& layer(LayerId id) const;
  [[nodiscard]] const Vascular& vascular() const { return vascular_; }

  [[nodiscard]] double epidermis_um() const;  // stratum corneum + viable epidermis
  [[nodiscard]] double dermis_um() const;     // papillary + reticular dermis
  [[nodiscard]] double total_um() const;      // all five layers
  // Layer containing a depth below the surface; depths beyond the stack are hypodermis.
  [[nodiscard]] LayerId layer_at(double depth_um) const;

 private:
  Subject subject_;
  std::vector<Layer> layers_;
  Vascular vascular_;
};

}  // namespace mnsim::skin
