/**
 * CSV of the analysis results: prediction rows and the ranked risk list. Built here once for the
 * CLI's files and the UI's downloads. Pure TypeScript.
 */
import { timeCell, type CsvRow } from '../csv';
import { riskTable } from '../reports/analysis-tables';
import { tableCsvRows } from '../reports/table-format';
import type { PredictionTable, RiskReport } from './analysis-types';

export { csvCell, csvText, timeCell, type CsvRow } from '../csv';

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
  return tableCsvRows(riskTable(r));
}
