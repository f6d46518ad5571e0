#include "io/interrupt_cleanup.hpp"

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <mutex>
#include <thread>

namespace mnsim::io {

namespace fs = std::filesystem;

namespace {

struct Unfinished {
  std::mutex mutex;
  std::map<fs::path, std::vector<fs::path>> staging;  // staging folder -> parents it created (innermost first)
};

Unfinished& unfinished() {
  static Unfinished registry;
  return registry;
}

sigset_t interrupt_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGXFSZ}) sigaddset(&set, s);
  return set;
}

[[noreturn]] void clean_up_and_exit(int signal) {
  auto& registry = unfinished();
  registry.mutex.lock();  // held until _exit: no commit can start after the cleanup
  for (const auto& [staging, parents] : registry.staging) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    for (const auto& parent : parents) fs::remove(parent, ec);  // only if empty: fs::remove on a folder is rmdir
    fmt::print(stderr, "mnsim: interrupted ({}): removed the unfinished run {}\n", strsignal(signal), staging.string());
  }
  std::fflush(stderr);
  ::_exit(128 + signal);
}

}  // namespace

void install_interrupt_cleanup() {
  const sigset_t set = interrupt_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set] {
    int signal = 0;
    while (sigwait(&set, &signal) != 0) {
    }
    clean_up_and_exit(signal);
  }).detach();
}

void register_unfinished(const fs::path& staging, const std::vector<fs::path>& parents) {
  auto& registry = unfinished();
  const std::lock_guard lock(registry.mutex);
  registry.staging[staging] = parents;
}

void forget_unfinished(const fs::path& staging) {
  auto& registry = unfinished();
  const std::lock_guard lock(registry.mutex);
  registry.staging.erase(staging);
}

void commit_unfinished(const fs::path& staging, const std::function<void()>& commit) {
  auto& registry = unfinished();
  const std::lock_guard lock(registry.mutex);
  commit();
  registry.staging.erase(staging);
}

}  // namespace mnsim::io
