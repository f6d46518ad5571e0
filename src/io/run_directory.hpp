#pragma once
// A run directory that appears only when the run succeeded: files are written into a hidden
// staging directory next to it and moved into place by commit(). A run that throws, or is
// interrupted by SIGINT/SIGTERM/SIGHUP, leaves nothing that looks complete; staging folders of
// runs killed outright are removed by the next run to the same place.
//
// Every run directory holds a marker file (run_marker_name). --force replaces only a directory
// that holds it: mnsim never deletes what it did not create.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace mnsim::io {

inline constexpr const char* run_marker_name = ".mnsim-run";

// Where the run directory's path came from, for messages: "-o" on the command line, or the
// scenario's output.dir at its file and line.
struct RunDirectoryOrigin {
  std::string key = "-o";
  SourceLocation where;
};

class RunDirectory {
 public:
  // Throws InputError (before any work is done) if `final_dir` exists and `replace_existing` is
  // false, or if it is something --force must not replace, or cannot be created.
  RunDirectory(std::filesystem::path final_dir, bool replace_existing, RunDirectoryOrigin origin = {});
  ~RunDirectory();
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  // Throws OutputError naming the file and the system's reason (disk full, ...).
  void write(std::string_view name, std::string_view content);
  void commit();

  [[nodiscard]] const std::filesystem::path& final_path() const { return final_dir_; }
  [[nodiscard]] const std::filesystem::path& staging_path() const { return staging_dir_; }

 private:
  [[noreturn]] void refuse(const std::string& message, const std::string& hint) const;
  void check_replaceable() const;
  void remove_stale_staging() const;

  std::filesystem::path final_dir_;
  std::filesystem::path staging_dir_;
  std::vector<std::filesystem::path> created_parents_;  // innermost first, removed if the run fails
  bool replace_existing_;
  RunDirectoryOrigin origin_;
  bool committed_ = false;
};

// runs/<stem>-YYYYmmdd-HHMMSS, with a numeric suffix if that exists already.
std::filesystem::path default_run_directory(const std::filesystem::path& base, std::string_view stem);

}  // namespace mnsim::io
