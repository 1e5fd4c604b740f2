/**
 * The target's own past, read for each evaluated window: what the naive baselines forecast from
 * (last value, seasonal naive, moving average) and what MASE is scaled by.
 */
import { detectSeason, type HistoryReader } from '../../shared/evaluation/metrics';
import { fillMissing } from '../../shared/training/fill-missing';
import type { Analysis } from './analysis-context';
import type { WindowSet } from './window-sets';

/** Per window, the row the baselines forecast from, and a reader of the target's filled history. */
export interface TargetHistory {
  read: HistoryReader;
  /** Per window and target, the mean of the `span` values up to the anchor row. */
  windowMeans(span: number): Float64Array;
  targets: number;
}

/**
 * Forecasts are made from the window's last row; a regression target sits on that row, so its
 * baselines forecast it from the row before (the last value the model could have seen).
 */
export function targetHistory(a: Analysis, set: WindowSet): TargetHistory {
  const targets = a.metadata.targetNames;
  const filled = a.series.map((s) => targets.map((t) => (s.columns[t] ? fillMissing(s.columns[t]).values : new Float64Array(0))));
  const shift = a.metadata.task === 'forecast' ? 0 : 1;
  const anchor = (i: number) => set.batch.meta[i].row - shift;
  const at = (i: number, row: number, t: number) => {
    const col = filled[set.entity[i]][t];
    return col[Math.max(0, Math.min(col.length - 1, row))] ?? NaN;
  };
  return {
    targets: targets.length,
    read: (i, back, t) => at(i, anchor(i) - back, t),
    windowMeans(span) {
      const out = new Float64Array(set.batch.n * targets.length);
      for (let i = 0; i < set.batch.n; i++) {
        for (let t = 0; t < targets.length; t++) {
          let s = 0;
          for (let k = 0; k < span; k++) s += at(i, anchor(i) - k, t);
          out[i * targets.length + t] = s / span;
        }
      }
      return out;
    },
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
