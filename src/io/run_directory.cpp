#include "io/run_directory.hpp"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/clock.hpp"
#include "core/data_dir.hpp"
#include "core/version.hpp"
#include "io/interrupt_cleanup.hpp"

namespace mnsim::io {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view staging_infix = ".partial-";

std::string staging_name(const std::string& final_name, long pid) {
  return fmt::format(".{}{}{}", final_name, staging_infix, pid);
}

// `inner` is `outer` or lies inside it (both absolute and lexically normal).
bool contains(const fs::path& outer, const fs::path& inner) {
  auto o = outer.begin(), i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // the empty element of a trailing separator
    if (i == inner.end() || *o != *i) return false;
  }
  return true;
}

fs::path resolved(const fs::path& p) {
  std::error_code ec;
  auto r = fs::weakly_canonical(fs::absolute(p), ec);
  return ec ? fs::absolute(p).lexically_normal() : r;
}

// A process that may still be writing its staging folder. (A reused pid keeps a stale folder
// until that process ends too: the safe side.)
bool alive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH); }

std::string marker_text() {
  return fmt::format(
      "This directory was written by mnsim {}. `mnsim ... --force` may replace it; mnsim replaces no "
      "directory without this file.\n",
      version_string);
}

}  // namespace

RunDirectory::RunDirectory(fs::path final_dir, bool replace_existing, RunDirectoryOrigin origin)
    : final_dir_(std::move(final_dir)), replace_existing_(replace_existing), origin_(std::move(origin)) {
  if (final_dir_.filename().empty()) final_dir_ = final_dir_.parent_path();
  if (final_dir_.empty() || final_dir_.filename().empty() || final_dir_.filename() == "." ||
      final_dir_.filename() == "..")
    refuse("is not a name for a new run directory", "give a new folder's name, for example runs/my-run");
  const auto name = final_dir_.filename().string();
  // The staging folder's name is the run's name with a prefix and suffix: both must fit NAME_MAX.
  const auto longest = staging_name(name, LONG_MAX).size();
  if (longest > NAME_MAX)
    refuse(fmt::format("the folder name is {} characters long; at most {} fit", name.size(),
                       name.size() - (longest - NAME_MAX)),
           "choose a shorter name");

  std::error_code ec;
  const auto status = fs::symlink_status(final_dir_, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    refuse(fmt::format("cannot be examined: {}", ec.message()), "choose another -o DIR");
  if (fs::is_symlink(status))
    refuse("is a symbolic link", "give the real path of a new folder; mnsim does not write through links");
  if (fs::exists(status)) {
    if (!replace_existing_)
      refuse("the run directory already exists", "choose another -o DIR or pass --force to replace it");
    check_replaceable();
  }

  // Parent folders are created here, before the run, and removed again if the run fails.
  const auto parent = final_dir_.has_parent_path() ? final_dir_.parent_path() : fs::path(".");
  for (auto p = parent; !p.empty() && p != p.root_path(); p = p.parent_path()) {
    if (fs::exists(fs::symlink_status(p, ec))) break;
    if (ec && ec != std::errc::no_such_file_or_directory)
      refuse(fmt::format("cannot create the folder {}: {}", p.string(), ec.message()), "choose another -o DIR");
    created_parents_.push_back(p);
  }
  fs::create_directories(parent, ec);
  if (ec) {
    created_parents_.clear();
    refuse(fmt::format("cannot create the folder {}: {}", parent.string(), ec.message()),
           "choose a folder you can write to");
  }
  remove_stale_staging();
  staging_dir_ = parent / staging_name(name, ::getpid());
  fs::remove_all(staging_dir_, ec);
  fs::create_directory(staging_dir_, ec);
  if (ec) {
    for (const auto& p : created_parents_) fs::remove(p, ec);
    refuse(fmt::format("cannot write in {}: {}", parent.string(), ec.message()), "choose a folder you can write to");
  }
  register_unfinished(staging_dir_, created_parents_);
  write(run_marker_name, marker_text());
}

RunDirectory::~RunDirectory() {
  if (committed_) return;
  std::error_code ec;  // best effort: a destructor must not throw
  fs::remove_all(staging_dir_, ec);
  for (const auto& p : created_parents_) fs::remove(p, ec);  // only if empty
  forget_unfinished(staging_dir_);
}

void RunDirectory::refuse(const std::string& message, const std::string& hint) const {
  const auto where = origin_.where.file.empty() ? SourceLocation{final_dir_.string(), 0, 0} : origin_.where;
  const auto text = origin_.where.file.empty() ? message : fmt::format("{} {}", final_dir_.string(), message);
  throw InputError(where, origin_.key, text, hint);
}

// --force replaces a directory only if mnsim made it, and never one that holds the working
// directory, the home directory or mnsim's own files, whatever it holds.
void RunDirectory::check_replaceable() const {
  const auto target = resolved(final_dir_);
  if (!fs::is_directory(target))
    refuse("is a file, not a run directory", "choose another -o DIR; --force replaces only run directories");
  std::error_code ec;
  if (contains(target, resolved(fs::current_path(ec))))
    refuse("holds the current directory", "--force never replaces ., .. or a folder above them; choose a new -o DIR");
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0' && contains(target, resolved(home)))
    refuse("holds the home directory", "choose a new -o DIR");
  if (contains(target, resolved(data_dir())))
    refuse("holds mnsim's own data", "choose a new -o DIR outside the source tree's data");
  if (!fs::is_regular_file(target / run_marker_name))
    refuse(fmt::format("was not made by mnsim (it has no {} file), so --force does not replace it", run_marker_name),
           "remove it yourself if you mean to, or choose another -o DIR");
}

// Staging folders of this run's name left by runs that were killed outright (SIGKILL, a crash):
// removed when their process is gone, and only if they hold mnsim's marker.
void RunDirectory::remove_stale_staging() const {
  const auto parent = final_dir_.has_parent_path() ? final_dir_.parent_path() : fs::path(".");
  const auto prefix = fmt::format(".{}{}", final_dir_.filename().string(), staging_infix);
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const auto entry_name = it->path().filename().string();
    if (entry_name.rfind(prefix, 0) != 0) continue;
    const auto digits = entry_name.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const long pid = std::stol(digits);
    std::error_code entry_ec;
    if (alive(pid) || fs::is_symlink(it->symlink_status(entry_ec)) ||
        !fs::is_regular_file(it->path() / run_marker_name, entry_ec))
      continue;
    fs::remove_all(it->path(), entry_ec);
    if (!entry_ec)
      fmt::print(stderr, "mnsim: removed {}, left by an earlier run (process {}) that did not finish\n",
                 it->path().string(), pid);
  }
}

void RunDirectory::write(std::string_view name, std::string_view content) {
  const auto path = staging_dir_ / name;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);  // a name may hold folders: points/03/summary.json
  if (ec) throw OutputError(fmt::format("cannot create {}: {}", path.parent_path().string(), ec.message()));
  // POSIX calls rather than a stream: a failure (a full disk, a file too large) keeps its errno.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const auto fail = [&](const char* what) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    throw OutputError(fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(error)));
  };
  if (fd < 0) fail("create");
  for (std::size_t done = 0; done < content.size();) {
    const auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write");
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    throw OutputError(fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
  }
}

void RunDirectory::commit() {
  commit_unfinished(staging_dir_, [&] {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(final_dir_, ec))) {
      if (!replace_existing_) refuse("the run directory already exists", "choose another -o DIR or pass --force");
      check_replaceable();  // again: it may have changed while the run ran
      fs::remove_all(final_dir_, ec);
      if (ec) throw OutputError(fmt::format("cannot replace {}: {}", final_dir_.string(), ec.message()));
    }
    fs::rename(staging_dir_, final_dir_, ec);
    if (ec) throw OutputError(fmt::format("cannot move the run into {}: {}", final_dir_.string(), ec.message()));
    committed_ = true;
  });
}

fs::path default_run_directory(const fs::path& base, std::string_view stem) {
  // Local time for people; a SOURCE_DATE_EPOCH in UTC, as its convention asks, so that the name
  // does not depend on the time zone either.
  const auto seconds = std::chrono::system_clock::to_time_t(now());
  const auto stamp =
      fmt::format("{:%Y%m%d-%H%M%S}", source_date_epoch() ? fmt::gmtime(seconds) : fmt::localtime(seconds));
  fs::path candidate = base / fmt::format("{}-{}", stem, stamp);
  for (int n = 2; fs::exists(candidate); ++n) candidate = base / fmt::format("{}-{}-{}", stem, stamp, n);
  return candidate;
}

}  // namespace mnsim::io
