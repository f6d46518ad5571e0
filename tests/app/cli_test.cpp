// End-to-end tests of the mnsim command, run as a user runs it: exit codes, messages, run
// directories and the JSON they hold.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "cli_support.hpp"
#include "core/csv_table.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using mnsim::test::mnsim;
using mnsim::test::run_shell;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The big-endian float32 array of a legacy VTK file that follows the line starting with `header`
// ("POINTS n float": 3n values; "name 1 n float": n values).
std::vector<float> big_endian_floats_after(const std::string& vtk, const std::string& header) {
  const auto at = vtk.find(header);
  if (at == std::string::npos) return {};
  std::istringstream line(vtk.substr(at + header.size(), vtk.find('\n', at) - at - header.size()));
  std::size_t count = 0;
  line >> count;
  if (header == "POINTS ") count *= 3;
  std::vector<float> values(count);
  const auto* bytes = reinterpret_cast<const unsigned char*>(vtk.data() + vtk.find('\n', at) + 1);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t word = 0;
    for (int b = 0; b < 4; ++b) word = (word << 8) | bytes[4 * i + static_cast<std::size_t>(b)];
    std::memcpy(&values[i], &word, sizeof word);
  }
  return values;
}

fs::path write_scenario(const fs::path& dir, const std::string& name, const std::string& text) {
  const auto file = dir / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

std::string example() { return (mnsim::test::source_dir() / "examples" / "default.toml").string(); }

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(Cli, VersionAndHelpExitZero) {
  const auto version = mnsim("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output.rfind("mnsim ", 0), 0U) << version.output;
  for (const std::string command : {"", "simulate", "skin", "validate", "params", "devices", "compounds"}) {
    const auto help = mnsim(command + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.output.find("Usage"), std::string::npos) << command << help.output;
  }
}

TEST(Cli, BadArgumentsExitTwo) {
  EXPECT_EQ(mnsim("").exit_code, 2);
  EXPECT_EQ(mnsim("frobnicate").exit_code, 2);
  EXPECT_EQ(mnsim("skin --sample -3").exit_code, 2);
  EXPECT_EQ(mnsim("simulate").exit_code, 2);
}

TEST(Cli, ValidateAcceptsTheExamples) {
  for (const auto& entry : fs::recursive_directory_iterator(mnsim::test::source_dir() / "examples")) {
    if (entry.path().extension() != ".toml") continue;
    const auto r = mnsim("validate '" + entry.path().string() + "'");
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.output;
  }
}

// The mistakes a new user makes: each exits 2 with one clear message naming where it is.
struct Mistake {
  const char* name;
  std::string text;
  const char* expected_location;
  const char* expected_words;
};

TEST(Cli, ScenarioMistakesGiveExitTwoAndOneMessageWithLocation) {
  const auto dir = mnsim::test::scratch_dir("cli-mistakes");
  const std::vector<Mistake> mistakes{
      {"typo.toml", "[patient]\nage_yr = 40\n", "typo.toml:2:1", "did you mean age_y?"},
      {"negative-age.toml", "[patient]\nage_y = -4\n", "negative-age.toml:2:9", "from 0 to 110 y"},
      {"fitzpatrick.toml", "[patient]\nfitzpatrick = 7\n", "fitzpatrick.toml:2:15", "an integer from 1 to 6"},
      {"string.toml", "[patient]\nage_y = \"forty\"\n", "string.toml:2:9", "expected a number"},
      {"empty.toml", "", "empty.toml", "empty"},
      {"binary.toml",
       std::string("\x7f"
                   "ELF\x02\x01\x01\0\0\0",
                   10),
       "binary.toml:1:", "not a text file"},
  };
  for (const auto& m : mistakes) {
    const auto file = write_scenario(dir, m.name, m.text);
    for (const auto& command : std::vector<std::string>{"validate", "simulate -o '" + (dir / "out").string() + "'"}) {
      const auto r = mnsim(command + " '" + file.string() + "'");
      EXPECT_EQ(r.exit_code, 2) << m.name << ": " << r.output;
      EXPECT_EQ(count_lines(r.output), 1U) << m.name << ": " << r.output;
      EXPECT_NE(r.output.find(m.expected_location), std::string::npos) << m.name << ": " << r.output;
      EXPECT_NE(r.output.find(m.expected_words), std::string::npos) << m.name << ": " << r.output;
      EXPECT_FALSE(fs::exists(dir / "out")) << m.name;
    }
  }
  fs::remove_all(dir);
}

TEST(Cli, MissingAndHugeFilesGiveExitTwo) {
  const auto dir = mnsim::test::scratch_dir("cli-files");
  auto r = mnsim("validate '" + (dir / "nope.toml").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("file not found"), std::string::npos) << r.output;
  const auto big = dir / "big.toml";
  {
    std::ofstream out(big);
    for (int i = 0; i < 200000; ++i) out << "# fifty characters of comment, repeated many times\n";
  }
  r = mnsim("validate '" + big.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("at most 1 MB"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

TEST(Cli, SimulateWritesACompleteRunDirectory) {
  const auto dir = mnsim::test::scratch_dir("cli-simulate");
  const auto out = dir / "run";
  const auto r = mnsim("simulate '" + example() + "' -o '" + out.string() + "' --seed 99");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("not medical advice"), std::string::npos);
  for (const auto* name : {"scenario.resolved.toml", "summary.json", "skin_layers.csv", "punctures.csv",
                           "punctures.vtk", "puncture_map.png", "depth_histogram.png",
                           "transport_1_hyaluronic_serum.png", "transport_1_hyaluronic_serum.gp"}) {
    EXPECT_TRUE(fs::exists(out / name)) << name;
  }
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  const auto& figures = summary["figures"];
  EXPECT_NE(std::find(figures.begin(), figures.end(), "transport_1_hyaluronic_serum.png"), figures.end());
  // No disposition for hyaluronic acid: no plasma table and no plasma figure.
  EXPECT_FALSE(fs::exists(out / "transport_1_hyaluronic_serum_plasma.png"));
  EXPECT_EQ(summary["seed"], 99);
  EXPECT_EQ(summary["skin"]["site"], "cheek");
  ASSERT_EQ(summary["skin"]["layers"].size(), 5U);
  EXPECT_EQ(summary["skin"]["layers"][0]["name"], "stratum_corneum");
  // The injury block carries every key the documentation promises, with its unit suffix.
  const auto& injury = summary["injury"];
  for (const auto* key : {"punctures_per_cm2", "bleeding_fraction", "bruising_probability", "coverage_fraction",
                          "max_confluent_width_um", "force_per_needle_N", "injured_volume_mm3_per_cm2"}) {
    EXPECT_TRUE(injury[key].is_number()) << key;
  }
  for (const auto* key : {"depth_um", "channel_depth_um"}) {
    for (const auto* stat : {"mean", "p10", "p50", "p90"}) EXPECT_TRUE(injury[key][stat].is_number()) << key << stat;
  }
  EXPECT_TRUE(injury["channel_diameter_um"]["mean"].is_number());
  double layer_sum = 0.0;
  for (const auto& [layer, fraction] : injury["layer_fraction"].items()) layer_sum += fraction.get<double>();
  EXPECT_NEAR(layer_sum, 1.0, 1e-9);
  // One CSV row per puncture written, plus the header.
  EXPECT_EQ(count_lines(read_text(out / "punctures.csv")), injury["punctures_written"].get<std::size_t>() + 1);
  EXPECT_EQ(read_text(out / "punctures.vtk").rfind("# vtk DataFile Version 3.0", 0), 0U);
  const auto resolved = read_text(out / "scenario.resolved.toml");
  EXPECT_NE(resolved.find("seed = 99"), std::string::npos);
  EXPECT_NE(resolved.find("fidelity = 'reduced'"), std::string::npos) << resolved;

  // The resolved scenario is itself a valid scenario that reproduces the run.
  const auto again =
      mnsim("simulate '" + (out / "scenario.resolved.toml").string() + "' --json -o '" + (dir / "again").string() + "'",
            "2>/dev/null");
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(again.output)["skin"], summary["skin"]);

  // An existing run directory is not overwritten without --force.
  EXPECT_EQ(mnsim("simulate '" + example() + "' -o '" + out.string() + "'").exit_code, 2);
  EXPECT_EQ(mnsim("simulate '" + example() + "' -o '" + out.string() + "' --force").exit_code, 0);
  fs::remove_all(dir);
}

// A scenario that names a catalog device (a roller) leaves device.type at its default; the resolved
// scenario records the model's own type, so reading it back does not contradict the model and the
// run repeats exactly.
TEST(Cli, TheResolvedScenarioOfANamedDeviceRunsAgain) {
  const auto dir = mnsim::test::scratch_dir("cli-resolved-model");
  const auto scenario = mnsim::test::source_dir() / "examples" / "validation" / "franz_pig_roller.toml";
  const auto first =
      mnsim("simulate '" + scenario.string() + "' --json -o '" + (dir / "first").string() + "'", "2>/dev/null");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto resolved = read_text(dir / "first" / "scenario.resolved.toml");
  EXPECT_NE(resolved.find("type = 'roller'"), std::string::npos) << resolved;
  const auto again = mnsim("simulate '" + (dir / "first" / "scenario.resolved.toml").string() + "' --json -o '" +
                               (dir / "again").string() + "'",
                           "2>&1");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(nlohmann::json::parse(again.output)["transport"], nlohmann::json::parse(first.output)["transport"]);
  fs::remove_all(dir);
}

// The response block carries every key the issue and docs/outputs.md promise, as intervals when
// sampling is on, beside the course table and its figures.
TEST(Cli, SimulateWritesTheResponseWithIntervalsAndTheCourse) {
  const auto dir = mnsim::test::scratch_dir("cli-response");
  const auto out = dir / "run";
  const auto r = mnsim("simulate '" + example() + "' -o '" + out.string() + "' --samples 40 --seed 5");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("scar probability"), std::string::npos) << r.output;
  for (const auto* name : {"response_course.csv", "response_course.png", "collagen_course.png"}) {
    EXPECT_TRUE(fs::exists(out / name)) << name;
  }
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  EXPECT_NE(std::find(summary["stages"].begin(), summary["stages"].end(), "response"), summary["stages"].end());
  const auto& response = summary["response"];
  EXPECT_EQ(response["samples"], 40);
  const auto check_interval = [](const nlohmann::json& value, const std::string& key) {
    ASSERT_TRUE(value.is_object()) << key;
    EXPECT_LE(value["p5"].get<double>(), value["median"].get<double>()) << key;
    EXPECT_LE(value["median"].get<double>(), value["p95"].get<double>()) << key;
  };
  for (const auto* key : {"barrier_recovery_h", "channel_closure_half_life_h", "erythema_duration_h",
                          "oedema_duration_h", "reepithelialisation_h", "downtime_d", "scar_probability",
                          "pih_probability", "infection_probability", "bleeding_probability"}) {
    check_interval(response[key], key);
  }
  for (const auto* key : {"collagen_change_pct", "epidermal_thickness_change_pct"}) {
    for (const auto* day : {"30", "90", "180", "365"}) check_interval(response[key][day], std::string(key) + day);
  }
  for (const auto* key : {"scar_probability", "pih_probability", "infection_probability", "bleeding_probability"}) {
    EXPECT_GE(response[key]["p5"].get<double>(), 0.0) << key;
    EXPECT_LE(response[key]["p95"].get<double>(), 1.0) << key;
  }
  // One course row per output time, every state variable named in the header.
  const auto csv = read_text(out / "response_course.csv");
  const auto header = csv.substr(0, csv.find('\n'));
  for (const auto* column : {"time_h", "phagocytes", "myofibroblasts", "collagen1", "erythema", "tewl_excess"}) {
    EXPECT_NE(header.find(column), std::string::npos) << column;
  }
  EXPECT_GT(count_lines(csv), 100U);

  // Without sampling the same keys are plain numbers; a negative sample count is refused.
  const auto point =
      mnsim("simulate '" + example() + "' --json -o '" + (dir / "point").string() + "' --samples 0", "2>/dev/null");
  ASSERT_EQ(point.exit_code, 0);
  EXPECT_TRUE(nlohmann::json::parse(point.output)["response"]["scar_probability"].is_number());
  const auto bad = mnsim("simulate '" + example() + "' -o '" + (dir / "bad").string() + "' --samples -3");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("response.samples"), std::string::npos) << bad.output;
  EXPECT_FALSE(fs::exists(dir / "bad"));
  fs::remove_all(dir);
}

// The transport block of the default example (a hyaluronic serum after pen needling, in vivo):
// the amounts are consistent with each other and with the dose, and the serum that cannot reach
// the blood is found in the skin, more of it with the channels than without.
TEST(Cli, TransportAmountsAreConsistentAndTheSkinHoldsWhatStaysThere) {
  const auto dir = mnsim::test::scratch_dir("cli-transport");
  const auto r = mnsim(
      "simulate '" + example() + "' --json --samples 0 --set output.plots=false -o '" + (dir / "run").string() + "'",
      "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto p = nlohmann::json::parse(r.output)["transport"]["products"][0];
  const double applied = p["applied_dose_ug_per_cm2"].get<double>();
  const double out = p["cumulative_ug_per_cm2"].get<double>(), intact = p["intact_cumulative_ug_per_cm2"].get<double>();
  const double skin = p["skin_ug_per_cm2"].get<double>(), intact_skin = p["intact_skin_ug_per_cm2"].get<double>();
  EXPECT_EQ(p["destination"], "blood");
  EXPECT_NEAR(p["enhancement_ratio"].get<double>(), out / intact, 1e-9 * out / intact);
  EXPECT_LT(p["mass_balance_error"].get<double>(), 1e-6);
  EXPECT_GT(intact_skin, 0.0);
  EXPECT_GT(skin, 2.0 * intact_skin);
  EXPECT_LE(skin + out, applied * (1.0 + 1e-6));
  // The applied dose is accounted for: on the surface, in the skin, or gone to the blood.
  EXPECT_NEAR(p["surface_ug_per_cm2"].get<double>() + skin + out, applied, 1e-6 * applied);
  EXPECT_NEAR(p["intact_surface_ug_per_cm2"].get<double>() + intact_skin + intact, applied, 1e-6 * applied);
  EXPECT_GT(p["window_h"].get<double>(), 0.0);
  const auto csv = read_text(dir / "run" / "transport_1_hyaluronic_serum.csv");
  EXPECT_NE(csv.substr(0, csv.find('\n')).find("skin_ug_per_cm2,intact_skin_ug_per_cm2"), std::string::npos);
  EXPECT_TRUE(p["end_flux_ratio"].is_number());
  // Where the skin holds it: by layer in the summary and by depth cell in the depth table, both
  // adding up to the totals; hyaluronic acid through the channels reaches the dermis.
  for (const auto& [layers_key, total] :
       {std::pair{"skin_layers_ug_per_cm2", skin}, std::pair{"intact_skin_layers_ug_per_cm2", intact_skin}}) {
    double sum = 0.0;
    for (const auto& [layer, held] : p[layers_key].items()) sum += held.get<double>();
    EXPECT_NEAR(sum, total, 1e-9 * total) << layers_key;
  }
  EXPECT_GT(p["skin_layers_ug_per_cm2"]["reticular_dermis"].get<double>(),
            10.0 * p["intact_skin_layers_ug_per_cm2"]["reticular_dermis"].get<double>());
  const auto depth = read_text(dir / "run" / "transport_1_hyaluronic_serum_depth.csv");
  EXPECT_EQ(depth.substr(0, depth.find('\n')),
            "skin,depth_top_um,depth_bottom_um,layer,held_ug_per_cm2,mean_ug_per_cm3");
  double treated_sum = 0.0;
  std::istringstream lines(depth.substr(depth.find('\n') + 1));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("treated,", 0) != 0) continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string v; std::getline(fields, v, ',');) f.push_back(v);
    ASSERT_EQ(f.size(), 6U) << line;
    treated_sum += std::stod(f[4]);
  }
  EXPECT_NEAR(treated_sum, skin, 1e-6 * skin);
  EXPECT_EQ(p["uncertainty"]["samples"], 40);
  EXPECT_LE(p["uncertainty"]["enhancement_ratio"]["p5"].get<double>(),
            p["uncertainty"]["enhancement_ratio"]["p95"].get<double>());
  EXPECT_EQ(p["intact_kp_from"], "fitted");
  const double kp = p["intact_kp_cm_per_h"].get<double>();
  EXPECT_GT(kp, 0.0);

  // A measured intact permeability a hundred times the predicted one: echoed, more through
  // intact skin, so less gained from the channels.
  std::ostringstream set_kp;
  set_kp << std::scientific << std::setprecision(6) << "product[0].intact_kp_cm_per_h=" << 100.0 * kp;
  const auto measured = mnsim("simulate '" + example() + "' --json --samples 0 --set output.plots=false --set " +
                                  set_kp.str() + " -o '" + (dir / "measured").string() + "'",
                              "2>/dev/null");
  ASSERT_EQ(measured.exit_code, 0) << measured.output;
  const auto m = nlohmann::json::parse(measured.output)["transport"]["products"][0];
  EXPECT_EQ(m["intact_kp_from"], "measured");
  EXPECT_NEAR(m["intact_kp_cm_per_h"].get<double>(), 100.0 * kp, 1e-4 * kp);  // 7 digits given
  EXPECT_GT(m["intact_skin_ug_per_cm2"].get<double>(), intact_skin);
  EXPECT_LT(m["enhancement_ratio"].get<double>(), p["enhancement_ratio"].get<double>());
  fs::remove_all(dir);
}

// A resolved transport run with fields on: the concentration in the unit cell at the requested
// times, as an HDF5 + XDMF pair ParaView opens, named in summary.json.
// A serum whose water evaporates: the film dries in minutes (100 um/h at 32 C and 50 % humidity
// indoors), the compound concentrates and more of it enters intact skin; evaporation from an
// infinite dose, and a film that dries whole with no solubility to say what its deposit delivers,
// are refused before any work.
TEST(Cli, AnEvaporatingSerumConcentratesOnTheSkin) {
  const auto dir = mnsim::test::scratch_dir("cli-film");
  const std::string base = "simulate '" + example() + "' --json --samples 0 --set output.plots=false --force -o '" +
                           (dir / "run").string() + "'";
  const auto still = mnsim(base, "2>/dev/null");
  const auto drying = mnsim(base + " --set product[0].volatile_fraction=0.9", "2>/dev/null");
  ASSERT_EQ(still.exit_code, 0) << still.output;
  ASSERT_EQ(drying.exit_code, 0) << drying.output;
  const auto a = nlohmann::json::parse(still.output)["transport"]["products"][0];
  const auto b = nlohmann::json::parse(drying.output)["transport"]["products"][0];
  EXPECT_FALSE(a.contains("film_dry_h"));
  // 2 mg/cm2 is 20 um of film; 18 um of water at 99.6 um/h.
  EXPECT_NEAR(b["film_dry_h"].get<double>(), 18.0 / 99.6, 0.01);
  EXPECT_GT(b["intact_skin_ug_per_cm2"].get<double>(), 2.0 * a["intact_skin_ug_per_cm2"].get<double>());
  EXPECT_LT(b["mass_balance_error"].get<double>(), 1e-6);
  EXPECT_LE(b["skin_ug_per_cm2"].get<double>() + b["cumulative_ug_per_cm2"].get<double>(),
            b["applied_dose_ug_per_cm2"].get<double>() * (1.0 + 1e-6));
  const auto infinite =
      mnsim(base + " --set product[0].volatile_fraction=0.5 --set product[0].dose_type=infinite", "2>&1");
  EXPECT_EQ(infinite.exit_code, 2) << infinite.output;
  EXPECT_NE(infinite.output.find("product[0].volatile_fraction"), std::string::npos) << infinite.output;
  EXPECT_NE(infinite.output.find("infinite dose"), std::string::npos) << infinite.output;
  const auto deposit = mnsim(base + " --set product[0].volatile_fraction=1", "2>&1");
  EXPECT_EQ(deposit.exit_code, 2) << deposit.output;
  EXPECT_NE(deposit.output.find("product[0].saturation_mg_per_ml"), std::string::npos) << deposit.output;
  const auto held =
      mnsim(base + " --set product[0].volatile_fraction=1 --set product[0].saturation_mg_per_ml=50", "2>/dev/null");
  EXPECT_EQ(held.exit_code, 0) << held.output;
  fs::remove_all(dir);
}

// Caffeine dissolves in water to 21.6 mg/mL (2.16 %). An infinite dose of a 30 % suspension
// feeds the skin as its saturated solution does, so it delivers what a 2.16 % solution does, and
// the summary says how much of it is dissolved. A finite dose keeps all of its caffeine on the
// skin (dissolving as the skin takes it up), and every microgram is accounted for. A solubility
// given for the product replaces the library's.
TEST(Cli, AProductWithMoreThanDissolvesDeliversAsItsSaturatedSolution) {
  const auto dir = mnsim::test::scratch_dir("cli-suspension");
  const std::string base = "simulate '" + example() +
                           "' --json --samples 0 --set output.plots=false --force --set "
                           "'product[0].compound=\"caffeine\"' -o '" +
                           (dir / "run").string() + "'";
  const auto run = [&](const std::string& settings) {
    const auto r = mnsim(base + settings, "2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output)["transport"]["products"][0];
  };
  const auto saturated = run(" --set product[0].dose_type=infinite --set product[0].concentration_pct=2.16");
  const auto suspension = run(" --set product[0].dose_type=infinite --set product[0].concentration_pct=30");
  EXPECT_DOUBLE_EQ(saturated["dissolved_fraction"].get<double>(), 1.0);
  EXPECT_NEAR(suspension["dissolved_fraction"].get<double>(), 2.16 / 30.0, 1e-12);
  EXPECT_DOUBLE_EQ(suspension["solubility_mg_per_ml"].get<double>(), 21.6);
  for (const auto* key : {"cumulative_ug_per_cm2", "intact_cumulative_ug_per_cm2", "skin_ug_per_cm2"})
    EXPECT_NEAR(suspension[key].get<double>(), saturated[key].get<double>(), 1e-12 * saturated[key].get<double>())
        << key;

  // Half the film undissolved: 1 mg/cm2, about twice what intact skin passes in 48 h.
  const auto finite = run(" --set product[0].concentration_pct=50");
  const double applied = finite["applied_dose_ug_per_cm2"].get<double>();
  EXPECT_NEAR(applied, 0.50 * 2000.0, 1e-9);  // 50 % of 2 mg/cm2, dissolved or not
  for (const auto& [surface, skin, out] :
       {std::tuple{"surface_ug_per_cm2", "skin_ug_per_cm2", "cumulative_ug_per_cm2"},
        std::tuple{"intact_surface_ug_per_cm2", "intact_skin_ug_per_cm2", "intact_cumulative_ug_per_cm2"}})
    EXPECT_NEAR(finite[surface].get<double>() + finite[skin].get<double>() + finite[out].get<double>(), applied,
                1e-6 * applied)
        << surface;
  // The undissolved caffeine lasts through the 48 h on intact skin: it passes what the
  // saturated infinite dose does.
  EXPECT_NEAR(finite["intact_cumulative_ug_per_cm2"].get<double>(),
              saturated["intact_cumulative_ug_per_cm2"].get<double>(),
              1e-3 * saturated["intact_cumulative_ug_per_cm2"].get<double>());

  const auto own = run(" --set product[0].concentration_pct=1 --set product[0].saturation_mg_per_ml=5");
  EXPECT_DOUBLE_EQ(own["solubility_mg_per_ml"].get<double>(), 5.0);
  EXPECT_DOUBLE_EQ(own["dissolved_fraction"].get<double>(), 0.5);
  const auto text = mnsim("simulate '" + example() +
                              "' --samples 0 --set output.plots=false --force --set "
                              "'product[0].compound=\"caffeine\"' --set product[0].concentration_pct=30 -o '" +
                              (dir / "text").string() + "'",
                          "2>&1");
  EXPECT_NE(text.output.find("a suspension"), std::string::npos) << text.output;
  fs::remove_all(dir);
}

// The skin takes up a compound by its activity, not its concentration (Higuchi 1960): caffeine
// saturated in a glycol that dissolves 100 mg/mL (a 10 % solution) delivers what its saturated
// aqueous solution (21.6 mg/mL) does, through intact and needled skin alike, and a half-saturated
// glycol solution half of it.
TEST(Cli, ASaturatedSolutionDeliversTheSameWhateverItsVehicleDissolves) {
  const auto dir = mnsim::test::scratch_dir("cli-activity");
  const std::string base = "simulate '" + example() +
                           "' --json --samples 0 --set output.plots=false --force --set "
                           "'product[0].compound=\"caffeine\"' --set product[0].dose_type=infinite -o '" +
                           (dir / "run").string() + "'";
  const auto run = [&](const std::string& settings) {
    const auto r = mnsim(base + settings, "2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output)["transport"]["products"][0];
  };
  const auto water = run(" --set product[0].concentration_pct=2.16");
  const auto glycol = run(" --set product[0].concentration_pct=10 --set product[0].saturation_mg_per_ml=100");
  const auto half = run(" --set product[0].concentration_pct=5 --set product[0].saturation_mg_per_ml=100");
  for (const char* key : {"intact_cumulative_ug_per_cm2", "cumulative_ug_per_cm2"}) {
    const double reference = water[key].get<double>();
    ASSERT_GT(reference, 0.0) << key;
    EXPECT_NEAR(glycol[key].get<double>(), reference, 1e-6 * reference) << key;
    EXPECT_NEAR(half[key].get<double>(), 0.5 * reference, 1e-6 * reference) << key;
  }
  fs::remove_all(dir);
}

// Rows of a CSV file as numbers, without its header.
std::vector<std::vector<double>> csv_numbers(const fs::path& file, std::string* header = nullptr) {
  std::istringstream lines(read_text(file));
  std::string line;
  std::getline(lines, line);
  if (header != nullptr) *header = line;
  std::vector<std::vector<double>> rows;
  while (std::getline(lines, line)) {
    auto& row = rows.emplace_back();
    std::istringstream fields(line);
    for (std::string v; std::getline(fields, v, ',');) row.push_back(v.empty() ? 0.0 : std::stod(v));
  }
  return rows;
}

// Caffeine meant to reach 50 ug/mL in the viable epidermis. The layers' mean concentrations over
// time (_layers.csv) times the layers' thicknesses make up what the skin holds at every output
// (the series CSV), treated and intact; the summary's target block agrees with that course: its
// peak is the column's largest value, the channels hold the layer at the target for a while and
// intact skin never reaches it. A target above the peak is never reached, and a layer deeper
// than a thin Franz-cell membrane is refused before any work.
TEST(Cli, ALayersConcentrationCourseAddsUpToTheSkinAndSaysHowLongItHoldsTheTarget) {
  const auto dir = mnsim::test::scratch_dir("cli-layers");
  const std::string base = "simulate '" + example() +
                           "' --json --samples 0 --set output.plots=false --force --set "
                           "'product[0].compound=\"caffeine\"' -o '" +
                           (dir / "run").string() + "'";
  const auto r = mnsim(base + " --set product[0].target_ug_per_ml=50", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto p = nlohmann::json::parse(r.output)["transport"]["products"][0];
  std::string header;
  const auto layers = csv_numbers(dir / "run" / "transport_1_hyaluronic_serum_layers.csv", &header);
  EXPECT_EQ(header,
            "time_h,stratum_corneum_ug_per_cm3,viable_epidermis_ug_per_cm3,papillary_dermis_ug_per_cm3,"
            "reticular_dermis_ug_per_cm3,intact_stratum_corneum_ug_per_cm3,intact_viable_epidermis_ug_per_cm3,"
            "intact_papillary_dermis_ug_per_cm3,intact_reticular_dermis_ug_per_cm3");
  const auto series = csv_numbers(dir / "run" / "transport_1_hyaluronic_serum.csv");
  ASSERT_EQ(layers.size(), series.size());
  // Thickness of each layer in the domain (cm), from the depth cells of the treated skin.
  std::map<std::string, double> thickness_cm;
  std::istringstream depth(read_text(dir / "run" / "transport_1_hyaluronic_serum_depth.csv"));
  std::string line;
  std::getline(depth, line);
  while (std::getline(depth, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string v; std::getline(fields, v, ',');) f.push_back(v);
    if (f[0] == "treated") thickness_cm[f[3]] += (std::stod(f[2]) - std::stod(f[1])) * 1e-4;
  }
  const std::array<std::string, 4> order{"stratum_corneum", "viable_epidermis", "papillary_dermis", "reticular_dermis"};
  double peak = 0.0;
  for (std::size_t k = 0; k < layers.size(); ++k) {
    double treated = 0.0, intact = 0.0;
    for (std::size_t l = 0; l < order.size(); ++l) {
      treated += layers[k][1 + l] * thickness_cm.at(order[l]);
      intact += layers[k][5 + l] * thickness_cm.at(order[l]);
    }
    EXPECT_NEAR(treated, series[k][6], 1e-9 * series[k][6] + 1e-15) << "t = " << layers[k][0] << " h";
    EXPECT_NEAR(intact, series[k][7], 1e-9 * series[k][7] + 1e-15) << "t = " << layers[k][0] << " h";
    peak = std::max(peak, layers[k][2]);
  }
  const auto& target = p["target"];
  EXPECT_EQ(target["layer"], "viable_epidermis");
  EXPECT_DOUBLE_EQ(target["peak_ug_per_ml"].get<double>(), peak);
  EXPECT_DOUBLE_EQ(p["skin_layers_peak_ug_per_cm3"]["viable_epidermis"].get<double>(), peak);
  EXPECT_GT(target["hours_above"].get<double>(), 0.0);
  EXPECT_LT(target["hours_above"].get<double>(), layers.back()[0]);
  EXPECT_LT(target["reached_h"].get<double>(), layers.back()[0]);
  EXPECT_EQ(target["intact_hours_above"].get<double>(), 0.0);
  EXPECT_TRUE(target["intact_reached_h"].is_null());
  // The sampled inputs give the hours a range, which holds the point estimate.
  const auto& hours = target["uncertainty"]["hours_above"];
  EXPECT_LE(hours["p5"].get<double>(), target["hours_above"].get<double>() + 1e-9);
  EXPECT_GE(hours["p95"].get<double>(), target["hours_above"].get<double>() - 1e-9);
  EXPECT_LE(target["uncertainty"]["intact_hours_above"]["p5"].get<double>(),
            target["uncertainty"]["intact_hours_above"]["p95"].get<double>());

  const auto unreachable = nlohmann::json::parse(
      mnsim(base + " --set product[0].target_ug_per_ml=1e5", "2>/dev/null").output)["transport"]["products"][0];
  EXPECT_EQ(unreachable["target"]["hours_above"].get<double>(), 0.0);
  EXPECT_TRUE(unreachable["target"]["reached_h"].is_null());
  const auto deep = mnsim(base +
                              " --set product[0].target_ug_per_ml=50 --set product[0].target_layer=reticular_dermis"
                              " --set experiment.mode=franz_cell --set experiment.membrane_um=100",
                          "2>&1");
  EXPECT_EQ(deep.exit_code, 2) << deep.output;
  EXPECT_NE(deep.output.find("product[0].target_layer"), std::string::npos) << deep.output;
  fs::remove_all(dir);
}

// A 4 % lidocaine cream over both freshly needled cheeks (100 cm2) of a 70 kg person: the plasma
// concentration rises and falls, its peak lies inside the range over lidocaine's published
// disposition and below the toxic threshold, needling raises it above intact skin's, and it
// scales with the area covered (exactly through intact skin; through needled skin to the small
// difference between the Injuries sampled on two areas). The plasma CSV holds the course whose
// highest value is the peak.
// Franz-cell runs and compounds without a disposition have no plasma block.
TEST(Cli, ANumbingCreamOverNeedledCheeksReachesThePlasmaButStaysBelowToxicLevels) {
  const auto dir = mnsim::test::scratch_dir("cli-plasma");
  const std::string base = "simulate '" + example() +
                           "' --json --samples 0 --set output.plots=false --force --set "
                           "'product[0].compound=\"lidocaine\"' --set product[0].concentration_pct=4"
                           " --set experiment.duration_h=8 -o '" +
                           (dir / "run").string() + "'";
  const auto run = [&](const std::string& settings) {
    const auto r = mnsim(base + settings, "2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output)["transport"]["products"][0];
  };
  const auto face = run(" --set protocol.area_cm2=100");
  ASSERT_TRUE(face.contains("plasma")) << face.dump();
  const auto& plasma = face["plasma"];
  const double peak = plasma["peak_ng_per_ml"].get<double>();
  EXPECT_GT(peak, 0.0);
  EXPECT_LT(peak, plasma["toxic_ng_per_ml"].get<double>());
  EXPECT_DOUBLE_EQ(plasma["toxic_ng_per_ml"].get<double>(), 5000.0);
  EXPECT_LE(plasma["peak_range_ng_per_ml"]["low"].get<double>(), peak);
  EXPECT_GE(plasma["peak_range_ng_per_ml"]["high"].get<double>(), peak);
  EXPECT_GT(peak, plasma["intact_peak_ng_per_ml"].get<double>());
  // Sampled transport inputs and disposition give the peak a range.
  const auto& sampled = plasma["uncertainty"]["peak_ng_per_ml"];
  EXPECT_GT(sampled["p5"].get<double>(), 0.0);
  EXPECT_LT(sampled["p5"].get<double>(), sampled["p95"].get<double>());
  // The compound's total of one product, sampled sample by sample, is that product's own range.
  const auto whole = mnsim(base + " --set protocol.area_cm2=100", "2>/dev/null");
  const auto whole_total = nlohmann::json::parse(whole.output)["transport"]["plasma"][0]["uncertainty"];
  for (const auto* q : {"p5", "p50", "p95"}) {
    EXPECT_NEAR(whole_total["peak_ng_per_ml"][q].get<double>(), sampled[q].get<double>(),
                1e-9 * sampled[q].get<double>())
        << q;
    const double intact = plasma["uncertainty"]["intact_peak_ng_per_ml"][q].get<double>();
    EXPECT_NEAR(whole_total["intact_peak_ng_per_ml"][q].get<double>(), intact, 1e-9 * intact) << q;
  }
  EXPECT_NEAR(plasma["volume_l"].get<double>(), 1.64 * 70.0, 1e-9);
  EXPECT_NEAR(plasma["clearance_l_per_h"].get<double>(), 15.0 * 70.0 * 60.0 / 1000.0, 1e-9);
  const auto course = csv_numbers(dir / "run" / "transport_1_hyaluronic_serum_plasma.csv");
  double highest = 0.0;
  for (const auto& row : course) highest = std::max(highest, row[1]);
  EXPECT_DOUBLE_EQ(highest, peak);
  EXPECT_LT(course.back()[1], 0.5 * peak);  // eliminated (half-life 76 min) once the cream is spent

  const auto cheek = run(" --set protocol.area_cm2=50");
  const double intact = plasma["intact_peak_ng_per_ml"].get<double>();
  EXPECT_NEAR(cheek["plasma"]["intact_peak_ng_per_ml"].get<double>(), 0.5 * intact, 1e-9 * intact);
  EXPECT_NEAR(cheek["plasma"]["peak_ng_per_ml"].get<double>(), 0.5 * peak, 1e-3 * peak);
  // The example's two creams, before and after the session, add up in the same body.
  const auto both =
      mnsim("simulate '" + (mnsim::test::source_dir() / "examples" / "numbing_cream_full_face.toml").string() +
                "' --json --samples 0 --set transport.samples=0 --force -o '" + (dir / "both").string() + "'",
            "2>/dev/null");
  ASSERT_EQ(both.exit_code, 0) << both.output;
  const auto transport = nlohmann::json::parse(both.output)["transport"];
  ASSERT_EQ(transport["plasma"].size(), 1U);
  const auto& total = transport["plasma"][0];
  EXPECT_EQ(total["products"].size(), 2U);
  for (const auto& product : transport["products"]) {
    EXPECT_GE(total["peak_ng_per_ml"].get<double>(), product["plasma"]["peak_ng_per_ml"].get<double>());
    EXPECT_GE(total["peak_range_ng_per_ml"]["high"].get<double>(),
              product["plasma"]["peak_range_ng_per_ml"]["high"].get<double>());
  }
  EXPECT_LE(total["peak_range_ng_per_ml"]["low"].get<double>(), total["peak_ng_per_ml"].get<double>());
  EXPECT_GE(total["peak_range_ng_per_ml"]["high"].get<double>(), total["peak_ng_per_ml"].get<double>());
  EXPECT_NEAR(total["peak_high_fraction_of_toxic"].get<double>(),
              total["peak_range_ng_per_ml"]["high"].get<double>() / total["toxic_ng_per_ml"].get<double>(), 1e-12);
  // Each cream's course and its blood level as figures.
  for (const auto* name : {"transport_1_cream_before.png", "transport_1_cream_before_plasma.png",
                           "transport_2_cream_after.png", "transport_2_cream_after_plasma.png"})
    EXPECT_TRUE(fs::exists(dir / "both" / name)) << name;
  EXPECT_FALSE(run(" --set protocol.area_cm2=50 --set experiment.mode=franz_cell").contains("plasma"));
  EXPECT_FALSE(run(" --set protocol.area_cm2=50 --set 'product[0].compound=\"caffeine\"'").contains("plasma"));
  fs::remove_all(dir);
}

// Lidocaine (pKa 7.86) in an acidic product is mostly ionised and barely crosses intact skin's
// lipids, so the channels matter; in an alkaline one it crosses intact skin readily and the
// channels add little. Over the first 6 h: on the cheek (1.81 times the abdomen's permeability)
// most of both finite doses is absorbed by 48 h, when the contrast has faded. The summary echoes
// the pH and the un-ionised share.
TEST(Cli, AnAcidicProductKeepsABaseOutOfIntactSkinButNotOutOfTheChannels) {
  const auto dir = mnsim::test::scratch_dir("cli-ph");
  const auto run = [&](const std::string& ph) {
    const auto r = mnsim("simulate '" + example() +
                             "' --json --samples 0 --set output.plots=false --force --set "
                             "'product[0].compound=\"lidocaine\"' --set experiment.duration_h=6 --set product[0].ph=" +
                             ph + " -o '" + (dir / "run").string() + "'",
                         "2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output)["transport"]["products"][0];
  };
  const auto acidic = run("4.9"), alkaline = run("9.9");
  EXPECT_DOUBLE_EQ(acidic["vehicle_ph"].get<double>(), 4.9);
  EXPECT_NEAR(acidic["vehicle_neutral_fraction"].get<double>(), 1.0 / (1.0 + std::pow(10.0, 7.86 - 4.9)), 1e-9);
  EXPECT_NEAR(alkaline["vehicle_neutral_fraction"].get<double>(), 1.0 / (1.0 + std::pow(10.0, 7.86 - 9.9)), 1e-9);
  EXPECT_LT(acidic["intact_cumulative_ug_per_cm2"].get<double>(),
            0.5 * alkaline["intact_cumulative_ug_per_cm2"].get<double>());
  EXPECT_GT(acidic["enhancement_ratio"].get<double>(), 2.0);
  EXPECT_LT(alkaline["enhancement_ratio"].get<double>(), 1.5);
  EXPECT_LT(alkaline["enhancement_ratio"].get<double>(), 0.1 * acidic["enhancement_ratio"].get<double>());
  const auto out_of_range =
      mnsim("simulate '" + example() + "' --set product[0].ph=15 -o '" + (dir / "bad").string() + "'", "2>&1");
  EXPECT_EQ(out_of_range.exit_code, 2) << out_of_range.output;
  EXPECT_NE(out_of_range.output.find("product[0].ph"), std::string::npos) << out_of_range.output;
  fs::remove_all(dir);
}

// A serum applied after the session and again every 12 h over the 48 h experiment: four films,
// four times the compound, all of it accounted for on the surface, in the skin or in the blood,
// and more of it in the skin than after one application. Applied again, an infinite dose is
// refused before any work.
TEST(Cli, AProductAppliedAgainAndAgainAddsUpAndIsAccountedFor) {
  const auto dir = mnsim::test::scratch_dir("cli-reapplied");
  const std::string base = "simulate '" + example() + "' --json --samples 0 --set output.plots=false --force -o '" +
                           (dir / "run").string() + "'";
  const auto once = mnsim(base, "2>/dev/null");
  const auto repeated = mnsim(base +
                                  " --set product[0].applications=6 --set product[0].interval_h=12 "
                                  "--set product[0].volatile_fraction=0.9",
                              "2>/dev/null");
  ASSERT_EQ(once.exit_code, 0) << once.output;
  ASSERT_EQ(repeated.exit_code, 0) << repeated.output;
  const auto a = nlohmann::json::parse(once.output)["transport"]["products"][0];
  const auto b = nlohmann::json::parse(repeated.output)["transport"]["products"][0];
  EXPECT_EQ(a["applications"], 1);
  EXPECT_EQ(b["applications"], 4);  // at 0, 12, 24 and 36 h; 48 h and 60 h are past the end
  const double applied = b["applied_dose_ug_per_cm2"].get<double>();
  EXPECT_NEAR(applied, 4.0 * a["applied_dose_ug_per_cm2"].get<double>(), 1e-9 * applied);
  for (const auto& [surface, skin, out] :
       {std::tuple{"surface_ug_per_cm2", "skin_ug_per_cm2", "cumulative_ug_per_cm2"},
        std::tuple{"intact_surface_ug_per_cm2", "intact_skin_ug_per_cm2", "intact_cumulative_ug_per_cm2"}})
    EXPECT_NEAR(b[surface].get<double>() + b[skin].get<double>() + b[out].get<double>(), applied, 1e-6 * applied)
        << skin;
  EXPECT_LT(b["mass_balance_error"].get<double>(), 1e-9);
  EXPECT_GT(b["skin_ug_per_cm2"].get<double>(), a["skin_ug_per_cm2"].get<double>());
  // Row by row in the time series: surface + skin + blood is what has been applied by then, which
  // steps from one dose to four.
  std::istringstream series(read_text(dir / "run" / "transport_1_hyaluronic_serum.csv"));
  std::string line;
  std::getline(series, line);
  EXPECT_EQ(line.substr(line.rfind(',') + 1), "applied_ug_per_cm2");
  double first_applied = 0.0, last_applied = 0.0;
  while (std::getline(series, line)) {
    std::vector<double> f;
    std::istringstream fields(line);
    for (std::string v; std::getline(fields, v, ',');) f.push_back(std::stod(v));
    ASSERT_EQ(f.size(), 11U) << line;
    // cumulative (2), skin (6), surface (8), applied (10)
    EXPECT_NEAR(f[8] + f[6] + f[2], f[10], 1e-6 * f[10]) << line;
    if (first_applied == 0.0) first_applied = f[10];
    last_applied = f[10];
  }
  EXPECT_NEAR(first_applied, applied / 4.0, 1e-9 * applied);
  EXPECT_NEAR(last_applied, applied, 1e-9 * applied);
  const auto infinite = mnsim(base + " --set product[0].applications=2 --set product[0].dose_type=infinite", "2>&1");
  EXPECT_EQ(infinite.exit_code, 2) << infinite.output;
  EXPECT_NE(infinite.output.find("product[0].applications"), std::string::npos) << infinite.output;
  fs::remove_all(dir);
}

// Collagen on days the scenario asks for (output.response_days), past a year too, with the sampled
// range like the standard days; day 0 is refused with exit 2 naming the key.
TEST(Cli, CollagenIsReportedOnTheDaysTheScenarioAsksFor) {
  const auto dir = mnsim::test::scratch_dir("cli-response-days");
  const auto r =
      mnsim("simulate '" + example() +
                "' --json --samples 12 --set output.plots=false --set 'output.response_days=[14, 730]' -o '" +
                (dir / "run").string() + "'",
            "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto collagen = nlohmann::json::parse(r.output)["response"]["collagen_change_pct"];
  for (const auto* day : {"14", "30", "90", "180", "365", "730"}) {
    ASSERT_TRUE(collagen.contains(day)) << day << " " << collagen.dump();
    EXPECT_LE(collagen[day]["p5"].get<double>(), collagen[day]["median"].get<double>()) << day;
    EXPECT_LE(collagen[day]["median"].get<double>(), collagen[day]["p95"].get<double>()) << day;
  }
  const auto zero = mnsim("validate '" + example() + "' --set 'output.response_days=[0]'", "2>&1");
  EXPECT_EQ(zero.exit_code, 2) << zero.output;
  EXPECT_NE(zero.output.find("output.response_days"), std::string::npos) << zero.output;
  fs::remove_all(dir);
}

// A numbing cream put on an hour before the session (applied_h = -1): no channels until the
// session, so the skin takes it up as intact skin for that hour, and the channels it meets
// afterwards are fresh.
TEST(Cli, AProductPutOnBeforeTheSessionMeetsTheChannelsAtTheSession) {
  const auto dir = mnsim::test::scratch_dir("cli-before");
  const auto r = mnsim("simulate '" + example() +
                           "' --json --samples 0 --set output.plots=false --set 'product[0].compound=\"lidocaine\"'"
                           " --set product[0].applied_h=-1 --set experiment.duration_h=4 -o '" +
                           (dir / "run").string() + "'",
                       "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto p = nlohmann::json::parse(r.output)["transport"]["products"][0];
  // The fresh channels add to what the intact skin takes up (1.8 times over the 4 h with the lipid
  // route refitted with H-bond donors; 2.1 before it).
  EXPECT_GT(p["enhancement_ratio"].get<double>(), 1.2);
  EXPECT_LT(p["mass_balance_error"].get<double>(), 1e-9);
  // time_h, flux, cumulative, intact flux, intact cumulative, channel_open_fraction, ...
  std::istringstream series(read_text(dir / "run" / "transport_1_hyaluronic_serum.csv"));
  std::string line;
  std::getline(series, line);
  std::size_t before = 0, after = 0;
  while (std::getline(series, line)) {
    std::vector<double> f;
    std::istringstream fields(line);
    for (std::string v; std::getline(fields, v, ',');) f.push_back(v.empty() ? 0.0 : std::stod(v));
    if (f[0] < 1.0) {
      ++before;
      EXPECT_EQ(f[5], 0.0) << line;
      EXPECT_NEAR(f[1], f[3], 0.01 * f[3] + 1e-12) << line;  // treated flux as intact
    } else if (f[0] < 1.05) {
      ++after;
      EXPECT_GT(f[5], 0.9) << line;  // fresh channels
    }
  }
  EXPECT_GT(before, 10U);
  EXPECT_GT(after, 0U);
  fs::remove_all(dir);
}

// The same cream wiped off as the session starts (removed_h = 0): nothing is left on the surface,
// what was wiped off is reported, and surface + skin + blood + wiped off is what was applied; the
// resolved solver wipes off what the reduced one does (within 1 %). A wipe-off before the product
// goes on, or with repeated applications, is refused before any work.
TEST(Cli, ANumbingCreamWipedOffBeforeTheNeedlesIsAccountedFor) {
  const auto dir = mnsim::test::scratch_dir("cli-wiped");
  const std::string base = "simulate '" + example() +
                           "' --json --samples 0 --set output.plots=false --force"
                           " --set 'product[0].compound=\"lidocaine\"' --set product[0].concentration_pct=5"
                           " --set product[0].applied_h=-1 --set experiment.duration_h=4 -o '" +
                           (dir / "run").string() + "'";
  const auto r = mnsim(base + " --set product[0].removed_h=0", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto p = nlohmann::json::parse(r.output)["transport"]["products"][0];
  const double applied = p["applied_dose_ug_per_cm2"].get<double>();
  EXPECT_EQ(p["surface_ug_per_cm2"].get<double>(), 0.0);
  EXPECT_GT(p["removed_ug_per_cm2"].get<double>(), 0.0);
  for (const auto& [removed, skin, out] :
       {std::tuple{"removed_ug_per_cm2", "skin_ug_per_cm2", "cumulative_ug_per_cm2"},
        std::tuple{"intact_removed_ug_per_cm2", "intact_skin_ug_per_cm2", "intact_cumulative_ug_per_cm2"}})
    EXPECT_NEAR(p[removed].get<double>() + p[skin].get<double>() + p[out].get<double>(), applied, 1e-6 * applied)
        << removed;
  EXPECT_LT(p["mass_balance_error"].get<double>(), 1e-9);
  const auto kept = nlohmann::json::parse(mnsim(base, "2>/dev/null").output)["transport"]["products"][0];
  EXPECT_FALSE(kept.contains("removed_ug_per_cm2"));
  EXPECT_LT(p["cumulative_ug_per_cm2"].get<double>(), kept["cumulative_ug_per_cm2"].get<double>());
  const auto resolved = mnsim(
      base + " --set product[0].removed_h=0 --set run.fidelity=resolved --set transport.grid_um=10", "2>/dev/null");
  ASSERT_EQ(resolved.exit_code, 0) << resolved.output;
  const auto q = nlohmann::json::parse(resolved.output)["transport"]["products"][0];
  EXPECT_NEAR(q["removed_ug_per_cm2"].get<double>(), p["removed_ug_per_cm2"].get<double>(),
              0.01 * p["removed_ug_per_cm2"].get<double>());
  EXPECT_EQ(q["surface_ug_per_cm2"].get<double>(), 0.0);
  EXPECT_LT(q["mass_balance_error"].get<double>(), 1e-9);
  for (const std::string bad :
       {" --set product[0].removed_h=-2", " --set product[0].removed_h=0 --set product[0].applications=2"}) {
    const auto refused = mnsim(base + bad, "2>&1");
    EXPECT_EQ(refused.exit_code, 2) << bad << "\n" << refused.output;
    EXPECT_NE(refused.output.find("product[0].removed_h"), std::string::npos) << refused.output;
  }
  fs::remove_all(dir);
}

TEST(Cli, ResolvedTransportWritesConcentrationFields) {
  const auto dir = mnsim::test::scratch_dir("cli-fields");
  const auto out = dir / "run";
  const auto r = mnsim("simulate '" + example() + "' --json -o '" + out.string() +
                           "' --samples 0 --set run.fidelity=resolved --set experiment.duration_h=0.5"
                           " --set output.field_interval_h=0.25 --set transport.grid_um=10 --set output.plots=false",
                       "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto summary = nlohmann::json::parse(r.output);
  const auto& product = summary["transport"]["products"][0];
  EXPECT_EQ(product["model"], "resolved");
  const auto xmf = product["fields_file"].get<std::string>();
  EXPECT_EQ(xmf, "transport_1_hyaluronic_serum_fields.xmf");
  ASSERT_TRUE(fs::exists(out / xmf));
  EXPECT_TRUE(fs::exists(out / "transport_1_hyaluronic_serum_fields.h5"));
  // One length unit for ParaView: the needle tracks of punctures.vtk are in um with z the depth
  // below the surface, as the fields' grid, and each track ends at its puncture's depth.
  const auto vtk = read_text(out / "punctures.vtk");
  EXPECT_NE(vtk.find("(z = depth below the surface), um"), std::string::npos);
  const auto points = big_endian_floats_after(vtk, "POINTS ");
  const auto depths = big_endian_floats_after(vtk, "depth_um 1 ");
  ASSERT_EQ(points.size(), 6 * depths.size());
  ASSERT_FALSE(depths.empty());
  const double side_um = 1e4 * std::sqrt(summary["device"]["area_cm2"].get<double>());
  for (std::size_t k = 0; k < depths.size(); ++k) {
    EXPECT_EQ(points[6 * k + 2], 0.0f);       // surface
    EXPECT_EQ(points[6 * k + 5], depths[k]);  // tip at the depth reached, um
    EXPECT_GE(points[6 * k], 0.0f);
    EXPECT_LE(points[6 * k], static_cast<float>(side_um));
  }
  EXPECT_NEAR(*std::max_element(depths.begin(), depths.end()), summary["injury"]["depth_um"]["p90"].get<double>(),
              0.5 * summary["injury"]["depth_um"]["p90"].get<double>());
  EXPECT_NE(read_text(out / xmf).find(":/grid/x"), std::string::npos);  // the fields' axes, um
  // Two frames: the output times nearest 0.25 h, and the end of the experiment.
  const auto text = read_text(out / xmf);
  EXPECT_NE(text.find("transport_1_hyaluronic_serum_fields.h5"), std::string::npos);
  EXPECT_NE(text.find("concentration_ug_per_cm3"), std::string::npos);
  std::size_t frames = 0;
  for (auto at = text.find("<Time "); at != std::string::npos; at = text.find("<Time ", at + 1)) ++frames;
  EXPECT_EQ(frames, 2U) << text;
  // Requested times instead of the interval: three frames (0.1 h, 0.3 h and the end; 0.9 h is
  // past the end and dropped), and the resolved scenario keeps the list.
  const auto requested = mnsim("simulate '" + example() + "' --json --force -o '" + out.string() +
                                   "' --samples 0 --set run.fidelity=resolved --set experiment.duration_h=0.5"
                                   " --set 'output.field_times_h=[0.1, 0.3, 0.9]' --set transport.grid_um=10"
                                   " --set output.plots=false",
                               "2>/dev/null");
  ASSERT_EQ(requested.exit_code, 0) << requested.output;
  const auto listed = read_text(out / xmf);
  frames = 0;
  for (auto at = listed.find("<Time "); at != std::string::npos; at = listed.find("<Time ", at + 1)) ++frames;
  EXPECT_EQ(frames, 3U) << listed;
  EXPECT_NE(read_text(out / "scenario.resolved.toml").find("field_times_h = [ 0.1"), std::string::npos);
  EXPECT_EQ(mnsim("validate '" + (out / "scenario.resolved.toml").string() + "'").exit_code, 0);
  const auto mixed = mnsim("validate '" + example() + "' --set 'output.field_times_h=[0.1, \"a\"]'", "2>&1");
  EXPECT_EQ(mixed.exit_code, 2) << mixed.output;
  const auto negative = mnsim("validate '" + example() + "' --set 'output.field_times_h=[-1]'", "2>&1");
  EXPECT_EQ(negative.exit_code, 2) << negative.output;
  EXPECT_NE(negative.output.find("a list of numbers from 0 to 10000 h"), std::string::npos) << negative.output;
  fs::remove_all(dir);
}

// transport.geometry = "patch": the punctures at the centre of the treated area, each where it
// fell, instead of the unit cell around one typical channel. Same skin, same product: the
// enhancement is of the same size (the punctures are scattered, not on a grid), and the patch
// is refused where it cannot be solved.
TEST(Cli, ResolvedTransportOnAPatchOfThePunctures) {
  const auto dir = mnsim::test::scratch_dir("cli-patch");
  const std::string resolved =
      " --samples 0 --set run.fidelity=resolved --set experiment.duration_h=0.5"
      " --set transport.grid_um=10 --set output.plots=false";
  const auto cell =
      mnsim("simulate '" + example() + "' --json -o '" + (dir / "cell").string() + "'" + resolved, "2>/dev/null");
  ASSERT_EQ(cell.exit_code, 0) << cell.output;
  const auto patch = mnsim("simulate '" + example() + "' --json -o '" + (dir / "patch").string() + "'" + resolved +
                               " --set transport.geometry=patch --set transport.patch_mm=0.4",
                           "2>/dev/null");
  ASSERT_EQ(patch.exit_code, 0) << patch.output;
  const auto c = nlohmann::json::parse(cell.output);
  const auto p = nlohmann::json::parse(patch.output);
  const auto& cp = c["transport"]["products"][0];
  const auto& pp = p["transport"]["products"][0];
  EXPECT_EQ(cp["geometry"], "unit_cell");
  EXPECT_EQ(cp["channels_in_domain"], 1);
  EXPECT_EQ(pp["geometry"], "patch");
  // The window holds about as many channels as the puncture density says.
  const double expected = p["injury"]["punctures_per_cm2"].get<double>() * 0.04 * 0.04;
  const double held = pp["channels_in_domain"].get<double>();
  EXPECT_GT(held, 0.5 * expected);
  EXPECT_LT(held, 2.0 * expected);
  const double ratio = pp["enhancement_ratio"].get<double>() / cp["enhancement_ratio"].get<double>();
  EXPECT_GT(ratio, 0.5);
  EXPECT_LT(ratio, 2.0);
  EXPECT_LT(pp["mass_balance_error"].get<double>(), 1e-6);

  // The reduced column has no patch; a window larger than the treated area has no punctures round it.
  const auto reduced = mnsim("simulate '" + example() + "' -o '" + (dir / "reduced").string() +
                             "' --samples 0 --set transport.geometry=patch");
  EXPECT_EQ(reduced.exit_code, 2);
  EXPECT_NE(reduced.output.find("transport.geometry"), std::string::npos) << reduced.output;
  EXPECT_NE(reduced.output.find("run.fidelity"), std::string::npos) << reduced.output;
  EXPECT_FALSE(fs::exists(dir / "reduced"));
  const auto wide = mnsim("simulate '" + example() + "' -o '" + (dir / "wide").string() + "'" + resolved +
                          " --set transport.geometry=patch --set transport.patch_mm=10 --set protocol.area_cm2=0.25");
  EXPECT_EQ(wide.exit_code, 2);
  EXPECT_NE(wide.output.find("transport.patch_mm"), std::string::npos) << wide.output;
  fs::remove_all(dir);
}

// mnsim compare: microneedling and each comparator on the same person, in the summary, a CSV
// table and the printed table; unknown procedures are refused before anything is written.
TEST(Cli, CompareRunsEachProcedureOnTheSamePerson) {
  const auto dir = mnsim::test::scratch_dir("cli-compare");
  const auto out = dir / "run";
  const auto r =
      mnsim("compare '" + example() + "' --with dermabrasion,ablative-co2 --samples 20 -o '" + out.string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Dermabrasion"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("not medical advice"), std::string::npos);
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
  EXPECT_EQ(summary["command"], "compare");
  EXPECT_EQ(summary["response"]["procedure"], "microneedling");
  ASSERT_EQ(summary["comparison"].size(), 2U);
  for (const auto* name : {"dermabrasion", "ablative-co2"}) {
    const auto& block = summary["comparison"][name];
    EXPECT_EQ(block["procedure"], name);
    for (const auto* key : {"downtime_d", "scar_probability", "pih_probability", "erythema_duration_h"}) {
      EXPECT_TRUE(block[key].is_object()) << name << " " << key;
    }
    EXPECT_TRUE(block["collagen_change_pct"]["180"].is_object()) << name;
  }
  const auto table = read_text(out / "comparison.csv");
  EXPECT_EQ(count_lines(table), 4U) << table;
  EXPECT_EQ(table.rfind("procedure,label,sessions,downtime_d,downtime_d_p5", 0), 0U) << table;
  EXPECT_TRUE(fs::exists(out / "response_course_dermabrasion.csv"));

  const auto unknown = mnsim("compare '" + example() + "' --with dermabrasio -o '" + (dir / "bad").string() + "'");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("dermabrasion"), std::string::npos) << unknown.output;
  EXPECT_FALSE(fs::exists(dir / "bad"));
  fs::remove_all(dir);
}

// A setting deeper than the site's dermis (2.5 mm under the eye) is flagged in the text and in
// summary.json; the default treatment is not.
TEST(Cli, NeedlesPastTheDermisOfTheSiteRaiseACaution) {
  const auto dir = mnsim::test::scratch_dir("cli-caution");
  const auto scenario = (mnsim::test::source_dir() / "examples" / "default.toml").string();
  const auto deep = mnsim(
      "simulate '" + scenario +
      "' --samples 0 --set site.name=periorbital --set device.needle_length_mm=2.5 --set output.plots=false -o '" +
      (dir / "deep").string() + "'");
  ASSERT_EQ(deep.exit_code, 0) << deep.output;
  EXPECT_NE(deep.output.find("Caution: "), std::string::npos) << deep.output;
  EXPECT_NE(deep.output.find("below the dermis of this site"), std::string::npos) << deep.output;
  const auto deep_summary = nlohmann::json::parse(read_text(dir / "deep" / "summary.json"));
  EXPECT_EQ(deep_summary["injury"]["cautions"].size(), 1U);
  const auto usual =
      mnsim("simulate '" + scenario + "' --samples 0 --set output.plots=false -o '" + (dir / "usual").string() + "'");
  ASSERT_EQ(usual.exit_code, 0) << usual.output;
  EXPECT_EQ(usual.output.find("Caution: "), std::string::npos) << usual.output;
  EXPECT_TRUE(nlohmann::json::parse(read_text(dir / "usual" / "summary.json"))["injury"]["cautions"].empty());
  fs::remove_all(dir);
}

// The depth range data/plan/depth_by_goal.csv cites for a goal at a site, else for any site.
std::pair<double, double> cited_depth_range_mm(const std::string& goal, const std::string& site) {
  std::map<std::pair<std::string, std::string>, std::pair<double, double>> ranges;
  mnsim::read_csv_table<12>(mnsim::test::data_dir() / "plan" / "depth_by_goal.csv",
                            {"goal", "site", "depth_min_mm", "depth_max_mm", "passes_min", "passes_max", "sessions_min",
                             "sessions_max", "interval_min_d", "interval_max_d", "source", "tag"},
                            [&](const auto& f, const mnsim::CsvRowContext&) {
                              ranges[{f[0], f[1]}] = {std::stod(f[2]), std::stod(f[3])};
                            });
  const auto it = ranges.find({goal, site});
  return it != ranges.end() ? it->second : ranges.at({goal, "any"});
}

// mnsim plan on every example patient: the expected verdict and rules, a recommendation for each
// treatable area within its device, the excluded areas left out, and aftercare that follows the
// simulated course.
TEST(Cli, PlanGivesEachExamplePatientItsVerdictRulesAndAftercare) {
  struct Expected {
    const char* patient;
    const char* verdict;
    std::vector<std::string> rules;
    std::vector<std::string> excluded_areas;
  };
  // risk_limit_exceeded: an area whose protocol (no gentler one keeps the limits) breaks a risk
  // limit at its sampled 95th percentile (PIH in darker skin): never a go (issue #26). The
  // anticoagulated man's neck, planned at 1.0-1.5 mm from a radiofrequency review before, broke
  // the bruising limit; at the thin neck's 0.25-0.5 mm it keeps it. The acne-scar cheeks of the
  // type III patients (active acne on one cheek, recent isotretinoin) broke the PIH limit while
  // collagen followed the punctures' open area; since punctures recruit from the tissue their
  // signals reach (response.wound_signal_range_um), 2 passes give what more passes gave, and
  // 1.5 mm x 2 passes x 6 sessions keeps every limit. The keloid patient's abdominal scar was shown
  // 1.5 mm x 2 x 3 every 42 days with a sampled PIH p95 of 15.2 %: since candidates beyond the
  // runner-ups are tried over sampled persons (planner.sampled_fallbacks), 1.0 mm (8.5 %) is
  // recommended instead.
  const std::vector<Expected> expected{
      {"healthy_fine_lines", "go", {}, {}},
      {"acne_scars_fitzpatrick5", "caution", {"darker_skin_pih", "risk_limit_exceeded", "risk_limit_exceeded"}, {}},
      {"active_acne_one_cheek", "caution", {"area_active_acne"}, {"left_cheek"}},
      {"open_wound", "do_not_treat", {"area_open_wound"}, {"chin_and_perioral"}},
      {"anticoagulated", "caution", {"anticoagulant", "product_not_intradermal"}, {}},
      {"keloid_history", "caution", {"keloid_history", "darker_skin_pih"}, {}},
      {"recent_isotretinoin", "caution", {"isotretinoin_recent"}, {}},
      {"numbing_cream_full_face", "go", {}, {}},
      // The minoxidil solution is kept off the open channels; its blood-level caution comes from
      // the model's known over-prediction on intact scalp (tr_plasma_minoxidil_scalp_5pct).
      {"hair_loss_vertex_minoxidil",
       "caution",
       {"product_not_intradermal", "minoxidil_on_needled_scalp", "systemic_exposure"},
       {}},
  };
  const auto dir = mnsim::test::scratch_dir("cli-plan");
  for (const auto& e : expected) {
    const auto file = mnsim::test::source_dir() / "examples" / "patients" / (std::string(e.patient) + ".toml");
    const auto out = dir / e.patient;
    const auto r = mnsim("plan '" + file.string() + "' --samples 30 -o '" + out.string() + "'");
    ASSERT_EQ(r.exit_code, 0) << e.patient << "\n" << r.output;
    EXPECT_NE(r.output.find("not medical advice"), std::string::npos) << e.patient;
    const auto plan = nlohmann::json::parse(read_text(out / "plan.json"));
    EXPECT_EQ(plan["verdict"], e.verdict) << e.patient;
    std::vector<std::string> rules;
    for (const auto& rule : plan["rules"]) {
      if (rule["level"] != "note") rules.push_back(rule["id"]);
    }
    EXPECT_EQ(rules, e.rules) << e.patient;
    EXPECT_TRUE(fs::exists(out / "report.html")) << e.patient;

    std::vector<std::string> excluded;
    for (const auto& area : plan["areas"]) {
      if (area["excluded"].get<bool>()) excluded.push_back(area["name"]);
    }
    EXPECT_EQ(excluded, e.excluded_areas) << e.patient;
    if (std::string(e.verdict) == "do_not_treat") {
      EXPECT_TRUE(plan["recommended"].empty()) << e.patient;
      EXPECT_TRUE(plan["aftercare"].empty()) << e.patient;
      EXPECT_FALSE(fs::exists(out / "aftercare.ics")) << e.patient;
      continue;
    }
    // One recommendation per treatable area, within the device and the cited microneedling
    // range of its goal and site (data/plan/depth_by_goal.csv): the checks of clinical practice.
    EXPECT_EQ(plan["recommended"].size(), plan["areas"].size() - excluded.size()) << e.patient;
    std::map<std::string, double> depth_by_site;
    for (const auto& rec : plan["recommended"]) {
      const double depth = rec["needle_depth_mm"].get<double>();
      EXPECT_GT(depth, 0.0) << e.patient;
      EXPECT_LE(depth, 2.5) << e.patient;
      EXPECT_GE(rec["sessions"].get<int>(), 1) << e.patient;
      const auto site = rec["site"].get<std::string>();
      const auto [low, high] = cited_depth_range_mm(rec["goal"].get<std::string>(), site);
      EXPECT_GE(depth, low - 1e-9) << e.patient << " " << site;
      EXPECT_LE(depth, high + 1e-9) << e.patient << " " << site;
      depth_by_site[site] = depth;
    }
    // Thin forehead skin over bone is never needled deeper than the cheek.
    if (depth_by_site.count("forehead") != 0U && depth_by_site.count("cheek") != 0U) {
      EXPECT_LE(depth_by_site["forehead"], depth_by_site["cheek"]) << e.patient;
    }
    for (const auto* key : {"barrier_recovery_h", "erythema_duration_h", "collagen_change_pct_d180", "scar_probability",
                            "pih_probability"}) {
      const auto& q = plan["predicted"][key];
      EXPECT_LE(q["p5"].get<double>(), q["median"].get<double>()) << e.patient << " " << key;
      EXPECT_LE(q["median"].get<double>(), q["p95"].get<double>()) << e.patient << " " << key;
    }
    EXPECT_EQ(plan["procedures"].size(), 3U) << e.patient;
    // The exfoliant ban ends no earlier than the predicted barrier recovery and no earlier than 24 h.
    const double barrier = plan["predicted"]["barrier_recovery_h"]["median"].get<double>();
    bool banned = false;
    for (const auto& item : plan["aftercare"]) {
      if (item["id"] != "no_exfoliants") continue;
      banned = true;
      EXPECT_GE(item["end_h"].get<double>(), barrier) << e.patient;
      EXPECT_GE(item["end_h"].get<double>(), 24.0) << e.patient;
    }
    EXPECT_TRUE(banned) << e.patient;
    const auto ics = read_text(out / "aftercare.ics");
    EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0U) << e.patient;
    EXPECT_NE(ics.find("END:VCALENDAR"), std::string::npos) << e.patient;
  }
  fs::remove_all(dir);
}

// A bad patient file: exit 2, one message naming the file and key, and no run directory.
TEST(Cli, BadPatientFilesAreRefusedWithoutOutput) {
  const auto dir = mnsim::test::scratch_dir("cli-plan-bad");
  const std::vector<std::pair<std::string, std::string>> cases{
      {"[patient]\nage_y = 40\nfitzpatrick = 9\n[goal]\nkind = \"fine_lines\"\n", "patient.fitzpatrick"},
      {"[patient]\nage_y = 40\nfitzpatric = 3\n[goal]\nkind = \"fine_lines\"\n", "fitzpatric"},
      {"[patient]\nage_y = 40\n[goal]\nkind = \"wrinkles_everywhere\"\n", "goal.kind"},
      {"[patient]\nage_y = \"forty\"\n[goal]\nkind = \"fine_lines\"\n", "patient.age_y"},
  };
  int i = 0;
  for (const auto& [text, key] : cases) {
    const auto file = write_scenario(dir, "bad" + std::to_string(i) + ".toml", text);
    const auto out = dir / ("run" + std::to_string(i++));
    const auto r = mnsim("plan '" + file.string() + "' -o '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 2) << text << r.output;
    EXPECT_NE(r.output.find(key), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(file.filename().string()), std::string::npos) << r.output;
    EXPECT_EQ(count_lines(r.output), 1U) << r.output;
    EXPECT_FALSE(fs::exists(out)) << text;
  }
  fs::remove_all(dir);
}

// The compound library with sources: every compound has a positive MW and a source, lidocaine
// carries its disposition, and the text listing names every compound.
TEST(Cli, CompoundsListsTheLibraryWithSources) {
  const auto r = mnsim("compounds --json", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto compounds = nlohmann::json::parse(r.output);
  ASSERT_GE(compounds.size(), 12U);  // the list at least
  bool lidocaine = false;
  for (const auto& c : compounds) {
    EXPECT_GT(c["mw_g_per_mol"].get<double>(), 0.0) << c.dump();
    EXPECT_FALSE(c["source"].get<std::string>().empty()) << c.dump();
    if (c["name"] == "lidocaine") {
      lidocaine = true;
      EXPECT_DOUBLE_EQ(c["disposition"]["toxic_ug_per_ml"].get<double>(), 5.0);
      EXPECT_DOUBLE_EQ(c["water_solubility_mg_per_ml"].get<double>(), 4.1);
      EXPECT_DOUBLE_EQ(c["h_bond_donors"].get<double>(), 1.0);  // the amide NH
    }
  }
  EXPECT_TRUE(lidocaine);
  const auto text = mnsim("compounds", "2>/dev/null");
  ASSERT_EQ(text.exit_code, 0);
  for (const auto& c : compounds)
    EXPECT_NE(text.output.find(c["name"].get<std::string>()), std::string::npos) << c["name"];
}

TEST(Cli, DevicesListsTheCatalogWithSources) {
  const auto r = mnsim("devices --type roller --json", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  const auto devices = nlohmann::json::parse(r.output);
  ASSERT_GE(devices.size(), 2U);
  for (const auto& d : devices) {
    EXPECT_EQ(d["type"], "roller");
    EXPECT_FALSE(d["source"].get<std::string>().empty());
  }
  EXPECT_EQ(mnsim("devices --type laser").exit_code, 2);
}

TEST(Cli, ACustomDeviceRunsAndAnImpossibleOneIsRefused) {
  const auto dir = mnsim::test::scratch_dir("cli-device");
  const auto custom = (mnsim::test::source_dir() / "examples" / "custom_stamp.toml").string();
  auto r = mnsim("simulate '" + custom + "' --json -o '" + (dir / "a").string() + "'", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(nlohmann::json::parse(r.output)["device"]["needles"], 20);
  r = mnsim("simulate '" + custom + "' --set device.pitch_mm=0.2 -o '" + (dir / "b").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("device.pitch_mm"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("overlap"), std::string::npos) << r.output;
  r = mnsim("simulate '" + custom + "' --set device.needles=0 -o '" + (dir / "c").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("from 1 to 10000"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "b"));
  EXPECT_FALSE(fs::exists(dir / "c"));
  fs::remove_all(dir);
}

TEST(Cli, SetOverridesAreValidatedAndRecorded) {
  const auto dir = mnsim::test::scratch_dir("cli-set");
  auto r = mnsim("simulate '" + example() + "' --json --set site.name=forehead --set patient.sex=male -o '" +
                     (dir / "a").string() + "'",
                 "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  const auto summary = nlohmann::json::parse(r.output);
  EXPECT_EQ(summary["skin"]["site"], "forehead");
  EXPECT_EQ(summary["skin"]["sex"], "male");
  r = mnsim("simulate '" + example() + "' --set patient.fitzpatrick=7 -o '" + (dir / "b").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--set: patient.fitzpatrick"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "b"));
  r = mnsim("validate '" + example() + "' --set patient.agee=3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("did you mean patient.age_y?"), std::string::npos) << r.output;
  fs::remove_all(dir);
}

TEST(Cli, SkinPrintsTheStackAndWritesLayersToSummaryJson) {
  const auto dir = mnsim::test::scratch_dir("cli-skin");
  auto r = mnsim("skin --site cheek --age 45 --sex female");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const auto* layer :
       {"stratum_corneum", "viable_epidermis", "papillary_dermis", "reticular_dermis", "hypodermis"})
    EXPECT_NE(r.output.find(layer), std::string::npos) << layer;

  r = mnsim("skin --site cheek --age 45 --sex female --json -o '" + (dir / "run").string() + "'", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  const auto printed = nlohmann::json::parse(r.output);
  const auto summary = nlohmann::json::parse(read_text(dir / "run" / "summary.json"));
  EXPECT_EQ(printed, summary);
  ASSERT_EQ(summary["layers"].size(), 5U);
  double top = 0.0;
  for (const auto& layer : summary["layers"]) {
    EXPECT_NEAR(layer["top_um"].get<double>(), top, 0.01);
    top += layer["thickness_um"].get<double>();
  }
  EXPECT_TRUE(fs::exists(dir / "run" / "scenario.resolved.toml"));

  r = mnsim("skin --site ear");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("human sites: "), std::string::npos) << r.output;
  r = mnsim("skin --site cheeck");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("did you mean \"cheek\"?"), std::string::npos) << r.output;
  EXPECT_EQ(mnsim("skin --species pig --site ear").exit_code, 0);
  EXPECT_EQ(mnsim("skin --age -1").exit_code, 2);
  fs::remove_all(dir);
}

TEST(Cli, SampledCohortsDependOnlyOnTheSeed) {
  const auto a = mnsim("skin --site forehead --sample 500 --seed 5 --json", "2>/dev/null");
  const auto b = mnsim("skin --site forehead --sample 500 --seed 5 --json", "2>/dev/null");
  const auto c = mnsim("skin --site forehead --sample 500 --seed 6 --json", "2>/dev/null");
  ASSERT_EQ(a.exit_code, 0);
  const auto ja = nlohmann::json::parse(a.output);
  EXPECT_EQ(ja["cohort"], nlohmann::json::parse(b.output)["cohort"]);
  EXPECT_NE(ja["cohort"], nlohmann::json::parse(c.output)["cohort"]);
  EXPECT_LT(ja["cohort"]["dermis_um"]["p5"].get<double>(), ja["cohort"]["dermis_um"]["p95"].get<double>());
}

TEST(Cli, ScenarioDocsAreGeneratedFromTheRegistry) {
  const auto r = mnsim("params --format markdown", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.output == read_text(mnsim::test::source_dir() / "docs" / "scenario.md"))
      << "docs/scenario.md is out of date: run `make docs`";
}

TEST(Cli, MissingDataDirectoryIsReportedNotACrash) {
  const auto r = run_shell("env MNSIM_DATA_DIR=/nonexistent '" + std::string(MNSIM_EXE) + "' skin 2>&1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.output), 1U) << r.output;
  EXPECT_NE(r.output.find("MNSIM_DATA_DIR"), std::string::npos) << r.output;
}

TEST(Cli, BenchTransportPrintsNameValueLinesAndRefusesBadArguments) {
  const auto r = mnsim("bench transport --grid 20 --substrates 2 --steps 3 --threads 1", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream lines(r.output);
  std::vector<std::string> names;
  std::string name;
  double value = 0.0;
  while (lines >> name >> value) {
    names.push_back(name);
    EXPECT_GE(value, 0.0) << name;
  }
  EXPECT_TRUE(lines.eof()) << r.output;
  EXPECT_EQ(names, (std::vector<std::string>{"ms_per_step", "sum", "sum_sq", "rho_000", "rho_mid"})) << r.output;
  for (const std::string bad :
       {"--grid 0", "--grid 1", "--substrates 0", "--steps 1", "--threads 0", "--grid 1000000", "--grid many"}) {
    const auto refused = mnsim("bench transport " + bad);
    EXPECT_EQ(refused.exit_code, 2) << bad << ": " << refused.output;
  }
  const auto one_line = mnsim("bench transport --grid 0");
  EXPECT_EQ(count_lines(one_line.output), 1U) << one_line.output;
  EXPECT_NE(one_line.output.find("--grid"), std::string::npos) << one_line.output;
  EXPECT_EQ(mnsim("bench").exit_code, 2);
  EXPECT_EQ(mnsim("bench transport --help").exit_code, 0);
}

}  // namespace
