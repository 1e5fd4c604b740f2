/** The RUL part of the report: errors in steps, the PHM08 score on each entity's last window, and a constant baseline. */
import type { RulBaseline, RulEvaluation } from '../../shared/evaluation/analysis-types';
import { fitLastStep, predictLastStep, type LastStepModel } from '../../shared/evaluation/last-step-regression';
import { batchToOriginalUnits } from '../../shared/training/original-units';
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
  const baselines: RulBaseline[] = [{ key: 'mean', label: 'Training mean RUL', detail: 'the mean remaining life of the training windows', rmse: base.rmse, mae: base.mae, phm08: phm08Score(pick(constant), pick(scored.actual)) }];
  const linear = lastStepModelOf(a, train);
  if (linear) {
    const predicted = predictLastStep(linear, set.batch, a.metadata.window);
    const r = regressionReport(predicted, scored.actual);
    baselines.push({ key: 'last-linear', label: 'Linear (last step)', detail: "least squares on every input feature at the window's last step, fitted on the training split", rmse: r.rmse, mae: r.mae, phm08: phm08Score(pick(predicted), pick(scored.actual)) });
  }
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const points = [];
  for (let i = 0; i < n; i += step) points.push({ entity: set.batch.meta[i].entity, actual: scored.actual[i], predicted: scored.predicted[i] });
  return {
    kind: 'rul',
    rmse: model.rmse,
    mae: model.mae,
    phm08: phm08Score(pick(scored.predicted), pick(scored.actual)),
    phm08Entities: last.length,
    baseline: { label: 'Training mean RUL', rmse: base.rmse, mae: base.mae, phm08: baselines[0].phm08 },
    baselines,
    improvement: improvementOver(model.mae, baselines),
    points,
  };
}

/** The last-step regression stored with the model, or fitted on the training split (models saved before it was stored). */
function lastStepModelOf(a: Analysis, train: WindowBatch | null): LastStepModel | null {
  const m = a.metadata;
  const stored = m.reference?.lastLinear;
  if (stored && stored.features === m.inputShape[1]) return stored;
  if (!train || train.n === 0) return null;
  return fitLastStep(train, m.window, m.inputShape[1], batchToOriginalUnits(m.task, m.targetScaler, m.outputs, train, train.y).actual);
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
