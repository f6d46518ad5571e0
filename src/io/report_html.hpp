#pragma once
// report.html: the treatment plan as one self-contained page (inline CSS, figures drawn by
// gnuplot as inline SVG, no scripts, no external files), readable on a phone and printable.
// It says once, plainly, that it is a model prediction and not medical advice, and shows
// every prediction with its uncertainty range.
#include <filesystem>
#include <string>
#include <vector>

#include "io/markup_escape.hpp"
#include "plan/plan.hpp"

namespace mnsim::io {

struct ReportOptions {
  std::string generated_utc;  // e.g. "2025-05-01 10:00 UTC"
  std::string version;        // mnsim version
};

struct Report {
  std::string html;
  std::vector<std::string> figures;  // names of the figures drawn
  std::string note;                  // why figures are missing, when they are
};

// Builds the page. The gnuplot scripts and data of the figures are written into `figure_dir`
// (created if needed) and kept, so a user can restyle and redraw them; without gnuplot the page
// has tables only and `note` says so.
Report report_html(const plan::Plan& plan, const ReportOptions& options, const std::filesystem::path& figure_dir);

// Makes the ids of one inline SVG unique within a page by prefixing them (and their
// references) with `prefix`, and drops the XML prolog.
std::string inline_svg(std::string_view svg, std::string_view prefix);

}  // namespace mnsim::io
