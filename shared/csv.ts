/**
 * The one CSV writer of every export (CLI files, scoring runs, report tables, the app's downloads),
 * and the cell form of a time. Pure TypeScript.
 */
import type { TimeKind } from './dataset';

/** One CSV row as cells (numbers are written in full precision). */
export type CsvRow = (string | number | null)[];

/** ISO 8601 for calendar time, the number otherwise. */
export function timeCell(v: number, kind: TimeKind): string | number {
  return kind === 'datetime' ? new Date(v).toISOString() : v;
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number ("-1.5", "+3", "2e-4"): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text cell made inert for spreadsheets: one starting with `=`, `+`, `-`, `@`, tab or carriage
 * return gets a leading `'` (OWASP), unless it is a plain number.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: empty for null and non-finite numbers, text neutralised against formula injection,
 * quoted when it holds a comma, quote or line break.
 */
export function csvCell(v: string | number | null): string {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const text = typeof v === 'number' ? String(v) : neutralizeFormula(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of rows: comma-separated, one line each, ending with a newline. */
export function csvText(rows: readonly CsvRow[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
