#include "transport/compound.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/csv_table.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"

namespace mnsim::transport {

namespace {

// A misspelt name (edit distance as for registry keys) or a name cut short
// ("hyaluronic_acid_fragment" for "hyaluronic_acid_fragment_5_10kda"); empty when neither fits.
std::string closest_name(std::string_view name, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto& candidate : names) {
    const auto d = edit_distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (!best.empty() || name.empty()) return best;
  const auto prefixed =
      std::find_if(names.begin(), names.end(), [&](const std::string& n) { return n.starts_with(name); });
  return prefixed == names.end() ? std::string{} : *prefixed;
}

}  // namespace

CompoundLibrary CompoundLibrary::load(const std::filesystem::path& data_dir) {
  CompoundLibrary library;
  read_csv_table<11>(
      data_dir / "compounds" / "compounds.csv",
      {"name", "mw_g_per_mol", "log_kow", "pka_acid", "pka_base", "charge_at_ph7_4", "h_bond_donors", "melting_point_c",
       "water_solubility_mg_per_l", "source", "tag"},
      [&](const auto& f, const CsvRowContext& where) {
        Compound c;
        c.name = f[0];
        c.mw_g_per_mol = csv_number(f[1], where, "mw_g_per_mol");
        c.log_kow = csv_optional_number(f[2], where, "log_kow");
        c.pka_acid = csv_optional_number(f[3], where, "pka_acid");
        c.pka_base = csv_optional_number(f[4], where, "pka_base");
        c.charge_at_ph7_4 = csv_optional_number(f[5], where, "charge_at_ph7_4");
        c.h_bond_donors = csv_optional_number(f[6], where, "h_bond_donors");
        c.water_solubility_mg_per_l = csv_optional_number(f[8], where, "water_solubility_mg_per_l");
        c.source = f[9];
        // Every QSAR divides by or takes the root of MW; an uncited row breaks the
        // rule that every literature number carries its source.
        if (c.name.empty() || c.mw_g_per_mol <= 0.0 || c.source.empty())
          throw DataError(
              fmt::format("{}:{}: a compound needs a name, a positive MW and a source", where.file, where.line));
        if (c.h_bond_donors && !(*c.h_bond_donors >= 0.0))
          throw DataError(
              fmt::format("{}:{}: h_bond_donors of {} must be a count from 0", where.file, where.line, c.name));
        if (library.find(c.name) != nullptr)
          throw DataError(fmt::format("{}:{}: compound {} is listed twice", where.file, where.line, c.name));
        library.compounds_.push_back(std::move(c));
      });
  read_csv_table<11>(
      data_dir / "compounds" / "pharmacokinetics.csv",
      {"name", "volume_l_per_kg", "volume_low_l_per_kg", "volume_high_l_per_kg", "clearance_ml_per_min_per_kg",
       "clearance_low_ml_per_min_per_kg", "clearance_high_ml_per_min_per_kg", "toxic_ug_per_ml", "toxic_effect",
       "source", "tag"},
      [&](const auto& f, const CsvRowContext& where) {
        Disposition d;
        d.volume_l_per_kg = csv_number(f[1], where, "volume_l_per_kg");
        d.volume_low_l_per_kg = csv_number(f[2], where, "volume_low_l_per_kg");
        d.volume_high_l_per_kg = csv_number(f[3], where, "volume_high_l_per_kg");
        d.clearance_ml_per_min_per_kg = csv_number(f[4], where, "clearance_ml_per_min_per_kg");
        d.clearance_low_ml_per_min_per_kg = csv_number(f[5], where, "clearance_low_ml_per_min_per_kg");
        d.clearance_high_ml_per_min_per_kg = csv_number(f[6], where, "clearance_high_ml_per_min_per_kg");
        d.toxic_ug_per_ml = csv_optional_number(f[7], where, "toxic_ug_per_ml");
        d.toxic_effect = f[8];
        d.source = f[9];
        const bool ordered = 0.0 < d.volume_low_l_per_kg && d.volume_low_l_per_kg <= d.volume_l_per_kg &&
                             d.volume_l_per_kg <= d.volume_high_l_per_kg && 0.0 < d.clearance_low_ml_per_min_per_kg &&
                             d.clearance_low_ml_per_min_per_kg <= d.clearance_ml_per_min_per_kg &&
                             d.clearance_ml_per_min_per_kg <= d.clearance_high_ml_per_min_per_kg;
        if (!ordered || d.source.empty())
          throw DataError(fmt::format("{}:{}: a disposition needs positive values inside their ranges and a source",
                                      where.file, where.line));
        auto it = std::find_if(library.compounds_.begin(), library.compounds_.end(),
                               [&](const Compound& c) { return c.name == f[0]; });
        if (it == library.compounds_.end())
          throw DataError(fmt::format("{}:{}: {} is not in compounds.csv", where.file, where.line, f[0]));
        it->disposition = std::move(d);
      });
  return library;
}

const Compound* CompoundLibrary::find(std::string_view name) const {
  const auto it = std::find_if(compounds_.begin(), compounds_.end(), [&](const Compound& c) { return c.name == name; });
  return it == compounds_.end() ? nullptr : &*it;
}

std::vector<std::string> CompoundLibrary::names() const {
  std::vector<std::string> out;
  out.reserve(compounds_.size());
  for (const auto& c : compounds_) out.push_back(c.name);
  return out;
}

Compound compound_for_product(const ParameterSet& parameters, std::size_t product_index,
                              const CompoundLibrary& library) {
  const auto key = [&](std::string_view member) { return fmt::format("product[{}].{}", product_index, member); };
  const std::string& name = parameters.text(key("compound"));
  const Compound* known = library.find(name);
  const bool has_mw = parameters.has(key("mw_g_per_mol"));
  const bool has_log_kow = parameters.has(key("log_kow"));

  if (known == nullptr && !has_mw) {
    const auto names = library.names();
    const auto near = closest_name(name, names);
    const auto define =
        fmt::format("set {} (and {}) to define a compound of your own", key("mw_g_per_mol"), key("log_kow"));
    throw InputError(parameters.entry(key("compound")).origin, key("compound"),
                     fmt::format("unknown compound \"{}\"; library compounds: {}", name, fmt::join(names, ", ")),
                     near.empty() ? define : fmt::format("did you mean {}? Or {}", near, define));
  }

  Compound compound = known != nullptr ? *known : Compound{.name = name, .source = "user-defined compound"};
  if (has_mw) {
    compound.mw_g_per_mol = parameters.real(key("mw_g_per_mol"));
    compound.source += fmt::format("; MW from {} (scenario)", key("mw_g_per_mol"));
  }
  if (has_log_kow) {
    compound.log_kow = parameters.real(key("log_kow"));
    compound.source += fmt::format("; log Kow from {} (scenario)", key("log_kow"));
  }
  const auto replace = [&](std::string_view member, std::optional<double>& value) {
    if (!parameters.has(key(member))) return;
    value = parameters.real(key(member));
    compound.source += fmt::format("; {} from {} (scenario)", member, key(member));
  };
  replace("pka_acid", compound.pka_acid);
  replace("pka_base", compound.pka_base);
  replace("h_bond_donors", compound.h_bond_donors);
  replace("intact_kp_cm_per_h", compound.intact_kp_cm_per_h);
  compound.vehicle_ph = parameters.real(key("ph"));

  // A disposition value set by hand replaces the library's, and its range with it.
  const bool has_volume = parameters.has(key("volume_l_per_kg"));
  const bool has_clearance = parameters.has(key("clearance_ml_per_min_per_kg"));
  if (!compound.disposition && has_volume != has_clearance) {
    const auto missing = key(has_volume ? "clearance_ml_per_min_per_kg" : "volume_l_per_kg");
    const auto given = key(has_volume ? "volume_l_per_kg" : "clearance_ml_per_min_per_kg");
    throw InputError(parameters.entry(given).origin, given,
                     fmt::format("{} has no disposition in the library, so a plasma concentration needs both its "
                                 "volume and its clearance",
                                 compound.name),
                     fmt::format("set {} too", missing));
  }
  if (has_volume || has_clearance) {
    auto& d = compound.disposition ? *compound.disposition : compound.disposition.emplace();
    if (has_volume) {
      d.volume_l_per_kg = d.volume_low_l_per_kg = d.volume_high_l_per_kg = parameters.real(key("volume_l_per_kg"));
      d.source += fmt::format("; volume from {} (scenario)", key("volume_l_per_kg"));
    }
    if (has_clearance) {
      d.clearance_ml_per_min_per_kg = d.clearance_low_ml_per_min_per_kg = d.clearance_high_ml_per_min_per_kg =
          parameters.real(key("clearance_ml_per_min_per_kg"));
      d.source += fmt::format("; clearance from {} (scenario)", key("clearance_ml_per_min_per_kg"));
    }
  }
  return compound;
}

}  // namespace mnsim::transport
