// Scenario and patient files are untrusted text (issue #27, S1): a product's name once ran as a
// shell command through a gnuplot script. Every free-text key of either file (and, for the
// enum-like keys, a sample that must be refused) is fed strings made to break out of a gnuplot
// label, a shell command line, a file name or the HTML report. `simulate` and `plan` must run them
// with the figures on (gnuplot installed) or refuse them with exit 2, and in no case run a
// command, write outside the run directory or name a file with anything but [A-Za-z0-9._-].
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace mnsim {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A name no honest run creates: a hostile string that ran would leave a file of this name.
std::string marker() { return "mnsim_hostile_marker_" + std::to_string(::getpid()); }

struct Hostile {
  std::string what;  // for the failure messages
  std::string text;
};

std::vector<Hostile> hostile_strings() {
  const auto m = marker();
  return {
      {"newline then a gnuplot command", "x\nsystem(\"touch " + m + "\")\n#"},
      {"quote, newline, command", "x'\nsystem('touch " + m + "')\n#"},
      {"quotes", "it's a \"quoted\" name"},
      {"single-quote breakout", "'; system('touch " + m + "'); '"},
      {"backquotes", "`touch " + m + "`"},
      {"shell substitution", "$(touch " + m + ")"},
      {"shell separator", "; touch " + m},
      {"gnuplot shell escape", "!touch " + m},
      {"pipe", "| touch " + m},
      {"gnuplot input pipe", "< touch " + m},
      {"macro and enhanced text", "@" + m + " {\\bf x}^2_3 \\"},
      {"300 characters", std::string(300, 'A')},
      {"relative path", "../../x"},
      {"absolute path", "/etc/passwd"},
      {"dot dot", ".."},
      {"NUL", std::string("a\0b", 3)},
      {"bidi override",
       "\xE2\x80\xAE"
       "evil"
       "\xE2\x80\xAC"},  // U+202E ... U+202C
      {"script", "<script>alert(1)</script>"},
      {"empty", ""},
  };
}

// `text` as a TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A small scenario: one session on 10 cm2, a lidocaine cream (its blood level is drawn too).
std::string scenario(const std::string& name = "\"cream\"", const std::string& compound = "\"lidocaine\"",
                     const std::string& extra_product = "", const std::string& device = "",
                     const std::string& tail = "") {
  return "[patient]\nage_y = 45\n[site]\nname = \"cheek\"\n[device]\ntype = \"pen\"\nneedle_length_mm = 1.0\n" +
         device + "[protocol]\nsessions = 1\npasses = 2\narea_cm2 = 10\n[[product]]\nname = " + name +
         "\ncompound = " + compound + "\n" + extra_product +
         "concentration_pct = 4\ndose_mg_per_cm2 = 10\n[experiment]\nmode = \"in_vivo\"\nduration_h = 6\n" + tail;
}

// A small patient file: one area, a numbing cream that reaches the blood (the plan's systemic figure).
std::string patient(const std::string& area = "\"cheeks\"", const std::string& zones = "[\"mole\"]",
                    const std::string& name = "\"numbing cream\"", const std::string& compound = "\"lidocaine\"",
                    const std::string& extra_product = "", const std::string& first = "\"2025-05-01T10:00+02:00\"",
                    const std::string& site = "\"cheek\"") {
  return "[patient]\nage_y = 40\nsex = \"female\"\nweight_kg = 60\nfitzpatrick = 2\nconditions = []\n"
         "[goal]\nkind = \"fine_lines\"\n[[area]]\nname = " +
         area + "\nsite = " + site + "\narea_cm2 = 50\nexclude_zones = " + zones +
         "\n[device]\ntype = \"pen\"\nneedle_length_mm = 1.5\n[[product]]\nname = " + name +
         "\ncompound = " + compound + "\n" + extra_product +
         "concentration_pct = 4\ndose_mg_per_cm2 = 33\napplied_h = -0.75\nremoved_h = 0.0\n"
         "[planner]\nfirst_session = " +
         first + "\n";
}

struct Field {
  std::string name;                                     // the key, also the test's name
  std::string command;                                  // simulate or plan
  std::function<std::string(const std::string&)> file;  // the input with this TOML value in the key
};

std::vector<Field> fields() {
  const auto custom = "mw_g_per_mol = 300\nlog_kow = 1.5\n";
  return {
      {"simulate_product_name", "simulate", [](const std::string& v) { return scenario(v); }},
      {"simulate_product_compound", "simulate",
       [custom](const std::string& v) { return scenario("\"cream\"", v, custom); }},
      {"simulate_device_model", "simulate",
       [](const std::string& v) { return scenario("\"cream\"", "\"lidocaine\"", "", "model = " + v + "\n"); }},
      // -o names the run directory, so this one only has to be read and written back safely.
      {"simulate_output_dir", "simulate",
       [](const std::string& v) {
         return scenario("\"cream\"", "\"lidocaine\"", "", "", "[output]\ndir = " + v + "\n");
       }},
      {"simulate_site_name", "simulate",
       [](const std::string& v) { return "[site]\nname = " + v + "\n"; }},  // enum-like: refused
      {"simulate_key_name", "simulate", [](const std::string& v) { return "[patient]\n" + v + " = 1\n"; }},
      {"plan_area_name", "plan", [](const std::string& v) { return patient(v); }},
      {"plan_area_exclude_zones", "plan",
       [](const std::string& v) { return patient("\"cheeks\"", "[" + v + ", \"mole\"]"); }},
      {"plan_product_name", "plan", [](const std::string& v) { return patient("\"cheeks\"", "[\"mole\"]", v); }},
      {"plan_product_compound", "plan",
       [custom](const std::string& v) { return patient("\"cheeks\"", "[\"mole\"]", "\"cream\"", v, custom); }},
      {"plan_first_session", "plan",
       [](const std::string& v) {
         return patient("\"cheeks\"", "[\"mole\"]", "\"numbing cream\"", "\"lidocaine\"", "", v);
       }},
      {"plan_clinic_name", "plan", [](const std::string& v) { return patient() + "[clinic]\nname = " + v + "\n"; }},
      {"plan_area_site", "plan",
       [](const std::string& v) {
         return patient("\"cheeks\"", "[\"mole\"]", "\"numbing cream\"", "\"lidocaine\"", "",
                        "\"2025-05-01T10:00+02:00\"", v);
       }},
  };
}

bool contains_marker(const fs::path& dir) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename() == marker()) return true;  // a slug of the hostile text may hold it
  return false;
}

// Checks one gnuplot script: string literals on one line, only printable ASCII in them, none that
// starts a pipe ('<' or '|'); no backquote anywhere; no system() and no shell escape (!) in code.
void expect_safe_script(const fs::path& file, const std::string& context) {
  const auto script = read_text(file);
  EXPECT_EQ(script.find('`'), std::string::npos) << context << file;
  EXPECT_NE(script.find("noenhanced"), std::string::npos) << context << file;
  std::string code;  // the script without its string literals and comments
  std::size_t i = 0;
  while (i < script.size()) {
    const char c = script[i];
    if (c == '#') {
      while (i < script.size() && script[i] != '\n') ++i;
    } else if (c == '\'' || c == '"') {
      std::string literal;
      ++i;
      for (; i < script.size(); ++i) {
        if (c == '\'' && script[i] == '\'' && i + 1 < script.size() && script[i + 1] == '\'') {
          literal += script[++i];
        } else if (c == '"' && script[i] == '\\' && i + 1 < script.size()) {
          literal += script[++i];
        } else if (script[i] == c) {
          break;
        } else {
          literal += script[i];
        }
      }
      ++i;
      code += " S ";
      for (const char l : literal) {
        const auto byte = static_cast<unsigned char>(l);
        EXPECT_TRUE(byte >= 0x20 && byte < 0x7F) << context << file << ": byte " << int{byte} << " in " << literal;
      }
      EXPECT_FALSE(!literal.empty() && (literal.front() == '<' || literal.front() == '|')) << context << literal;
    } else {
      code += c;
      ++i;
    }
  }
  EXPECT_EQ(code.find("system"), std::string::npos) << context << file << "\n" << code;
  std::istringstream lines(code);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(" \t");
    EXPECT_FALSE(first != std::string::npos && line[first] == '!') << context << file << ": " << line;
  }
}

// Runs `mnsim COMMAND input` in a fresh working directory and checks everything it left.
void run_hostile(const fs::path& case_dir, const std::string& command, const std::string& input,
                 const std::string& context, const std::string& options) {
  const auto work = case_dir / "work";
  fs::create_directories(work);
  std::ofstream(work / "input.toml", std::ios::binary) << input;
  const auto r = test::run_shell("cd '" + work.string() + "' && '" + MNSIM_EXE + "' " + command +
                                 " input.toml -o run " + options + " 2>&1");
  SCOPED_TRACE(context + "\n" + r.output.substr(r.output.size() - std::min<std::size_t>(r.output.size(), 2000)));
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 2) << "exit code " << r.exit_code;
  EXPECT_FALSE(contains_marker(case_dir));
  EXPECT_FALSE(fs::exists(fs::temp_directory_path() / marker()));
  EXPECT_FALSE(fs::exists(fs::current_path() / marker()));

  // Nothing beside the input and the run directory, nothing above them.
  for (const auto& entry : fs::directory_iterator(case_dir)) EXPECT_EQ(entry.path().filename(), "work");
  for (const auto& entry : fs::directory_iterator(work)) {
    const auto name = entry.path().filename().string();
    EXPECT_TRUE(name == "input.toml" || name == "run") << name;
  }
  const auto run = work / "run";
  if (r.exit_code != 0) {
    EXPECT_FALSE(fs::exists(run)) << "a refused input left a run directory";
    return;
  }
  ASSERT_TRUE(fs::is_directory(run));
  const std::regex safe_name("^[A-Za-z0-9._-]+$");
  bool any_script = false;
  for (const auto& entry : fs::recursive_directory_iterator(run)) {
    const auto name = entry.path().filename().string();
    EXPECT_TRUE(std::regex_match(name, safe_name)) << name;
    EXPECT_FALSE(entry.is_symlink()) << name;
    EXPECT_TRUE(name != "." && name != "..") << name;
    EXPECT_LE(name.size(), 100U) << name;
    if (entry.path().extension() == ".gp") {
      any_script = true;
      expect_safe_script(entry.path(), context + ": ");
    }
  }
  EXPECT_TRUE(any_script) << "no figures drawn: the check saw no gnuplot script";
  if (fs::exists(run / "report.html")) {
    auto html = read_text(run / "report.html");
    std::transform(html.begin(), html.end(), html.begin(), [](unsigned char c) { return std::tolower(c); });
    EXPECT_EQ(html.find("<script"), std::string::npos);
  }
}

class HostileText : public testing::TestWithParam<Field> {};

TEST_P(HostileText, RunsOrIsRefusedAndNeverEscapes) {
  const auto& field = GetParam();
  const auto dir = test::scratch_dir("hostile-" + field.name);
  // Point estimates: the figures are what matters here, not the ranges.
  const std::string options =
      field.command == "plan" ? "--samples 2 --set transport.samples=0" : "--samples 0 --set transport.samples=0";
  int index = 0;
  for (const auto& hostile : hostile_strings()) {
    run_hostile(dir / std::to_string(index++), field.command, field.file(toml_string(hostile.text)),
                field.name + ", " + hostile.what, options);
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(EveryTextKey, HostileText, testing::ValuesIn(fields()),
                         [](const testing::TestParamInfo<Field>& param) { return param.param.name; });

// The original report (issue #27): a product name with a newline ran `touch PWNED` through the
// transport figure's gnuplot script.
TEST(HostileTextRepro, ProductNameWithANewlineRunsNothing) {
  const auto dir = test::scratch_dir("hostile-repro");
  std::ofstream(dir / "i.toml") << "[[product]]\nname = \"x\\nsystem(\\\"touch PWNED\\\")\\n#\"\n";
  const auto r = test::run_shell("cd '" + dir.string() + "' && '" + MNSIM_EXE + "' simulate i.toml -o out 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(fs::exists(dir / "PWNED"));
  EXPECT_FALSE(fs::exists(dir / "out" / "PWNED"));
  const auto figures = read_text(dir / "out" / "summary.json");
  EXPECT_NE(figures.find("transport_1_x_system_touch_pwned.png"), std::string::npos) << figures;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mnsim
