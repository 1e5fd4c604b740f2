/**
 * Runs a model over a window set and turns its outputs into what people read: predictions and
 * actual values in the targets' own units, and a reliability flag per prediction.
 */
import type { Reliability } from '../../shared/evaluation/analysis-types';
import { classConfidence, reliabilityOf, windowQuality } from '../../shared/evaluation/reliability';
import { baseFeatureNames, baseInputStats } from '../../shared/training/scoring-pipeline';
import { batchToOriginalUnits } from '../../shared/training/original-units';
import { predict } from '../engine/predict';
import type { Analysis } from './analysis-context';
import type { WindowSet } from './window-sets';

/** A scored window set: n x outputs values, laid out like the model's outputs. */
export interface ScoredWindows {
  /** The model's raw outputs (scaled units; probabilities for classify). */
  outputs: Float32Array;
  /** In target units (probabilities for classify). */
  predicted: Float32Array;
  /** In target units (one-hot for classify); NaN where unknown. */
  actual: Float32Array;
  reliability: Reliability[];
}

/** Predicts every window of `set` in large batches and checks each input window's quality. */
export function scoreWindowSet(a: Analysis, set: WindowSet): ScoredWindows {
  const m = a.metadata;
  const outputs = predict(a.model, set.batch.x, set.batch.n, m.inputShape);
  const { predicted, actual } = batchToOriginalUnits(m.task, m.targetScaler, m.outputs, set.batch, outputs);
  return { outputs, predicted, actual, reliability: reliabilityOfWindows(a, set, outputs) };
}

/** The reliability flag of every window of a set (classify also weighs the class probabilities). */
export function reliabilityOfWindows(a: Analysis, set: WindowSet, outputs: Float32Array): Reliability[] {
  const m = a.metadata;
  const base = baseFeatureNames(m);
  const stats = baseInputStats(m);
  const raw = a.series.map((s) => base.map((name) => s.columns[name]));
  const C = m.classNames.length;
  return set.batch.meta.map((w, i) => {
    const e = set.entity[i];
    const quality = windowQuality(raw[e] ?? [], w.row, Math.min(m.window, w.row + 1), stats);
    return reliabilityOf(quality, m.task === 'classify' ? classConfidence(outputs, i * C, C) : undefined);
  });
}
