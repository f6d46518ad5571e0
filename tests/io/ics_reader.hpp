#pragma once
// Reads aftercare.ics back for the calendar tests: unfolds lines, splits events, unescapes TEXT
// values, and reads the areas a visit event names. Written independently of io/ics_writer.cpp
// (from RFC 5545 and the documented event text), so that a test does not check the writer with
// its own code; tests/io/check_ics.py does the same with a real parser (python3-icalendar).
#include <algorithm>
#include <chrono>
#include <exception>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace mnsim::test {

struct IcsEvent {
  std::map<std::string, std::string> properties;  // name (without parameters) -> unescaped value

  [[nodiscard]] std::string get(const std::string& name) const {
    const auto it = properties.find(name);
    return it == properties.end() ? std::string() : it->second;
  }
};

// RFC 5545 3.3.11: \\ \; \, \n (or \N).
inline std::string ics_unescape(const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      out += value[i];
      continue;
    }
    const char next = value[++i];
    out += next == 'n' || next == 'N' ? '\n' : next;
  }
  return out;
}

// The events of a calendar text, in file order.
inline std::vector<IcsEvent> read_ics_events(const std::string& text) {
  // RFC 5545 3.1: CRLF followed by one space or tab continues the previous line.
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (!lines.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    start = end + 2;
  }
  std::vector<IcsEvent> events;
  std::optional<IcsEvent> current;
  for (const auto& line : lines) {
    if (line == "BEGIN:VEVENT") {
      current.emplace();
    } else if (line == "END:VEVENT" && current) {
      events.push_back(std::move(*current));
      current.reset();
    } else if (current) {
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      const std::string name = line.substr(0, std::min(colon, line.find(';')));
      current->properties.emplace(name, ics_unescape(line.substr(colon + 1)));
    }
  }
  return events;
}

// A UTC DATE-TIME value, YYYYMMDDTHHMMSSZ; nullopt for anything else.
inline std::optional<std::chrono::sys_seconds> ics_utc(const std::string& value) {
  if (value.size() != 16 || value[8] != 'T' || value[15] != 'Z') return std::nullopt;
  try {
    const std::chrono::year_month_day ymd{std::chrono::year(std::stoi(value.substr(0, 4))),
                                          std::chrono::month(static_cast<unsigned>(std::stoi(value.substr(4, 2)))),
                                          std::chrono::day(static_cast<unsigned>(std::stoi(value.substr(6, 2))))};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days(ymd) + std::chrono::hours(std::stoi(value.substr(9, 2))) +
           std::chrono::minutes(std::stoi(value.substr(11, 2))) + std::chrono::seconds(std::stoi(value.substr(13, 2)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// One area a visit event names: a DESCRIPTION line "- NAME: needle depth D mm, P pass(es) ...".
struct NamedArea {
  std::string name;
  double needle_depth_mm = 0.0;
  int passes = 0;
};

inline std::vector<NamedArea> visit_areas(const IcsEvent& event) {
  std::vector<NamedArea> out;
  std::istringstream lines(event.get("DESCRIPTION"));
  std::string line;
  const std::string marker = ": needle depth ";
  while (std::getline(lines, line)) {
    const auto at = line.rfind(marker);
    if (line.rfind("- ", 0) != 0 || at == std::string::npos) continue;
    NamedArea area{.name = line.substr(2, at - 2)};
    std::istringstream rest(line.substr(at + marker.size()));
    std::string mm;
    rest >> area.needle_depth_mm >> mm;
    rest >> area.passes;
    if (!rest || mm != "mm,") area.passes = -1;  // malformed: a test comparing it fails
    out.push_back(std::move(area));
  }
  return out;
}

}  // namespace mnsim::test
