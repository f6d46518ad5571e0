#include "core/build_info.hpp"

// Generated at every build by cmake/git_commit.cmake; only this file includes it, so a new commit
// recompiles one source.
#include "core/git_commit.hpp"

namespace mnsim {

std::string_view build_commit() { return git_commit; }
bool build_tree_dirty() { return git_dirty; }

}  // namespace mnsim
