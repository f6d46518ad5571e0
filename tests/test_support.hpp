#pragma once
// Shared helpers of the test suite: paths into the source tree and the full registry.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace mnsim::test {

inline std::filesystem::path source_dir() { return MNSIM_SOURCE_DIR; }
// The data tables the binary reads too: $MNSIM_DATA_DIR if set, else the source tree's data/.
inline std::filesystem::path data_dir() {
  const char* env = std::getenv("MNSIM_DATA_DIR");
  return env != nullptr && *env != '\0' ? std::filesystem::path(env) : source_dir() / "data";
}

// A fresh empty directory for one test, unique across concurrently running test processes.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("mnsim-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace mnsim::test
