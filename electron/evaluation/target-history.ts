/**
 * The target's own past, read for each evaluated window: what the naive baselines forecast from
 * (last value, seasonal naive, moving average) and what MASE is scaled by.
 */
import { detectSeason, windowMeansOf, type HistoryReader } from '../../shared/evaluation/metrics';
import { fillMissing } from '../../shared/training/fill-missing';
import type { Analysis } from './analysis-context';
import type { WindowSet } from './window-sets';
import { targetReader } from '../../shared/evaluation/target-reader';

/** Per window, the row the baselines forecast from, and a reader of the target's filled history. */
export interface TargetHistory {
  read: HistoryReader;
  /** Per window and target, the mean of the `span` values up to the anchor row. */
  windowMeans(span: number): Float64Array;
  targets: number;
}

/** Per window, a reader of the target's filled history from the row the baselines forecast from (see targetReader). */
export function targetHistory(a: Analysis, set: WindowSet): TargetHistory {
  const T = a.metadata.targetNames.length;
  const read = targetReader(a.series, a.metadata.targetNames, a.metadata.task, { entity: set.entity, meta: set.batch.meta });
  return {
    targets: T,
    read,
    windowMeans: (span) => windowMeansOf(read, set.batch.n, T, span),
  };
}

/** Values of the first target over the first `share` of the longest entity: the in-sample reference for seasons and MASE. */
export function inSampleTarget(a: Analysis, share = 0.7): Float64Array {
  const target = a.metadata.targetNames[0];
  const longest = a.series.reduce((best, s) => ((s.columns[target]?.length ?? 0) > (best.columns[target]?.length ?? 0) ? s : best), a.series[0]);
  const values = longest?.columns[target] ? fillMissing(longest.columns[target]).values : new Float64Array(0);
  return values.subarray(0, Math.floor(values.length * share));
}

/** The season of the in-sample target in steps (2..min(2,000, n/3)), or null when there is none. */
export function detectTargetSeason(values: Float64Array): number | null {
  const maxLag = Math.min(2000, Math.floor(values.length / 3));
  return maxLag >= 2 ? detectSeason(values, maxLag) : null;
}

/** In-sample MAE of the naive forecast with a lag (1: the previous value; the season: seasonal naive). */
export function inSampleNaiveMae(values: Float64Array, lag: number): number {
  let s = 0;
  let n = 0;
  for (let i = lag; i < values.length; i++) {
    const d = Math.abs(values[i] - values[i - lag]);
    if (Number.isFinite(d)) {
      s += d;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}
