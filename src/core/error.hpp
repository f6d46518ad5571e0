#pragma once
// Error types of mnsim and the exit codes they map to (DESIGN.md: 0 ok, 1 other, 2 bad input,
// 3 numerical failure).
#include <stdexcept>
#include <string>

namespace mnsim {

enum class ExitCode : int { ok = 0, other = 1, bad_input = 2, numerical = 3 };

// Where a value came from: a file position, a command-line override or a default.
struct SourceLocation {
  std::string file;  // file path, "--set" for command-line overrides, empty for defaults
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown

  // "file:line:col", "file:line", "file" or "" depending on what is known.
  [[nodiscard]] std::string to_string() const;
};

// Bad input from the user: scenario file, command-line argument or user data file. Exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, std::string key, std::string message, std::string hint = {});

  [[nodiscard]] const SourceLocation& where() const { return where_; }
  [[nodiscard]] const std::string& key() const { return key_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  [[nodiscard]] const std::string& hint() const { return hint_; }

 private:
  SourceLocation where_;
  std::string key_;
  std::string message_;
  std::string hint_;
};

// A model or solver that could not produce a valid result. Exit code 3.
class NumericalError : public std::runtime_error {
 public:
  NumericalError(std::string stage, std::string quantity, std::string message);
  [[nodiscard]] const std::string& stage() const { return stage_; }
  [[nodiscard]] const std::string& quantity() const { return quantity_; }

 private:
  std::string stage_;
  std::string quantity_;
};

// An output that could not be written (a full disk, a file beyond the size limit, a folder that
// cannot be moved into place), with the system's reason. Exit code 1.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A shipped data table that is missing or malformed: an installation problem. Exit code 1.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mnsim
