#pragma once
// Minimal RFC 4180 CSV writing; the CSV library mnsim uses (libfccp) only reads.
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace mnsim::io {

class CsvWriter {
 public:
  explicit CsvWriter(const std::vector<std::string>& header) { row(header); }
  void row(const std::vector<std::string>& fields);
  [[nodiscard]] std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

// Shortest round-trip text of a double, for CSV and text outputs.
std::string number_text(double value);

}  // namespace mnsim::io
