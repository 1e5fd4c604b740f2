/** The classify part of the report: accuracy, per-class P/R/F1, confusion, ROC and PR curves, and a majority-class baseline. */
import type { ClassificationEvaluation } from '../../shared/evaluation/analysis-types';
import { classificationReport, prCurve, rocCurve } from '../../shared/evaluation/metrics';
import { classConfidence } from '../../shared/evaluation/reliability';
import type { WindowBatch } from '../../shared/training/prepared';
import type { Analysis } from './analysis-context';
import type { ScoredWindows } from './window-scores';

/** Scores class probabilities against the one-hot truth, with the model's mean confidence and uncertainty. */
export function classificationEvaluation(a: Analysis, scored: ScoredWindows, train: WindowBatch | null): ClassificationEvaluation {
  const names = a.metadata.classNames;
  const C = names.length;
  const n = scored.predicted.length / C;
  const report = classificationReport(scored.predicted, scored.actual, names);
  const trueClass = Array.from({ length: n }, (_, i) => argmax(scored.actual, i * C, C));
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
  return {
    kind: 'classification',
    accuracy: report.accuracy,
    classes: report.classes,
    confusion: report.confusion,
    roc,
    pr,
    baseline: { label: `Always "${names[majority]}" (the most common training class)`, accuracy: n === 0 ? NaN : trueClass.filter((t) => t === majority).length / n },
    meanConfidence: n === 0 ? NaN : confidence / n,
    meanUncertainty: n === 0 ? NaN : uncertainty / n,
  };
}

/** Training windows per class (stored with the model, or counted on the training split). */
function classCounts(a: Analysis, train: WindowBatch | null): number[] {
  const C = a.metadata.classNames.length;
  const stored = a.metadata.reference?.classCounts;
  if (stored && stored.length === C) return stored;
  const counts = new Array<number>(C).fill(0);
  if (train) for (let i = 0; i < train.n; i++) counts[argmax(train.y, i * C, C)]++;
  return counts;
}

function column(v: Float32Array, c: number, C: number): Float32Array {
  const out = new Float32Array(v.length / C);
  for (let i = 0; i < out.length; i++) out[i] = v[i * C + c];
  return out;
}

function argmax(v: ArrayLike<number>, from: number, count: number): number {
  let best = 0;
  for (let c = 1; c < count; c++) if (v[from + c] > v[from + best]) best = c;
  return best;
}
