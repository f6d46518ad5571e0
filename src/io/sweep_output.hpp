#pragma once
// What `mnsim sweep` writes: the table of its points (sweep.csv), its summary.json block and the
// text printed on the terminal.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mnsim::io {

struct SweepTable {
  std::vector<std::string> varied;                   // varied keys, in the order of the axes
  std::vector<std::string> keys;                     // summary.json entries read at every point
  std::vector<std::vector<std::string>> values;      // per point, one value per varied key
  std::vector<std::vector<nlohmann::json>> results;  // per point, one entry per key (null: absent)
  std::vector<std::string> point_dirs;               // per point, its folder in the run directory
};

// point, the varied keys, then the entries read (numbers in shortest round-trip form, empty when
// a point's summary lacks the entry).
std::string sweep_csv(const SweepTable& table);
// {varied, keys, points: [{point, dir, values: {key: text}, results: {key: value}}]}
nlohmann::json sweep_json(const SweepTable& table);
// An aligned table, one line per point.
std::string sweep_text(const SweepTable& table);

}  // namespace mnsim::io
