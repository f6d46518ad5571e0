#include "app/session.hpp"

#include "app/provenance.hpp"
#include "core/run_parameters.hpp"
#include "device/parameters.hpp"
#include "io/parameters.hpp"
#include "mechanics/parameters.hpp"
#include "plan/parameters.hpp"
#include "response/hazard_parameters.hpp"
#include "response/parameters.hpp"
#include "response/wound_closure.hpp"
#include "skin/parameters.hpp"
#include "transport/parameters.hpp"

namespace mnsim::app {

const skin::Atlas& Session::atlas() {
  if (!atlas_) atlas_ = std::make_unique<skin::Atlas>(skin::Atlas::load(data_dir_));
  return *atlas_;
}

const device::Catalog& Session::catalog() {
  if (!catalog_) catalog_ = std::make_unique<device::Catalog>(device::Catalog::load(data_dir_));
  return *catalog_;
}

const transport::CompoundLibrary& Session::compounds() {
  if (!compounds_)
    compounds_ = std::make_unique<transport::CompoundLibrary>(transport::CompoundLibrary::load(data_dir_));
  return *compounds_;
}

const response::ProcedureCatalog& Session::procedures() {
  if (!procedures_)
    procedures_ = std::make_unique<response::ProcedureCatalog>(response::ProcedureCatalog::load(data_dir_));
  return *procedures_;
}

const nlohmann::json& Session::data_checksums() {
  std::call_once(checksums_once_, [this] { checksums_ = app::data_checksums(data_dir_); });
  return checksums_;
}

const Registry& Session::registry() {
  if (!registry_) {
    auto registry = std::make_unique<Registry>();
    // Section order here is the order of docs/scenario.md and of resolved scenarios.
    declare_run_parameters(*registry);
    skin::declare_parameters(*registry, atlas());
    device::declare_parameters(*registry);
    mechanics::declare_parameters(*registry);
    transport::declare_parameters(*registry);
    response::declare_parameters(*registry);
    response::declare_hazard_parameters(*registry);
    response::declare_wound_closure_parameters(*registry);
    plan::declare_parameters(*registry);
    io::declare_parameters(*registry);
    registry_ = std::move(registry);
  }
  return *registry_;
}

}  // namespace mnsim::app
