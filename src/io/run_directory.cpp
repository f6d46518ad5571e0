#include "io/run_directory.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "core/error.hpp"

namespace mnsim::io {

namespace fs = std::filesystem;

RunDirectory::RunDirectory(fs::path final_dir, bool replace_existing)
    : final_dir_(std::move(final_dir)), replace_existing_(replace_existing) {
  if (final_dir_.filename().empty()) final_dir_ = final_dir_.parent_path();
  std::error_code ec;
  if (fs::exists(final_dir_, ec) && !replace_existing_) {
    throw InputError({final_dir_.string(), 0, 0}, "-o", "the run directory already exists",
                     "choose another -o DIR or pass --force to replace it");
  }
  const auto parent = final_dir_.has_parent_path() ? final_dir_.parent_path() : fs::path(".");
  staging_dir_ = parent / fmt::format(".{}.partial-{}", final_dir_.filename().string(), ::getpid());
  fs::create_directories(parent, ec);
  if (ec) throw InputError({parent.string(), 0, 0}, "-o", fmt::format("cannot create the directory: {}", ec.message()));
  fs::remove_all(staging_dir_, ec);
  fs::create_directory(staging_dir_, ec);
  if (ec)
    throw InputError({staging_dir_.string(), 0, 0}, "-o", fmt::format("cannot create the directory: {}", ec.message()));
}

RunDirectory::~RunDirectory() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_dir_, ec);  // best effort: a destructor must not throw
}

void RunDirectory::write(std::string_view name, std::string_view content) {
  const auto path = staging_dir_ / name;
  fs::create_directories(path.parent_path());  // a name may hold folders: points/03/summary.json
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

void RunDirectory::commit() {
  std::error_code ec;
  if (fs::exists(final_dir_, ec)) {
    if (!replace_existing_) throw InputError({final_dir_.string(), 0, 0}, "-o", "the run directory already exists");
    fs::remove_all(final_dir_, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot replace {}: {}", final_dir_.string(), ec.message()));
  }
  fs::rename(staging_dir_, final_dir_, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot move the run into {}: {}", final_dir_.string(), ec.message()));
  committed_ = true;
}

fs::path default_run_directory(const fs::path& base, std::string_view stem) {
  const auto now = std::chrono::system_clock::now();
  const auto stamp = fmt::format("{:%Y%m%d-%H%M%S}", fmt::localtime(std::chrono::system_clock::to_time_t(now)));
  fs::path candidate = base / fmt::format("{}-{}", stem, stamp);
  for (int n = 2; fs::exists(candidate); ++n) candidate = base / fmt::format("{}-{}-{}", stem, stamp, n);
  return candidate;
}

}  // namespace mnsim::io
