/**
 * Trust in a single prediction: a data-quality check of its input window against the training
 * data (missing values, values outside the training range, z-score anomalies) and, for
 * classification, the model's confidence and uncertainty. Together they give the flag shown beside
 * the prediction. Pure TypeScript.
 */
import type { InputStats } from '../training/prepared';
import type { Reliability, ReliabilityCounts, ReliabilityFlag } from './analysis-types';

/** What the input window of one prediction looks like against the training data. */
export interface WindowQuality {
  missing: number;
  outOfRange: number;
  maxAbsZ: number;
}

/** Thresholds of the flag: beyond `caution` a prediction deserves a second look, beyond `unreliable` it should not be acted on. */
export const RELIABILITY_THRESHOLDS = {
  missing: { caution: 0.05, unreliable: 0.25 },
  outOfRange: { caution: 0, unreliable: 0.25 },
  maxAbsZ: { caution: 4, unreliable: 8 },
  uncertainty: { caution: 0.6, unreliable: 0.9 },
} as const;

/** Share of the range added on both sides before a value counts as outside the training range. */
const RANGE_TOLERANCE = 0.01;

/**
 * Checks rows row-length+1..row of an entity's raw base inputs (`raw[j]` is column j, NaN =
 * missing) against the training statistics of the same columns.
 */
export function windowQuality(raw: readonly Float64Array[], row: number, length: number, stats: readonly InputStats[]): WindowQuality {
  let values = 0;
  let missing = 0;
  let outside = 0;
  let ranged = 0;
  let maxAbsZ = 0;
  raw.forEach((col, j) => {
    const s = stats[j];
    const tol = s && s.min !== null && s.max !== null ? (s.max - s.min) * RANGE_TOLERANCE : 0;
    for (let r = Math.max(0, row - length + 1); r <= row; r++) {
      const v = col[r];
      values++;
      if (v !== v) {
        missing++;
        continue;
      }
      if (s && s.min !== null && s.max !== null) {
        ranged++;
        if (v < s.min - tol || v > s.max + tol) outside++;
      }
      if (s && s.mean !== null && s.std !== null && s.std > 0) maxAbsZ = Math.max(maxAbsZ, Math.abs(v - s.mean) / s.std);
    }
  });
  return { missing: values === 0 ? 0 : missing / values, outOfRange: ranged === 0 ? 0 : outside / ranged, maxAbsZ };
}

/** Top class probability and the entropy of the probabilities over log(classes) (0 = sure, 1 = uniform). */
export function classConfidence(probs: ArrayLike<number>, from: number, classes: number): { confidence: number; uncertainty: number } {
  let top = 0;
  let entropy = 0;
  for (let c = 0; c < classes; c++) {
    const p = probs[from + c];
    top = Math.max(top, p);
    if (p > 0) entropy -= p * Math.log(p);
  }
  return { confidence: top, uncertainty: classes > 1 ? Math.min(1, entropy / Math.log(classes)) : 0 };
}

/** The flag and its reasons, from the window's quality and (classify) the model's confidence. */
export function reliabilityOf(q: WindowQuality, cls?: { confidence: number; uncertainty: number }): Reliability {
  const t = RELIABILITY_THRESHOLDS;
  const reasons: string[] = [];
  let flag: ReliabilityFlag = 'ok';
  const raise = (level: ReliabilityFlag, why: string) => {
    reasons.push(why);
    if (level === 'unreliable' || flag === 'ok') flag = level;
  };
  const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;
  if (q.missing > t.missing.caution) raise(q.missing > t.missing.unreliable ? 'unreliable' : 'caution', `${pct(q.missing)} of the input values are missing (filled with the last value)`);
  if (q.outOfRange > t.outOfRange.caution) raise(q.outOfRange > t.outOfRange.unreliable ? 'unreliable' : 'caution', `${pct(q.outOfRange)} of the input values lie outside the training range`);
  if (q.maxAbsZ > t.maxAbsZ.caution) raise(q.maxAbsZ > t.maxAbsZ.unreliable ? 'unreliable' : 'caution', `an input value is ${q.maxAbsZ.toFixed(1)} standard deviations from the training mean`);
  if (cls && cls.uncertainty > t.uncertainty.caution) {
    raise(cls.uncertainty > t.uncertainty.unreliable ? 'unreliable' : 'caution', `the model is unsure (top class ${pct(cls.confidence)}, uncertainty ${cls.uncertainty.toFixed(2)})`);
  }
  return { flag, reasons, missing: q.missing, outOfRange: q.outOfRange, maxAbsZ: q.maxAbsZ, ...(cls ?? {}) };
}

/** How many of the flags are ok, caution and unreliable. */
export function countFlags(flags: Iterable<ReliabilityFlag>): ReliabilityCounts {
  const counts: ReliabilityCounts = { ok: 0, caution: 0, unreliable: 0 };
  for (const f of flags) counts[f]++;
  return counts;
}
