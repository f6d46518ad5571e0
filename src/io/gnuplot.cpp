#include "io/gnuplot.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <vector>

extern char** environ;

namespace mnsim::io {

namespace {

constexpr std::size_t max_label_chars = 80;

bool allowed_in_label(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view(" .,:+-()%/=[]_").find(c) != std::string_view::npos;
}

// Owns the file actions so that every return path destroys them.
class FileActions {
 public:
  FileActions() { ok_ = posix_spawn_file_actions_init(&actions_) == 0; }
  ~FileActions() {
    if (ok_) posix_spawn_file_actions_destroy(&actions_);
  }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  [[nodiscard]] bool ok() const { return ok_; }
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_{};
  bool ok_ = false;
};

// Spawn attributes that give the child an empty signal mask and default signal actions.
class SpawnAttributes {
 public:
  SpawnAttributes() {
    initialised_ = posix_spawnattr_init(&attributes_) == 0;
    if (!initialised_) return;
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGXFSZ, SIGPIPE}) sigaddset(&defaults, s);
    ok_ = posix_spawnattr_setsigmask(&attributes_, &none) == 0 &&
          posix_spawnattr_setsigdefault(&attributes_, &defaults) == 0 &&
          posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) == 0;
  }
  ~SpawnAttributes() {
    if (initialised_) posix_spawnattr_destroy(&attributes_);
  }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
  [[nodiscard]] bool ok() const { return ok_; }
  posix_spawnattr_t* get() { return &attributes_; }

 private:
  posix_spawnattr_t attributes_{};
  bool initialised_ = false;
  bool ok_ = false;
};

}  // namespace

std::optional<std::filesystem::path> find_gnuplot() {
  const char* env = std::getenv("PATH");
  const std::string_view path = env != nullptr ? env : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find(':', start), path.size());
    const std::filesystem::path dir(path.substr(start, end - start));
    start = end + 1;
    // A relative entry (or an empty one, meaning the working directory) would resolve against
    // wherever mnsim happens to run, or against the run directory in the child: skipped.
    if (!dir.is_absolute()) continue;
    const auto candidate = dir / "gnuplot";
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

bool run_gnuplot(const std::filesystem::path& dir, const std::string& script) {
  const auto gnuplot = find_gnuplot();
  if (!gnuplot) return false;
  FileActions actions;
  if (!actions.ok()) return false;
  auto* fa = actions.get();
  if (posix_spawn_file_actions_addchdir_np(fa, dir.c_str()) != 0 ||
      posix_spawn_file_actions_addopen(fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0) != 0 ||
      posix_spawn_file_actions_addopen(fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0) != 0 ||
      posix_spawn_file_actions_adddup2(fa, STDOUT_FILENO, STDERR_FILENO) != 0)
    return false;
  // The argument vector is passed as is: no shell ever sees the directory or the script name.
  std::string arg0 = "gnuplot";
  std::string arg1 = script;
  std::vector<char*> argv{arg0.data(), arg1.data(), nullptr};
  pid_t pid = 0;
  // mnsim blocks the interrupt signals in its own threads (io/interrupt_cleanup.hpp); gnuplot gets
  // an empty mask and default actions back, so Ctrl-C ends it too.
  SpawnAttributes attributes;
  if (!attributes.ok()) return false;
  if (posix_spawn(&pid, gnuplot->c_str(), fa, attributes.get(), argv.data(), environ) != 0) return false;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string gnuplot_label(std::string_view text) {
  std::string out;
  const auto put = [&out](char c) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) return;  // collapse, no leading space
    out += c;
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      // One '?' per UTF-8 character: its lead byte counts, its continuation bytes do not.
      if (byte >= 0xC0) put('?');
    } else if (byte < 0x20 || byte == 0x7F) {
      put(' ');
    } else {
      put(allowed_in_label(c) ? c : '?');
    }
    if (out.size() > max_label_chars) break;
  }
  if (out.size() > max_label_chars) out = out.substr(0, max_label_chars - 3) + "...";
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return "'" + out + "'";
}

}  // namespace mnsim::io
