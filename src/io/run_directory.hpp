#pragma once
// A run directory that appears only when the run succeeded: files are written into a hidden
// staging directory next to it and moved into place by commit(). A run that throws leaves
// nothing that looks complete.
#include <filesystem>
#include <string_view>

namespace mnsim::io {

class RunDirectory {
 public:
  // Throws InputError if `final_dir` exists and `replace_existing` is false.
  RunDirectory(std::filesystem::path final_dir, bool replace_existing);
  ~RunDirectory();
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  void write(std::string_view name, std::string_view content);
  void commit();

  [[nodiscard]] const std::filesystem::path& final_path() const { return final_dir_; }
  [[nodiscard]] const std::filesystem::path& staging_path() const { return staging_dir_; }

 private:
  std::filesystem::path final_dir_;
  std::filesystem::path staging_dir_;
  bool replace_existing_;
  bool committed_ = false;
};

// runs/<stem>-YYYYmmdd-HHMMSS, with a numeric suffix if that exists already.
std::filesystem::path default_run_directory(const std::filesystem::path& base, std::string_view stem);

}  // namespace mnsim::io
