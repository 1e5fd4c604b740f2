/** Scores every window of a dataset, one row each: `lstm-studio predict` and batch scoring. */
import type { PredictRequest, PredictionTable } from '../../shared/evaluation/analysis-types';
import { countFlags } from '../../shared/evaluation/reliability';
import { fmtInt } from '../../shared/errors';
import type { ModelMetadata } from '../../shared/model/metadata';
import type { Analysis } from './analysis-context';
import type { AnalysisControl } from './analysis-control';
import { scoreWindowSet } from './window-scores';
import { scoringSet } from './window-sets';

/** Predicts every window (every `stride`-th from each entity's latest row) with its reliability. */
export async function predictVersion(a: Analysis, req: PredictRequest, control: AnalysisControl): Promise<PredictionTable> {
  const m = a.metadata;
  control.step('Cutting the windows', 0.05);
  const set = scoringSet(a, { stride: req.stride ?? 1 });
  control.step(`Scoring ${fmtInt(set.batch.n)} windows`, 0.2);
  const scored = scoreWindowSet(a, set);
  const width = m.outputs;
  const rows = set.batch.meta.map((w, i) => ({
    entity: w.entity,
    time: w.end,
    values: Array.from(scored.predicted.subarray(i * width, (i + 1) * width)),
    reliability: scored.reliability[i].flag,
  }));
  const table: PredictionTable = { model: a.info, datasetName: a.detail.summary.name, entityColumn: a.detail.summary.entityColumn ?? (a.detail.summary.format === 'wide' ? 'sequence' : null), timeKind: a.detail.summary.timeKind, columns: predictionColumns(m), rows, reliability: countFlags(rows.map((r) => r.reliability)) };
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
