/**
 * The report as one self-contained HTML document: inline styles (screen and print), inline SVG
 * charts, tables with their CSV and JSON embedded as data: links, and a Content-Security-Policy
 * that forbids every network request, so it opens the same anywhere, offline, and prints cleanly.
 */
import { columnIndexes, formatCell, tableCsv, tableJson } from '../../../shared/reports/table-format';
import type { Cell, ReportTable } from '../../../shared/reports/types';
import { esc } from '../charts/svg-frame';
import { REPORT_CSS } from './report-css';

/** One numbered section of a report. */
export interface ReportSection {
  id: string;
  title: string;
  html: string;
  /** Starts on a new printed page. */
  pageStart?: boolean;
}

/** What the document shows above the sections. */
export interface ReportHeading {
  title: string;
  subtitle: string;
  /** The findings in sentences, shown first. */
  summary: string[];
  /** Small facts under the title: "Made 2024-05-01 10:00", "LSTM Studio 0.1.0". */
  meta: string[];
}

/** No network, no scripts: only inline styles and data: images. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The whole HTML file. */
export function reportDocument(h: ReportHeading, sections: ReportSection[]): string {
  const toc = sections.map((s, i) => `<li><a href="#${esc(s.id)}">${i + 1}. ${esc(s.title)}</a></li>`).join('');
  const body = sections.map((s, i) => `<section id="${esc(s.id)}" class="section${s.pageStart ? ' page-start' : ''}"><h2>${i + 1}. ${esc(s.title)}</h2>${s.html}</section>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="LSTM Studio">
<title>${esc(h.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main class="report">
<header class="cover">
<div class="brand">LSTM Studio report</div>
<h1>${esc(h.title)}</h1>
<p class="subtitle">${esc(h.subtitle)}</p>
<p class="meta">${h.meta.map(esc).join(' · ')}</p>
${h.summary.length > 0 ? `<div class="findings"><ul>${h.summary.map((s) => `<li>${esc(s)}</li>`).join('')}</ul></div>` : ''}
<nav class="toc"><h2>Contents</h2><ol>${toc}</ol></nav>
</header>
${body}
</main>
</body>
</html>
`;
}

/** A table with formatted cells, and its CSV and JSON as download links (hidden in print). */
export function tableHtml(t: ReportTable, options: { caption?: boolean } = {}): string {
  const shown = columnIndexes(t, 'display');
  const numeric = t.columns.map((c) => c.kind !== 'text' && c.kind !== 'flag');
  const head = shown.map((i) => `<th${numeric[i] ? ' class="num"' : ''}>${esc(t.columns[i].label)}</th>`).join('');
  const cell = (v: Cell, i: number) => `<td${numeric[i] ? ' class="num"' : ''} data-col="${esc(t.columns[i].key)}">${esc(formatCell(v, t.columns[i].kind, t))}</td>`;
  const rows = t.rows.map((r) => `<tr>${shown.map((i) => cell(r[i], i)).join('')}</tr>`).join('');
  const csv = dataLink(`${t.id}.csv`, 'text/csv', tableCsv(t), 'CSV');
  const json = dataLink(`${t.id}.json`, 'application/json', tableJson(t), 'JSON');
  const caption = options.caption === false ? '' : `<div class="table-head"><h3>${esc(t.title)}</h3><span class="downloads">${csv} ${json}</span></div>`;
  return `<div class="table-block${t.rows.length <= 16 ? ' short' : ''}">${caption}<div class="table-wrap"><table data-table="${esc(t.id)}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></div>`;
}

/** A download link whose file is inside the link itself (no network, no server). */
function dataLink(name: string, type: string, text: string, label: string): string {
  return `<a class="download" download="${esc(name)}" href="data:${type};charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}">${label}</a>`;
}

/** A paragraph of plain text. */
export function para(text: string, cls?: string): string {
  return `<p${cls ? ` class="${cls}"` : ''}>${esc(text)}</p>`;
}

/** A list of notes, or nothing. */
export function notesHtml(notes: string[]): string {
  return notes.length === 0 ? '' : `<div class="notes"><strong>Notes</strong><ul>${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></div>`;
}
