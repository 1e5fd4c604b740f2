/** CSV text from rows of cells, and the cell form of a time. Pure TypeScript. */
import type { TimeKind } from './dataset';

/** One CSV row as cells (numbers are written in full precision). */
export type CsvRow = (string | number | null)[];

/** ISO 8601 for calendar time, the number otherwise. */
export function timeCell(v: number, kind: TimeKind): string | number {
  return kind === 'datetime' ? new Date(v).toISOString() : v;
}

/** Quotes a cell when it holds a comma, quote or line break; empty for null and non-finite numbers. */
export function csvCell(v: string | number | null): string {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of rows: comma-separated, one line each, ending with a newline. */
export function csvText(rows: readonly CsvRow[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
