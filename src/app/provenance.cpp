#include "app/provenance.hpp"

#include <algorithm>
#include <vector>

#include "core/build_info.hpp"
#include "core/file_digest.hpp"
#include "core/version.hpp"

namespace mnsim::app {

nlohmann::json data_checksums(const std::filesystem::path& data_dir) {
  std::vector<std::filesystem::path> tables;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data_dir)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".csv" || extension == ".toml")) tables.push_back(entry.path());
  }
  std::sort(tables.begin(), tables.end());
  nlohmann::json checksums = nlohmann::json::object();
  for (const auto& table : tables) checksums[table.lexically_relative(data_dir).generic_string()] = sha256_file(table);
  return checksums;
}

nlohmann::json provenance_json(const std::filesystem::path& data_dir, const nlohmann::json& checksums,
                               std::int64_t seed) {
  return {{"mnsim_version", version_string},
          {"git_commit", std::string(build_commit())},
          {"git_tree_dirty", build_tree_dirty()},
          {"schema_version", output_schema_version},
          {"seed", seed},
          {"results_independent_of_threads", true},
          {"data_dir", std::filesystem::absolute(data_dir).lexically_normal().string()},
          {"data_sha256", checksums}};
}

}  // namespace mnsim::app
