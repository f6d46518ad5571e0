#include "core/data_dir.hpp"

#include <cstdlib>

#include "core/version.hpp"

namespace mnsim {

std::filesystem::path data_dir() {
  if (const char* env = std::getenv("MNSIM_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return default_data_dir;
}

}  // namespace mnsim
