#pragma once
#include <filesystem>

namespace mnsim {

// Directory of the shipped data tables: $MNSIM_DATA_DIR if set, else the source tree's data/.
std::filesystem::path data_dir();

}  // namespace mnsim
