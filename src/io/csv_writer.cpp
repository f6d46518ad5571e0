#include "io/csv_writer.hpp"

#include <fmt/format.h>

namespace mnsim::io {

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out_ << ',';
    const auto& f = fields[i];
    if (f.find_first_of(",\"\n\r") == std::string::npos) {
      out_ << f;
      continue;
    }
    out_ << '"';
    for (const char c : f) {
      if (c == '"') out_ << '"';
      out_ << c;
    }
    out_ << '"';
  }
  out_ << '\n';
}

std::string number_text(double value) { return fmt::format("{}", value); }

}  // namespace mnsim::io
