#pragma once
// What every command needs, built once per invocation on first use: the anatomy atlas and the
// device catalog, the compound library, the comparator procedures (from the data directory) and the parameter registry
// assembled from every module's declarations.
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/registry.hpp"
#include "device/device_spec.hpp"
#include "response/comparators.hpp"
#include "skin/atlas.hpp"
#include "transport/compound.hpp"

namespace mnsim::app {

class Session {
 public:
  explicit Session(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

  const skin::Atlas& atlas();
  const device::Catalog& catalog();
  const Registry& registry();
  const transport::CompoundLibrary& compounds();
  const response::ProcedureCatalog& procedures();
  [[nodiscard]] const std::filesystem::path& data_dir() const { return data_dir_; }
  // SHA-256 of every data table (app/provenance.hpp), computed once; safe to call from the
  // parallel runs of sweep and validation.
  const nlohmann::json& data_checksums();

 private:
  std::filesystem::path data_dir_;
  std::unique_ptr<skin::Atlas> atlas_;
  std::unique_ptr<device::Catalog> catalog_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<transport::CompoundLibrary> compounds_;
  std::unique_ptr<response::ProcedureCatalog> procedures_;
  std::once_flag checksums_once_;
  nlohmann::json checksums_;
};

}  // namespace mnsim::app
