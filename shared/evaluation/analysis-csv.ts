/**
 * CSV of the analysis results: prediction rows and the ranked risk list. Built here once for the
 * CLI's files and the UI's downloads. Pure TypeScript.
 */
import type { TimeKind } from '../dataset';
import type { PredictionTable, RiskReport } from './analysis-types';

/** One CSV row as cells (numbers are written in full precision). */
export type CsvRow = (string | number | null)[];

/** The rows of `lstm-studio predict --out`: [entity], time, the prediction columns, reliability. */
export function predictionsCsv(t: PredictionTable): CsvRow[] {
  const withEntity = t.entityColumn !== null;
  const classify = t.classes !== undefined;
  const header = [...(withEntity ? ['entity'] : []), 'time', ...(classify ? ['class'] : []), ...t.columns, 'reliability'];
  const rows: CsvRow[] = t.rows.map((r, i) => [...(withEntity ? [r.entity] : []), timeCell(r.time, t.timeKind), ...(classify ? [t.classes![i]] : []), ...r.values, r.reliability]);
  return [header, ...rows];
}

/** The rows of `lstm-studio risk --out`: the ranked maintenance list. */
export function riskCsv(r: RiskReport): CsvRow[] {
  const header = ['rank', 'entity', 'score', 'level', 'steps_to_failure', 'steps_lower', 'steps_upper', 'expected_at', 'driver', 'action', 'reliability', 'last_time'];
  return [
    header,
    ...r.rows.map((row, i) => [
      i + 1,
      row.entity,
      row.score,
      row.level,
      row.timeToFailure?.steps ?? null,
      row.timeToFailure?.lower ?? null,
      row.timeToFailure?.upper ?? null,
      row.timeToFailure?.at == null ? null : timeCell(row.timeToFailure.at, r.timeKind),
      row.driver,
      row.action,
      row.reliability,
      timeCell(row.lastTime, r.timeKind),
    ]),
  ];
}

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
