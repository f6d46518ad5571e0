#pragma once
#include <filesystem>

namespace mnsim {

// Directory of the shipped data tables, the first that applies:
//  1. $MNSIM_DATA_DIR, when set;
//  2. <prefix>/share/mnsim/data, when the running executable is <prefix>/bin/mnsim of an
//     installed copy (cmake --install or the .deb), so that it needs no source tree;
//  3. the source tree's data/ (a build that was not installed).
std::filesystem::path data_dir();

}  // namespace mnsim
