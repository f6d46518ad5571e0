#pragma once
// SHA-256 of a file, as lowercase hex: how outputs name the exact data tables that made them.
#include <filesystem>
#include <string>

namespace mnsim {

// Throws DataError when the file cannot be read.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace mnsim
