/** Scores every window of a dataset, one row each: `lstm-studio predict` and batch scoring. */
import type { PredictRequest, PredictionRow, PredictionTable } from '../../shared/evaluation/analysis-types';
import { countFlags } from '../../shared/evaluation/reliability';
import { fmtInt } from '../../shared/errors';
import type { ModelMetadata } from '../../shared/model/metadata';
import type { Analysis } from './analysis-context';
import type { AnalysisControl } from './analysis-control';
import { scoreWindowSet } from './window-scores';
import { scoringChunks } from './window-sets';

/** Windows scored per chunk: bounds the memory of the input batch on large datasets. */
export const PREDICT_CHUNK = 20_000;

/** Predicts every window (every `stride`-th from each entity's latest row) with its reliability, in chunks. */
export async function predictVersion(a: Analysis, req: PredictRequest, control: AnalysisControl): Promise<PredictionTable> {
  const m = a.metadata;
  control.step('Cutting the windows', 0.05);
  const plan = scoringChunks(a, { stride: req.stride ?? 1 });
  const width = m.outputs;
  const rows: PredictionRow[] = [];
  for (let from = 0; from < plan.windows; from += PREDICT_CHUNK) {
    const to = Math.min(plan.windows, from + PREDICT_CHUNK);
    control.step(`Scoring windows ${fmtInt(from + 1)}-${fmtInt(to)} of ${fmtInt(plan.windows)}`, 0.1 + (0.9 * from) / plan.windows);
    const set = plan.chunk(from, to);
    const scored = scoreWindowSet(a, set);
    set.batch.meta.forEach((w, i) => rows.push({ entity: w.entity, time: w.end, values: Array.from(scored.predicted.subarray(i * width, (i + 1) * width)), reliability: scored.reliability[i].flag }));
  }
  return predictionTable(a, rows);
}

/** Prediction rows of an analysis as a table: columns, entity column, reliability counts, classes. */
export function predictionTable(a: Analysis, rows: PredictionRow[]): PredictionTable {
  const m = a.metadata;
  const table: PredictionTable = {
    model: a.info,
    datasetName: a.detail.summary.name,
    entityColumn: a.detail.summary.entityColumn ?? (a.detail.summary.format === 'wide' ? 'sequence' : null),
    timeKind: a.detail.summary.timeKind,
    columns: predictionColumns(m),
    rows,
    reliability: countFlags(rows.map((r) => r.reliability)),
  };
  if (m.task === 'classify') table.classes = rows.map((r) => m.classNames[r.values.indexOf(Math.max(...r.values))]);
  return table;
}

/** Names of a prediction row's values: yhat_1..yhat_H, TARGET_yhat_h for several targets, or p_CLASS. */
export function predictionColumns(m: Pick<ModelMetadata, 'task' | 'horizon' | 'targetNames' | 'classNames'>): string[] {
  if (m.task === 'classify') return m.classNames.map((c) => `p_${c}`);
  const H = m.task === 'forecast' ? m.horizon : 1;
  const names = m.task === 'rul' ? ['rul'] : m.targetNames;
  const out: string[] = [];
  for (let h = 1; h <= H; h++) for (const t of names) out.push(names.length === 1 ? `yhat_${h}` : `${t}_yhat_${h}`);
  return out;
}
