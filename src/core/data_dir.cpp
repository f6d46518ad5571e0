#include "core/data_dir.hpp"

#include <cstdlib>
#include <system_error>

#include "core/version.hpp"

namespace mnsim {

namespace {

// The data of an installed copy, found from where the executable itself lies (Linux /proc), so
// that the installed tree can be moved or unpacked anywhere. Empty when not installed.
std::filesystem::path installed_data_dir() {
  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return {};
  const auto prefix = executable.parent_path().parent_path();
  auto candidate = prefix / "share" / "mnsim" / "data";
  if (executable.parent_path().filename() != "bin" || !std::filesystem::is_directory(candidate, error)) return {};
  return candidate;
}

}  // namespace

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("MNSIM_DATA_DIR"); env != nullptr && *env != '\0') return env;
  if (auto installed = installed_data_dir(); !installed.empty()) return installed;
  return default_data_dir;
}

}  // namespace mnsim
