#include "response/comparators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/csv_table.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"

namespace mnsim::response {

namespace {

ProcedureKind kind_of(const std::string& text, const CsvRowContext& where) {
  if (text == "uniform") return ProcedureKind::uniform;
  if (text == "fractional") return ProcedureKind::fractional;
  if (text == "line") return ProcedureKind::line;
  throw DataError(
      fmt::format("{}:{}: kind must be uniform, fractional or line, got \"{}\"", where.file, where.line, text));
}

bool flag_of(const std::string& text, const CsvRowContext& where, const char* column) {
  if (text == "1") return true;
  if (text == "0") return false;
  throw DataError(fmt::format("{}:{}: column {}: expected 0 or 1, got \"{}\"", where.file, where.line, column, text));
}

}  // namespace

ProcedureCatalog ProcedureCatalog::load(const std::filesystem::path& data_dir) {
  ProcedureCatalog catalog;
  const auto file = data_dir / "comparators" / "procedures.csv";
  read_csv_table<12>(
      file,
      {"procedure", "label", "kind", "barrier_open", "seals_vessels", "diameter_um", "depth_um",
       "coagulation_margin_um", "density_per_cm2", "notes", "source", "tag"},
      [&](const auto& f, const CsvRowContext& where) {
        ProcedureSpec s;
        s.name = f[0];
        s.label = f[1];
        s.kind = kind_of(f[2], where);
        s.barrier_open = flag_of(f[3], where, "barrier_open");
        s.seals_vessels = flag_of(f[4], where, "seals_vessels");
        s.diameter_um = csv_optional_number(f[5], where, "diameter_um").value_or(0.0);
        s.depth_um = csv_number(f[6], where, "depth_um");
        s.coagulation_margin_um = csv_number(f[7], where, "coagulation_margin_um");
        s.density_per_cm2 = csv_optional_number(f[8], where, "density_per_cm2").value_or(0.0);
        s.source = f[10];
        if (s.kind != ProcedureKind::uniform && s.diameter_um <= 0.0) {
          throw DataError(fmt::format("{}:{}: {} needs diameter_um", where.file, where.line, s.name));
        }
        if (s.kind == ProcedureKind::fractional && s.density_per_cm2 <= 0.0) {
          throw DataError(fmt::format("{}:{}: {} needs density_per_cm2", where.file, where.line, s.name));
        }
        catalog.procedures_.push_back(std::move(s));
      });
  if (catalog.procedures_.empty()) throw DataError(fmt::format("data table {}: no procedures", file.string()));
  return catalog;
}

std::vector<std::string> ProcedureCatalog::names() const {
  std::vector<std::string> out;
  for (const auto& p : procedures_) out.push_back(p.name);
  return out;
}

const ProcedureSpec& ProcedureCatalog::get(std::string_view name) const {
  const auto it = std::find_if(procedures_.begin(), procedures_.end(), [&](const auto& p) { return p.name == name; });
  if (it != procedures_.end()) return *it;
  const auto known = names();
  std::string closest;
  std::size_t best = 3;  // more edits than this is no longer a misspelling
  for (const auto& k : known) {
    const auto d = edit_distance(name, k);
    if (d < best) {
      best = d;
      closest = k;
    }
  }
  throw InputError({"--with", 0, 0}, std::string(name),
                   fmt::format("unknown comparator procedure; known: {}", fmt::join(known, ", ")),
                   closest.empty() ? std::string{} : fmt::format("did you mean {}?", closest));
}

WoundGeometry comparator_wound(const ProcedureSpec& s, const skin::SkinModel& skin, double area_cm2) {
  WoundGeometry w;
  w.procedure = s.name;
  w.depth_um = s.depth_um + s.coagulation_margin_um;
  // A non-ablative column is coagulated through its whole width.
  w.coagulation_margin_um = s.coagulation_margin_um + (s.barrier_open ? 0.0 : 0.5 * s.diameter_um);
  w.epidermis_open = s.barrier_open;
  w.skin_thickness_um = skin.epidermis_um() + skin.dermis_um();
  const auto& v = skin.vascular();
  const bool reaches_loops = w.depth_um > v.capillary_loop_apex_depth_um;
  const bool reaches_plexus = w.depth_um > v.superficial_plexus_depth_um;
  switch (s.kind) {
    case ProcedureKind::uniform:
    case ProcedureKind::line:
      w.wound_width_um = s.kind == ProcedureKind::line ? s.diameter_um : 1e4 * std::sqrt(area_cm2);
      w.coverage_fraction = 1.0;
      // Every capillary loop under an open mechanical wound bleeds (the dermabrasion endpoint).
      if (!s.seals_vessels && reaches_loops) w.bleeding_points_per_cm2 = 100.0 * v.capillary_loop_density_per_mm2;
      w.plexus_fraction = !s.seals_vessels && reaches_plexus ? 1.0 : 0.0;
      break;
    case ProcedureKind::fractional: {
      w.wound_width_um = s.diameter_um + 2.0 * s.coagulation_margin_um;
      const double zone_cm2 = std::numbers::pi * 0.25 * w.wound_width_um * w.wound_width_um * 1e-8;
      w.wounds_per_cm2 = s.density_per_cm2;
      // Random placement: the covered share saturates as zones overlap.
      w.coverage_fraction = -std::expm1(-s.density_per_cm2 * zone_cm2);
      if (!s.seals_vessels && reaches_loops) {
        const double r = 0.5 * s.diameter_um + 0.5 * v.capillary_diameter_um;
        const double strike = -std::expm1(-v.capillary_loop_density_per_mm2 * 1e-6 * std::numbers::pi * r * r);
        w.bleeding_points_per_cm2 = s.density_per_cm2 * strike;
      }
      w.plexus_fraction = !s.seals_vessels && reaches_plexus ? 1.0 : 0.0;
      break;
    }
  }
  return w;
}

WoundGeometry microneedling_wound(const mechanics::Injury& injury, const skin::SkinModel& skin, double damage_share) {
  const auto& s = injury.summary;
  WoundGeometry w;
  w.procedure = "microneedling";
  const double p = std::clamp(s.confluence.coverage_fraction, 0.0, 0.999999);
  const double merging = p > 1e-9 ? p / ((1.0 - p) * -std::log1p(-p)) : 1.0;
  w.wound_width_um = s.channel_diameter_um_mean * merging;
  w.damage_share = damage_share;
  w.depth_um = s.depth_um.mean;
  w.coverage_fraction = s.confluence.coverage_fraction;
  w.wounds_per_cm2 = s.punctures_per_cm2;
  w.epidermis_open = s.punctures > 0;
  w.skin_thickness_um = skin.epidermis_um() + skin.dermis_um();
  w.bleeding_points_per_cm2 = s.bleeding_fraction * s.punctures_per_cm2;
  w.plexus_fraction = s.plexus_fraction;
  return w;
}

}  // namespace mnsim::response
