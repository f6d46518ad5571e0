#pragma once
// The injury of a session as JSON (summary.json "device" and "injury"), as a puncture table
// (punctures.csv), as needle tracks for ParaView (punctures.vtk) and as terminal text.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "device/device_spec.hpp"
#include "device/puncture_map.hpp"
#include "io/plots.hpp"
#include "mechanics/injury.hpp"

namespace mnsim::io {

nlohmann::json device_json(const device::DeviceSpec& device, const device::Protocol& protocol);
nlohmann::json injury_json(const mechanics::Injury& injury);
// What a practitioner must be told about the injury itself: needles past the dermis of the site
// (summary.json injury.cautions, and the text).
std::vector<std::string> injury_cautions(const mechanics::InjurySummary& summary);

// Every `stride`-th puncture (1 = all).
std::string punctures_csv(const device::PunctureMap& map, const mechanics::Injury& injury, std::size_t stride);
// Legacy VTK polydata (binary): one line per puncture from the surface to the depth reached, in
// um with z the depth below the surface (as the concentration fields), with the puncture's values
// as cell data.
std::string punctures_vtk(const device::PunctureMap& map, const mechanics::Injury& injury, std::size_t stride);

// The tables behind the figures: the central window of the map and a 40-bin depth histogram.
InjuryFigureData injury_figure_data(const device::PunctureMap& map, const mechanics::Injury& injury);

std::string injury_text(const device::DeviceSpec& device, const mechanics::Injury& injury);

}  // namespace mnsim::io
