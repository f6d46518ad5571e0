#pragma once
// The style both plan pages share (report.html for the practitioner, patient.html for the patient):
// readable on a phone, and printed on A4 without anything cut off at the right edge: long words and
// sources wrap inside their cells, figures shrink to the page, major sections start a new page.
// Header-only: the style and the page head that carries it.
#include <string>
#include <string_view>

namespace mnsim::io {

inline constexpr const char* page_css = R"(
:root { --ink:#1d2733; --muted:#5b6775; --line:#d7dde4; --go:#2f7f3f; --caution:#a86b00; --stop:#b03030; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink);
       max-width: 960px; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.08rem; margin-bottom: 0.3rem; }
.disclaimer { border: 2px solid var(--caution); background: #fff7e6; padding: 0.75rem 1rem; border-radius: 6px; }
.verdict { display: inline-block; padding: 0.3rem 0.8rem; border-radius: 999px; color: #fff; font-weight: 600; }
.verdict.go { background: var(--go); } .verdict.caution { background: var(--caution); }
.verdict.do_not_treat { background: var(--stop); } .verdict.sentence { border-radius: 8px; }
.level-contraindication { color: var(--stop); font-weight: 600; } .level-caution { color: var(--caution); font-weight: 600; }
.level-note { color: var(--muted); }
.memory { background: #fff1d6; border-left: 4px solid var(--caution); padding: 0.4rem 0.7rem; }
.tag-M { color: var(--stop); font-weight: 600; white-space: nowrap; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); }
td.long { overflow-wrap: anywhere; } td.num { white-space: nowrap; }
th { background: #f2f5f8; }
.range, .source { color: var(--muted); font-size: 0.9em; }
figure { margin: 1rem 0; max-width: 100%; } figure svg { width: 100%; max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.9rem; }
ol.aftercare li, ul.plain li { margin-bottom: 0.6rem; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 3rem 2rem; margin-top: 3.5rem; }
.sign div { border-top: 1px solid var(--ink); padding-top: 0.2rem; color: var(--muted); font-size: 0.9rem; }
.blank { display: inline-block; min-width: 16rem; border-bottom: 1px solid var(--ink); }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 600px) { body { font-size: 15px; padding: 0.6rem; } th, td { padding: 0.25rem; }
  .sign { grid-template-columns: 1fr; } }
@page { size: A4; margin: 15mm 14mm; }
@media print { body { max-width: none; padding: 0; font-size: 10.5pt; } .disclaimer, .memory { background: none; }
  .table-wrap { overflow: visible; } table { font-size: 9.5pt; }
  figure, tr, li, .sign, .keep { break-inside: avoid; } h2, h3 { break-after: avoid; } a { color: inherit; }
  h2.new-page { break-before: page; } }
)";

// The start of a page up to its first heading: doctype, head with the shared style, body.
inline std::string page_head(std::string_view title, std::string_view heading) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  h.append(title).append("</title>\n<style>").append(page_css);
  h.append("</style>\n</head>\n<body>\n<h1>").append(heading).append("</h1>\n");
  return h;
}

}  // namespace mnsim::io
