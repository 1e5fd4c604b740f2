/**
 * The report's stylesheet, inlined into every report: system fonts only (nothing to download), a
 * readable screen layout, and a print layout on A4 that keeps charts and table rows whole, repeats
 * table headers on each page and leaves out the download links.
 */
export const REPORT_CSS = `
:root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --soft: #f3f4f6; --accent: #2563eb; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
.report { max-width: 1000px; margin: 0 auto; padding: 28px 32px 48px; }
.brand { color: var(--accent); font-weight: 600; text-transform: uppercase; letter-spacing: .06em; font-size: 11px; }
h1 { font-size: 24px; margin: 4px 0 2px; line-height: 1.2; }
h2 { font-size: 17px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 14px; margin: 0; }
.subtitle { margin: 0 0 4px; font-size: 15px; }
.meta, .muted { color: var(--muted); font-size: 12px; }
.cover { margin-bottom: 20px; }
.findings { margin: 14px 0; padding: 10px 14px; background: #eff6ff; border-left: 4px solid var(--accent); border-radius: 4px; }
.findings ul { margin: 0; padding-left: 18px; }
.verdict { display: inline-block; padding: 4px 10px; border-radius: 4px; font-weight: 700; }
.verdict.bad { background: #fee2e2; color: #991b1b; }
.verdict.good { background: #dcfce7; color: #166534; }
.toc h2 { font-size: 13px; border: 0; margin: 14px 0 2px; padding: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.toc ol { margin: 0; padding: 0; list-style: none; columns: 2; font-size: 13px; }
.toc a { color: var(--ink); text-decoration: none; }
.section { margin-top: 26px; }
.section > p { margin: 6px 0 10px; }
.table-block { margin: 12px 0 16px; }
.table-head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; margin-bottom: 4px; }
.downloads { font-size: 12px; white-space: nowrap; }
.download { color: var(--accent); text-decoration: none; border: 1px solid #bfdbfe; border-radius: 3px; padding: 0 6px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td[data-col="value"] { overflow-wrap: anywhere; }
td[data-col="driver"], td[data-col="action"] { min-width: 14em; }
td[data-col="time_to_failure"], td[data-col="entity"] { white-space: nowrap; }
tr.level-high td:first-child { box-shadow: inset 3px 0 0 #dc2626; }
.chart { margin: 10px 0 16px; }
.chart figcaption { font-weight: 600; font-size: 13px; margin-bottom: 2px; }
.chart svg { width: 100%; height: auto; display: block; font-family: inherit; }
.chart .grid { stroke: #eef0f3; stroke-width: 1; }
.chart .axis { stroke: #9ca3af; stroke-width: 1; }
.chart .rule { stroke: #6b7280; stroke-width: 1; stroke-dasharray: 4 3; }
.chart .tick { fill: #4b5563; font-size: 11px; }
.chart .axis-title { fill: #374151; font-size: 11.5px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: #374151; margin-top: 2px; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 16px; height: 10px; }
.swatch-line { border-top: 2px solid var(--c); height: 0; }
.swatch-dash { border-top: 2px dashed var(--c); height: 0; }
.swatch-band, .swatch-bar { background: var(--c); opacity: .35; }
.swatch-bar { opacity: 1; }
.swatch-dot { width: 8px; height: 8px; border-radius: 50%; background: var(--c); }
.two-col { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
.notes { margin: 10px 0; padding: 8px 12px; background: #fffbeb; border-left: 3px solid #f59e0b; font-size: 12.5px; }
.notes ul { margin: 4px 0 0; padding-left: 18px; }
@page { size: A4; margin: 14mm 12mm 14mm; }
@media print {
  body { font-size: 11px; }
  .report { max-width: none; padding: 0; }
  .downloads, .toc { display: none; }
  h1 { font-size: 20px; }
  h2 { font-size: 14px; break-after: avoid; page-break-after: avoid; }
  .table-head { break-after: avoid; page-break-after: avoid; }
  .section { margin-top: 16px; }
  .section.page-start { break-before: page; page-break-before: always; }
  .chart, tr, .findings, .notes, .table-block.short { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 10px; }
  th, td { padding: 2.5px 5px; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .two-col { gap: 10px; }
}
`;
