#include "skin/atlas.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/csv_table.hpp"
#include "core/error.hpp"

namespace mnsim::skin {

namespace {

LayerId parse_layer(const std::string& name, const CsvRowContext& where) {
  if (const auto id = layer_from_name(name)) return *id;
  throw DataError(fmt::format("{}:{}: unknown layer \"{}\"", where.file, where.line, name));
}

template <std::size_t N>
Quantity parse_quantity(const std::array<std::string, N>& f, std::size_t first, const CsvRowContext& where) {
  Quantity q;
  q.value = csv_number(f[first], where, "value");
  q.low = f[first + 1].empty() ? q.value : csv_number(f[first + 1], where, "low");
  q.high = f[first + 2].empty() ? q.value : csv_number(f[first + 2], where, "high");
  q.unit = f[first + 3];
  q.source = f[first + 4];
  return q;
}

// Log-normal parameters with the given mean and SD: thicknesses are positive and right-skewed.
struct LogNormal {
  double mu = 0.0;
  double sigma = 0.0;
};
LogNormal lognormal_from(double mean, double sd) {
  const double sigma2 = std::log1p((sd / mean) * (sd / mean));
  return {std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2)};
}
constexpr double z95 = 1.6448536269514722;  // standard normal 95th percentile

// Relative thickness change g(a) = 1 + pct/100 * (a - from)/10 after `from`; never below 30 %,
// because a linear trend extrapolated to extreme ages would otherwise reach zero thickness.
double trend_level(double age, double pct_per_decade, double from_age) {
  const double decades = (std::max(age, from_age) - from_age) / 10.0;
  return std::max(0.3, 1.0 + pct_per_decade / 100.0 * decades);
}

}  // namespace

Atlas Atlas::load(const std::filesystem::path& data_dir) {
  Atlas atlas;
  const auto dir = data_dir / "skin";

  read_csv_table<4>(dir / "sites.csv", {"species", "site", "region", "description"},
                    [&](const auto& f, const CsvRowContext&) {
                      atlas.regions_[{f[0], f[1]}] = f[2];
                    });

  read_csv_table<9>(dir / "layers.csv",
                    {"species", "site", "sex", "layer", "thickness_um", "sd_um", "reference_age_y", "source", "tag"},
                    [&](const auto& f, const CsvRowContext& where) {
                      LayerRow row;
                      row.mean_um = csv_number(f[4], where, "thickness_um");
                      row.sd_um = csv_number(f[5], where, "sd_um");
                      row.reference_age_y = f[6].empty() ? 0.0 : csv_number(f[6], where, "reference_age_y");
                      row.source = f[7];
                      if (row.mean_um <= 0.0 || row.sd_um < 0.0)
                        throw DataError(fmt::format("{}:{}: thickness must be positive", where.file, where.line));
                      if (!atlas.regions_.contains({f[0], f[1]}))
                        throw DataError(fmt::format("{}:{}: site {} ({}) is not listed in sites.csv", where.file,
                                                    where.line, f[1], f[0]));
                      atlas.layers_[{f[0], f[1], f[2], parse_layer(f[3], where)}] = std::move(row);
                    });

  read_csv_table<8>(dir / "age_trends.csv",
                    {"species", "site", "sex", "layer", "pct_per_decade", "from_age_y", "source", "tag"},
                    [&](const auto& f, const CsvRowContext& where) {
                      atlas.trends_.push_back({f[0], f[1], f[2], f[3], csv_number(f[4], where, "pct_per_decade"),
                                               csv_number(f[5], where, "from_age_y"), f[6]});
                    });

  read_csv_table<9>(dir / "vascular.csv",
                    {"species", "site", "quantity", "value", "low", "high", "unit", "source", "tag"},
                    [&](const auto& f, const CsvRowContext& where) {
                      atlas.vascular_.push_back({f[0], f[1], f[2], parse_quantity(f, 3, where)});
                    });

  read_csv_table<9>(dir / "layer_properties.csv",
                    {"species", "layer", "property", "value", "low", "high", "unit", "source", "tag"},
                    [&](const auto& f, const CsvRowContext& where) {
                      atlas.properties_.push_back({f[0], f[1], f[2], parse_quantity(f, 3, where)});
                    });

  read_csv_table<10>(dir / "site_properties.csv",
                     {"species", "site", "layer", "property", "value", "low", "high", "unit", "source", "tag"},
                     [&](const auto& f, const CsvRowContext& where) {
                       if (!atlas.regions_.contains({f[0], f[1]}))
                         throw DataError(fmt::format("{}:{}: site {} ({}) is not listed in sites.csv", where.file,
                                                     where.line, f[1], f[0]));
                       parse_layer(f[2], where);
                       atlas.site_properties_.push_back({f[1], {f[0], f[2], f[3], parse_quantity(f, 4, where)}});
                     });

  // Every site must have a complete stack, or later lookups would fail mid-run.
  std::set<std::tuple<std::string, std::string, std::string>> stacks;
  for (const auto& [key, row] : atlas.layers_) stacks.insert({std::get<0>(key), std::get<1>(key), std::get<2>(key)});
  for (const auto& [species, site, sex] : stacks) {
    for (const auto id : all_layers) {
      if (!atlas.layers_.contains({species, site, sex, id}))
        throw DataError(fmt::format("{}: {} {} ({}) has no {} row", (dir / "layers.csv").string(), species, site, sex,
                                    layer_name(id)));
    }
  }
  return atlas;
}

std::vector<std::string> Atlas::species() const {
  std::vector<std::string> out;
  for (const auto& [key, row] : layers_) {
    if (std::find(out.begin(), out.end(), std::get<0>(key)) == out.end()) out.push_back(std::get<0>(key));
  }
  return out;
}

std::vector<std::string> Atlas::sites(const std::string& species) const {
  std::vector<std::string> out;
  for (const auto& [key, row] : layers_) {
    if (std::get<0>(key) == species && std::find(out.begin(), out.end(), std::get<1>(key)) == out.end())
      out.push_back(std::get<1>(key));
  }
  return out;
}

std::vector<std::string> Atlas::all_sites() const {
  std::vector<std::string> out;
  for (const auto& s : species()) {
    for (const auto& site : sites(s)) {
      if (std::find(out.begin(), out.end(), site) == out.end()) out.push_back(site);
    }
  }
  return out;
}

std::string Atlas::region_of(const std::string& species, const std::string& site) const {
  const auto it = regions_.find({species, site});
  return it == regions_.end() ? std::string{} : it->second;
}

void Atlas::check_site(const SkinQuery& query) const {
  const auto available = sites(query.species);
  if (available.empty()) {
    throw InputError({}, "patient.species", fmt::format("no skin data for species \"{}\"", query.species),
                     fmt::format("available: {}", fmt::join(species(), ", ")));
  }
  if (std::find(available.begin(), available.end(), query.site) == available.end()) {
    throw InputError({}, "site.name",
                     fmt::format("site \"{}\" has no {} skin data; {} sites: {}", query.site, query.species,
                                 query.species, fmt::join(available, ", ")));
  }
}

const Atlas::LayerRow& Atlas::layer_row(const SkinQuery& query, LayerId id) const {
  // Humans have rows per sex; animal rows are pooled ("any").
  if (const auto it = layers_.find({query.species, query.site, query.sex, id}); it != layers_.end()) return it->second;
  if (const auto it = layers_.find({query.species, query.site, "any", id}); it != layers_.end()) return it->second;
  throw InputError({}, "patient.sex",
                   fmt::format("no {} {} data for sex \"{}\"", query.species, query.site, query.sex));
}

double Atlas::age_factor(const SkinQuery& query, LayerId id, double reference_age_y) const {
  if (reference_age_y <= 0.0) return 1.0;  // rows without an age (animals) have no trend
  const std::string region = region_of(query.species, query.site);
  // The most specific row wins: exact site over region, exact sex over "any", layer over group.
  const TrendRow* best = nullptr;
  int best_score = -1;
  for (const auto& t : trends_) {
    if (t.species != query.species || !layer_in_group(id, t.layer)) continue;
    const bool site_exact = t.site == query.site;
    if (!site_exact && t.site != region) continue;
    const bool sex_exact = t.sex == query.sex;
    if (!sex_exact && t.sex != "any") continue;
    const int score = (site_exact ? 4 : 0) + (sex_exact ? 2 : 0) + (t.layer == layer_name(id) ? 1 : 0);
    if (score > best_score) {
      best_score = score;
      best = &t;
    }
  }
  if (best == nullptr) return 1.0;
  return trend_level(query.age_y, best->pct_per_decade, best->from_age_y) /
         trend_level(reference_age_y, best->pct_per_decade, best->from_age_y);
}

PropertyMap Atlas::properties_for(const std::string& species, const std::string& site, LayerId id) const {
  PropertyMap out;
  // Human values stand in for a property the animal tables lack; species-specific rows win.
  for (const std::string& s : {std::string("human"), species}) {
    for (const auto& p : properties_) {
      if (p.species == s && p.layer == layer_name(id)) out[p.property] = p.quantity_value;
    }
  }
  // A site's own value wins over the species' (never borrowed from another species).
  for (const auto& [row_site, p] : site_properties_) {
    if (p.species == species && row_site == site && p.layer == layer_name(id)) out[p.property] = p.quantity_value;
  }
  return out;
}

const Quantity& Atlas::vascular_quantity(const SkinQuery& query, const std::string& quantity) const {
  // Most specific first: this species and site, this species anywhere, then human.
  for (const auto& [species, site] :
       {std::pair{query.species, query.site}, std::pair{query.species, std::string("any")},
        std::pair{std::string("human"), query.site}, std::pair{std::string("human"), std::string("any")}}) {
    for (const auto& v : vascular_) {
      if (v.species == species && v.site == site && v.quantity == quantity) return v.quantity_value;
    }
  }
  throw DataError(fmt::format("data/skin/vascular.csv: no value for {}", quantity));
}

Population Atlas::population(const SkinQuery& query) const {
  check_site(query);
  Population p;
  p.subject_ = {query.species, query.site, query.sex, query.age_y};
  for (std::size_t i = 0; i < all_layers.size(); ++i) {
    const auto id = all_layers[i];
    const auto& row = layer_row(query, id);
    const double factor = age_factor(query, id, row.reference_age_y);
    auto& stats = p.layers_[i];
    stats.mean_um = row.mean_um * factor;
    stats.sd_um = row.sd_um * factor;
    const auto ln = lognormal_from(stats.mean_um, std::max(stats.sd_um, 1e-9 * stats.mean_um));
    stats.log_mu = ln.mu;
    stats.log_sigma = ln.sigma;
    stats.source = row.source;
    stats.properties = std::make_shared<const PropertyMap>(properties_for(query.species, query.site, id));
    if (const auto it = query.thickness_override_um.find(id); it != query.thickness_override_um.end()) {
      stats.measured_um = it->second;
    }
  }
  p.vascular_ = {vascular_quantity(query, "capillary_loop_apex_below_dej_um"),
                 vascular_quantity(query, "superficial_plexus_depth_um"),
                 vascular_quantity(query, "capillary_loop_density_per_mm2"),
                 vascular_quantity(query, "capillary_diameter_um"),
                 vascular_quantity(query, "plexus_vessel_diameter_um")};
  return p;
}

SkinModel Population::build(const std::array<double, 5>& thickness_um) const {
  std::vector<Layer> layers;
  layers.reserve(all_layers.size());
  double top_um = 0.0;
  for (std::size_t i = 0; i < all_layers.size(); ++i) {
    const auto& stats = layers_[i];
    Layer layer;
    layer.id = all_layers[i];
    layer.top_um = top_um;
    layer.thickness_um = thickness_um[i];
    top_um += layer.thickness_um;
    layer.properties = stats.properties;
    if (stats.measured_um) {
      layer.thickness_sd_um = 0.0;  // a measured value has no population spread
      layer.thickness_p5_um = layer.thickness_p95_um = *stats.measured_um;
      layer.source = "user measurement (scenario override)";
    } else {
      layer.thickness_sd_um = stats.sd_um;
      layer.thickness_p5_um = std::exp(stats.log_mu - z95 * stats.log_sigma);
      layer.thickness_p95_um = std::exp(stats.log_mu + z95 * stats.log_sigma);
      layer.source = stats.source;
    }
    layers.push_back(std::move(layer));
  }

  const double dej_um = layers[0].thickness_um + layers[1].thickness_um;
  const double dermis_bottom_um = layers[3].bottom_um();
  Vascular v;
  v.capillary_loop_apex_depth_um = dej_um + vascular_.loop_apex_below_dej_um.value;
  // The plexus lies under the papillae; in thin skin the table depth can exceed the dermis.
  v.superficial_plexus_depth_um =
      std::clamp(vascular_.plexus_depth_um.value, v.capillary_loop_apex_depth_um, dermis_bottom_um);
  v.deep_plexus_depth_um = dermis_bottom_um;
  v.capillary_loop_density_per_mm2 = vascular_.loop_density_per_mm2.value;
  v.capillary_diameter_um = vascular_.capillary_diameter_um.value;
  v.plexus_vessel_diameter_um = vascular_.plexus_vessel_diameter_um.value;
  for (const auto* q : {&vascular_.loop_apex_below_dej_um, &vascular_.plexus_depth_um, &vascular_.loop_density_per_mm2,
                        &vascular_.capillary_diameter_um, &vascular_.plexus_vessel_diameter_um}) {
    if (std::find(v.sources.begin(), v.sources.end(), q->source) == v.sources.end()) v.sources.push_back(q->source);
  }
  return SkinModel(subject_, std::move(layers), std::move(v));
}

SkinModel Population::typical() const {
  std::array<double, 5> thickness{};
  for (std::size_t i = 0; i < layers_.size(); ++i) thickness[i] = layers_[i].measured_um.value_or(layers_[i].mean_um);
  return build(thickness);
}

SkinModel Population::sample(Rng& rng) const {
  std::array<double, 5> thickness{};
  std::normal_distribution<double> normal(0.0, 1.0);
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    // Draw every layer even when overridden, so one override does not shift the other draws.
    const double drawn = std::exp(layers_[i].log_mu + layers_[i].log_sigma * normal(rng));
    thickness[i] = layers_[i].measured_um.value_or(drawn);
  }
  return build(thickness);
}

}  // namespace mnsim::skin
