/** The classify part of the report: accuracy, per-class P/R/F1, confusion, ROC and PR curves, and a majority-class baseline. */
import type { ClassificationBaseline, ClassificationEvaluation } from '../../shared/evaluation/analysis-types';
import { fmtInt } from '../../shared/errors';
import { nearestNeighbourScores, sequenceReference } from '../../shared/evaluation/sequence-reference';
import type { WindowSet } from './window-sets';
import { argmaxOf, classificationReport, prCurve, rocCurve } from '../../shared/evaluation/metrics';
import { classConfidence } from '../../shared/evaluation/reliability';
import type { WindowBatch } from '../../shared/training/prepared';
import type { Analysis } from './analysis-context';
import type { ScoredWindows } from './window-scores';

/**
 * Scores class probabilities against the one-hot truth, with the model's mean confidence and
 * uncertainty, beside the majority class and 1-nearest-neighbour (Euclidean, DTW) on the training
 * sequences; `onProgress(share)` follows the nearest-neighbour search.
 */
export function classificationEvaluation(a: Analysis, scored: ScoredWindows, set: WindowSet, train: WindowBatch | null, onProgress?: (share: number) => void): ClassificationEvaluation {
  const names = a.metadata.classNames;
  const C = names.length;
  const n = scored.predicted.length / C;
  const report = classificationReport(scored.predicted, scored.actual, names);
  const trueClass = Array.from({ length: n }, (_, i) => argmaxOf(scored.actual, i * C, C));
  const roc = names.map((className, c) => ({ className, ...rocCurve(column(scored.predicted, c, C), trueClass.map((t) => t === c)) }));
  const pr = names.map((className, c) => ({ className, ...prCurve(column(scored.predicted, c, C), trueClass.map((t) => t === c)) }));
  const counts = classCounts(a, train);
  const majority = counts.indexOf(Math.max(...counts));
  let confidence = 0;
  let uncertainty = 0;
  for (let i = 0; i < n; i++) {
    const c = classConfidence(scored.predicted, i * C, C);
    confidence += c.confidence;
    uncertainty += c.uncertainty;
  }
  const baseline = { label: `Always "${names[majority]}" (the most common training class)`, accuracy: n === 0 ? NaN : trueClass.filter((t) => t === majority).length / n };
  return {
    kind: 'classification',
    accuracy: report.accuracy,
    classes: report.classes,
    confusion: report.confusion,
    roc,
    pr,
    baseline,
    baselines: [{ key: 'majority', label: 'Majority class', detail: baseline.label, accuracy: baseline.accuracy, windows: n }, ...nearestNeighbourBaselines(a, set, train, onProgress)],
    meanConfidence: n === 0 ? NaN : confidence / n,
    meanUncertainty: n === 0 ? NaN : uncertainty / n,
  };
}

/** 1-NN with Euclidean distance and with DTW against the stored training sequences (or the training split's). */
function nearestNeighbourBaselines(a: Analysis, set: WindowSet, train: WindowBatch | null, onProgress?: (share: number) => void): ClassificationBaseline[] {
  const m = a.metadata;
  const C = m.classNames.length;
  const [window, features] = m.inputShape;
  const stored = m.reference?.sequences;
  const ref = stored && stored.length === window && stored.features === features ? stored : train && train.n > 0 ? sequenceReference(train, window, features, C) : null;
  if (!ref) return [];
  const of = ref.of > ref.n ? ` (an evenly spaced ${fmtInt(ref.n)} of ${fmtInt(ref.of)})` : '';
  return nearestNeighbourScores(ref, set.batch, C, onProgress).map((s) => ({
    key: s.metric === 'dtw' ? 'nn-dtw' : 'nn-euclidean',
    label: s.metric === 'dtw' ? '1-NN DTW' : '1-NN Euclidean',
    detail: `the class of the nearest of ${fmtInt(ref.n)} training sequences${of}${s.radius !== null ? ` by dynamic time warping within ${fmtInt(s.radius)} steps (10% of the length)` : ' by Euclidean distance'}${s.windows < set.batch.n ? `, on ${fmtInt(s.windows)} evenly spaced windows of ${fmtInt(set.batch.n)}` : ''}`,
    accuracy: s.accuracy,
    windows: s.windows,
  }));
}

/** Training windows per class (stored with the model, or counted on the training split). */
function classCounts(a: Analysis, train: WindowBatch | null): number[] {
  const C = a.metadata.classNames.length;
  const stored = a.metadata.reference?.classCounts;
  if (stored && stored.length === C) return stored;
  const counts = new Array<number>(C).fill(0);
  if (train) for (let i = 0; i < train.n; i++) counts[argmaxOf(train.y, i * C, C)]++;
  return counts;
}

function column(v: Float32Array, c: number, C: number): Float32Array {
  const out = new Float32Array(v.length / C);
  for (let i = 0; i < out.length; i++) out[i] = v[i * C + c];
  return out;
}

