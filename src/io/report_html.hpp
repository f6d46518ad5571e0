#pragma once
// report.html: the treatment plan for the practitioner as one self-contained page (inline CSS,
// figures drawn by gnuplot as inline SVG, no scripts, no external files), readable on a phone and
// printable on A4. It says once, plainly, that it is a model prediction and not medical advice,
// shows every prediction with its uncertainty range, every screening rule with its source and
// evidence tag, and marks what rests on a source from memory (tag M). Quantities, goals and
// instructions read through io/quantity_labels.hpp, never as keys. The patient's page is
// patient.html (io/patient_page.hpp).
#include <filesystem>
#include <string>
#include <vector>

#include "io/markup_escape.hpp"
#include "plan/plan.hpp"

namespace mnsim::io {

struct ReportOptions {
  std::string generated_utc;  // e.g. "2025-05-01 10:00 UTC"
  std::string version;        // mnsim version
  // The protocol table the recommendations were drawn from, to show each area's literature range
  // with its source and evidence tag (the plan does not carry them); null: not shown.
  const plan::ProtocolTable* protocols = nullptr;
  std::string patient_page;  // file name of the patient's page beside it, linked when not empty
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
