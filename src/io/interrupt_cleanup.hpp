#pragma once
// Removing unfinished run directories when mnsim is interrupted (SIGINT, SIGTERM, SIGHUP,
// SIGXFSZ). A signal handler may not remove a directory tree (the calls are not async-signal
// safe), so the signals are blocked in every thread and one thread waits for them with sigwait:
// it removes what is registered here in ordinary code, says so, and ends the process with
// 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
//
// The registry is process-wide because signals are: it is the one global of mnsim, and it holds
// only the paths of staging folders that RunDirectory created.
#include <filesystem>
#include <functional>
#include <vector>

namespace mnsim::io {

// Call once from main, before any other thread starts (threads inherit the blocked signals).
void install_interrupt_cleanup();

// A staging folder and the parent folders the run created for it (removed if empty).
void register_unfinished(const std::filesystem::path& staging, const std::vector<std::filesystem::path>& parents);
void forget_unfinished(const std::filesystem::path& staging);
// Runs `commit` (the staging folder moved into place) while no interrupt can remove it, then
// forgets the staging folder; if `commit` throws, the folder stays registered.
void commit_unfinished(const std::filesystem::path& staging, const std::function<void()>& commit);

}  // namespace mnsim::io
