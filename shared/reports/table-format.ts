/**
 * Report tables as text: cells formatted for reading (HTML, PDF), and the raw rows as CSV and JSON
 * (full precision, ISO times) for the analyst's own tools. Pure TypeScript.
 */
import { csvText, timeCell, type CsvRow } from '../csv';
import { fmtCount, fmtNumber, fmtPct, fmtTimeValue } from '../format';
import type { Cell, CellKind, ReportColumn, ReportTable } from './types';

/** A column spec in one call: `col('mae', 'MAE', 'number')`. */
export function col(key: string, label: string, kind: CellKind = 'number', show?: ReportColumn['show']): ReportColumn {
  return show ? { key, label, kind, show } : { key, label, kind };
}

/** The indexes of the columns shown in the HTML/PDF, or exported to CSV/JSON. */
export function columnIndexes(t: ReportTable, where: 'display' | 'export'): number[] {
  return t.columns.map((c, i) => (c.show === undefined || c.show === where ? i : -1)).filter((i) => i >= 0);
}

/** How a cell reads in the report: numbers as the CLI prints them, fractions as percentages, times as dates. */
export function formatCell(v: Cell, kind: CellKind, table: Pick<ReportTable, 'timeKind'> = {}): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'count':
      return fmtCount(v);
    case 'percent':
      return fmtPct(v);
    case 'time':
      return fmtTimeValue(v, table.timeKind ?? 'index');
    default:
      return fmtNumber(v);
  }
}

function exportCell(v: Cell, kind: CellKind, table: ReportTable): string | number | null {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (kind === 'time' && typeof v === 'number') return timeCell(v, table.timeKind ?? 'index');
  return v;
}

/** The table as CSV rows: a header of the column keys, then the raw values. */
export function tableCsvRows(t: ReportTable): CsvRow[] {
  const keep = columnIndexes(t, 'export');
  return [keep.map((i) => t.columns[i].key), ...t.rows.map((r) => keep.map((i) => exportCell(r[i], t.columns[i].kind, t)))];
}

/** The table as CSV text. */
export function tableCsv(t: ReportTable): string {
  return csvText(tableCsvRows(t));
}

/** The table as a JSON document: its id, title, column labels and one object per row (times in ISO 8601 for calendar data). */
export function tableJson(t: ReportTable): string {
  const keep = columnIndexes(t, 'export');
  const value = (v: Cell, i: number) => (typeof v === 'number' && !Number.isFinite(v) ? null : t.columns[i].kind === 'time' ? exportCell(v, 'time', t) : v);
  const rows = t.rows.map((r) => Object.fromEntries(keep.map((i) => [t.columns[i].key, value(r[i], i)])));
  return JSON.stringify({ table: t.id, title: t.title, columns: Object.fromEntries(keep.map((i) => [t.columns[i].key, t.columns[i].label])), rows }, null, 2) + '\n';
}

/** A file-safe id from free text: letters, digits, dots, dashes and underscores. */
export function fileSafe(text: string, fallback = 'table'): string {
  return text.replace(/[^\w.-]+/g, '_').replace(/^[_.]+|_+$/g, '') || fallback;
}

/** A two-column table of named facts (data summary, configuration, environment). */
export function factsTable(id: string, title: string, facts: [string, Cell][]): ReportTable {
  return { id, title, columns: [col('field', 'Field', 'text'), col('value', 'Value', 'text')], rows: facts.map(([k, v]) => [k, v]) };
}
