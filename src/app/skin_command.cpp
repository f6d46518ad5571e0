#include "app/skin_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/cli_values.hpp"
#include "app/progress.hpp"
#include "app/summary.hpp"
#include "core/rng.hpp"
#include "core/statistics.hpp"
#include "io/csv_writer.hpp"
#include "io/run_directory.hpp"
#include "io/skin_output.hpp"
#include "skin/parameters.hpp"

namespace mnsim::app {

namespace {

nlohmann::json spread(const std::vector<double>& values) {
  return {{"p5", quantile(values, 0.05)}, {"p50", quantile(values, 0.50)}, {"p95", quantile(values, 0.95)}};
}

struct Cohort {
  nlohmann::json summary;
  std::string csv;
};

// Draws n people from the population; person i uses random stream i of the run seed, so the
// cohort is the same whatever the order or thread that draws it.
Cohort sample_cohort(const skin::Population& population, std::uint64_t seed, std::size_t n) {
  std::vector<std::string> header{"person"};
  for (const auto id : skin::all_layers) header.push_back(fmt::format("{}_um", skin::layer_name(id)));
  header.insert(header.end(), {"capillary_loop_apex_depth_um", "superficial_plexus_depth_um"});
  io::CsvWriter csv(header);
  std::vector<double> epidermis, dermis, total, loop_apex;
  ProgressBar progress("sampling", n);
  for (std::size_t i = 0; i < n; ++i) {
    auto rng = make_stream(seed, i);
    const auto person = population.sample(rng);
    std::vector<std::string> row{std::to_string(i)};
    for (const auto& l : person.layers()) row.push_back(io::number_text(l.thickness_um));
    row.push_back(io::number_text(person.vascular().capillary_loop_apex_depth_um));
    row.push_back(io::number_text(person.vascular().superficial_plexus_depth_um));
    csv.row(row);
    epidermis.push_back(person.epidermis_um());
    dermis.push_back(person.dermis_um());
    total.push_back(person.total_um());
    loop_apex.push_back(person.vascular().capillary_loop_apex_depth_um);
    progress.advance();
  }
  return {{{"n", n},
           {"epidermis_um", spread(epidermis)},
           {"dermis_um", spread(dermis)},
           {"total_um", spread(total)},
           {"capillary_loop_apex_depth_um", spread(loop_apex)}},
          csv.str()};
}

}  // namespace

SkinCommand::SkinCommand(CLI::App& app) {
  subcommand_ = app.add_subcommand("skin", "Print the skin layer stack of a site (thicknesses, vessels, spread)");
  subcommand_->add_option("scenario", file_, "Scenario file to take the person and site from (optional)");
  subcommand_->add_option("--site", site_, "Body site, e.g. cheek, forehead, forearm (see --list-sites)");
  subcommand_->add_option("--age", age_y_, "Age in years");
  subcommand_->add_option("--sex", sex_, "female or male");
  subcommand_->add_option("--species", species_, "human, pig or rat");
  subcommand_->add_option("--sample", sample_, "Also draw N people from the population and report the spread")
      ->check(whole_number(1, 10000000));
  subcommand_->add_flag("--list-sites", list_sites_, "List the sites available for each species");
  add_run_options(*subcommand_, options_);
}

int SkinCommand::run(Session& session) {
  const auto& atlas = session.atlas();
  if (list_sites_) {
    for (const auto& species : atlas.species()) {
      std::vector<std::string> described;
      for (const auto& site : atlas.sites(species))
        described.push_back(fmt::format("{} ({})", site, atlas.region_of(species, site)));
      fmt::print("{}: {}\n", species, fmt::join(described, ", "));
    }
    return 0;
  }
  std::vector<std::pair<std::string, std::string>> shortcuts;
  if (!species_.empty()) shortcuts.emplace_back("patient.species=" + species_, "--species");
  if (!site_.empty()) shortcuts.emplace_back("site.name=" + site_, "--site");
  if (!sex_.empty()) shortcuts.emplace_back("patient.sex=" + sex_, "--sex");
  if (age_y_) shortcuts.emplace_back(fmt::format("patient.age_y={}", *age_y_), "--age");
  const auto& registry = session.registry();
  const auto parameters = load_parameters(registry, file_, shortcuts, options_);

  std::unique_ptr<io::RunDirectory> run_dir;
  if (!options_.out_dir.empty()) run_dir = std::make_unique<io::RunDirectory>(options_.out_dir, options_.force);

  const auto population = atlas.population(skin::query_from(parameters));
  const auto model = population.typical();
  auto summary = summary_header("skin", file_, parameters, session);
  summary.update(io::skin_json(model));
  std::string cohort_csv;
  if (sample_ > 0) {
    auto cohort = sample_cohort(population, static_cast<std::uint64_t>(parameters.integer("run.seed")), sample_);
    summary["cohort"] = std::move(cohort.summary);
    cohort_csv = std::move(cohort.csv);
  }

  if (run_dir) {
    run_dir->write("scenario.resolved.toml", resolved_scenario(parameters, session));
    if (parameters.boolean("output.csv")) {
      run_dir->write("skin_layers.csv", io::skin_layers_csv(model));
      if (!cohort_csv.empty()) run_dir->write("skin_cohort.csv", cohort_csv);
    }
    run_dir->write("summary.json", summary.dump(2) + "\n");
    run_dir->commit();
  }

  if (options_.json) {
    fmt::print("{}\n", summary.dump(2));
    return 0;
  }
  fmt::print("{}", io::skin_text(model));
  if (sample_ > 0) {
    const auto& c = summary["cohort"];
    fmt::print("{} people sampled (seed {}): dermis {:.0f} um (5th-95th pct {:.0f}-{:.0f}), loop apex {:.0f} um\n",
               sample_, parameters.integer("run.seed"), c["dermis_um"]["p50"].get<double>(),
               c["dermis_um"]["p5"].get<double>(), c["dermis_um"]["p95"].get<double>(),
               c["capillary_loop_apex_depth_um"]["p50"].get<double>());
  }
  if (run_dir) fmt::print("Run directory: {}\n", run_dir->final_path().string());
  fmt::print("{}\n", medical_note);
  return 0;
}

}  // namespace mnsim::app
