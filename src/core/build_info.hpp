#pragma once
// What built this binary: the version, and the git commit of the source tree at build time.
#include <string_view>

namespace mnsim {

std::string_view build_commit();  // 40 hex digits, or "unknown" outside a git checkout
bool build_tree_dirty();          // tracked files differed from that commit when it was built

}  // namespace mnsim
