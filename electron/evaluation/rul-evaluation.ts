/** The RUL part of the report: errors in steps, the PHM08 score on each entity's last window, and a constant baseline. */
import type { RulEvaluation } from '../../shared/evaluation/analysis-types';
import { phm08Score, regressionReport } from '../../shared/evaluation/metrics';
import type { WindowBatch } from '../../shared/training/prepared';
import type { Analysis } from './analysis-context';
import { improvementOver } from './regression-evaluation';
import type { ScoredWindows } from './window-scores';
import type { WindowSet } from './window-sets';

const MAX_POINTS = 2000;

/** RMSE/MAE over all windows, PHM08 over each entity's last window, beside predicting the training mean RUL. */
export function rulEvaluation(a: Analysis, set: WindowSet, scored: ScoredWindows, train: WindowBatch | null): RulEvaluation {
  const n = set.batch.n;
  const mean = trainingMeanRul(a, train);
  const constant = new Float64Array(n).fill(mean);
  const model = regressionReport(scored.predicted, scored.actual);
  const base = regressionReport(constant, scored.actual);
  const last = lastWindowPerEntity(set);
  const pick = (v: ArrayLike<number>) => last.map((i) => v[i]);
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const points = [];
  for (let i = 0; i < n; i += step) points.push({ entity: set.batch.meta[i].entity, actual: scored.actual[i], predicted: scored.predicted[i] });
  return {
    kind: 'rul',
    rmse: model.rmse,
    mae: model.mae,
    phm08: phm08Score(pick(scored.predicted), pick(scored.actual)),
    phm08Entities: last.length,
    baseline: { label: 'Training mean RUL', rmse: base.rmse, mae: base.mae, phm08: phm08Score(pick(constant), pick(scored.actual)) },
    improvement: improvementOver(model.mae, [{ label: 'Training mean RUL', mae: base.mae }]),
    points,
  };
}

/** The mean RUL of the training windows (stored with the model, or read off the training split). */
function trainingMeanRul(a: Analysis, train: WindowBatch | null): number {
  const stored = a.metadata.reference?.rulMean;
  if (typeof stored === 'number') return stored;
  if (!train || train.n === 0) return NaN;
  const scale = a.metadata.targetScaler?.columns[0]?.scale ?? 1;
  let s = 0;
  for (let i = 0; i < train.n; i++) s += train.y[i] * scale;
  return s / train.n;
}

/** Index of each entity's latest window. */
function lastWindowPerEntity(set: WindowSet): number[] {
  const last = new Map<number, number>();
  set.batch.meta.forEach((w, i) => {
    const e = set.entity[i];
    const prev = last.get(e);
    if (prev === undefined || set.batch.meta[prev].row < w.row) last.set(e, i);
  });
  return [...last.values()].sort((x, y) => x - y);
}
