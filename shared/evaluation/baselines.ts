/**
 * Naive forecasts computed on the same windows as the model, laid out like its outputs:
 * y[(i*horizon + h)*targets + t] for window i, 0-based step h and target t. Pure TypeScript.
 */

/** Reads the value `stepsBack` steps before the end of window `windowIndex` (0 = its last value). */
export type HistoryReader = (windowIndex: number, stepsBack: number, target: number) => number;

/** Repeats the last observed value (`last`, n x targets) of each window over every forecast step. */
export function lastValueForecast(last: ArrayLike<number>, n: number, horizon: number, targets: number): Float64Array {
  return repeatOverHorizon(last, n, horizon, targets);
}

/** Repeats each window's mean (`windowMeans`, n x targets) over every forecast step. */
export function movingAverageForecast(windowMeans: ArrayLike<number>, n: number, horizon: number, targets: number): Float64Array {
  return repeatOverHorizon(windowMeans, n, horizon, targets);
}

/**
 * Seasonal naive forecast: with `end` the window's last observed position, the forecast for step h
 * (1-based) is the value at end + h - season*ceil(h/season), i.e. the latest observed value at the
 * same phase of the season; history is read season*ceil(h/season) - h steps back from `end`.
 */
export function seasonalNaiveForecast(history: HistoryReader, n: number, horizon: number, targets: number, season: number): Float64Array {
  if (!Number.isInteger(season) || season < 1) throw new Error(`seasonalNaiveForecast: season must be a positive integer, got ${season}.`);
  const out = new Float64Array(n * horizon * targets);
  for (let i = 0; i < n; i++) {
    for (let h = 1; h <= horizon; h++) {
      const back = season * Math.ceil(h / season) - h;
      for (let t = 0; t < targets; t++) out[(i * horizon + h - 1) * targets + t] = history(i, back, t);
    }
  }
  return out;
}

/**
 * The season of a series: among the peaks of its autocorrelation at lags 2..maxLag-1 (a lag whose
 * correlation exceeds both neighbours', above 0.3, and at least 0.1 above the lowest correlation
 * at a shorter lag, so the slow decay of a smooth series is not mistaken for a season), the
 * highest one; null when there is none. Uses the usual biased estimator (lag-k cross products over
 * the total sum of squares), which favours the base period over its multiples; non-finite values
 * are left out of the sums.
 */
export function detectSeason(values: ArrayLike<number>, maxLag: number): number | null {
  let total = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      total += values[i];
      count++;
    }
  }
  const mean = total / count;
  const variance = lagProduct(values, mean, 0);
  if (count === 0 || !(variance > 0)) return null;
  const top = Math.min(maxLag, values.length - 2);
  const r = [1];
  for (let lag = 1; lag <= top + 1; lag++) r.push(lagProduct(values, mean, lag) / variance);
  let best: number | null = null;
  let bestR = 0.3;
  let lowest = r[1];
  for (let lag = 2; lag <= top; lag++) {
    lowest = Math.min(lowest, r[lag - 1]);
    const peak = r[lag] > r[lag - 1] && r[lag] >= r[lag + 1];
    if (peak && r[lag] > bestR && r[lag] - lowest >= 0.1) {
      best = lag;
      bestR = r[lag];
    }
  }
  return best;
}

/** Sum of (x[i] - mean)(x[i+lag] - mean) over pairs where both values are finite. */
function lagProduct(values: ArrayLike<number>, mean: number, lag: number): number {
  let s = 0;
  for (let i = 0; i + lag < values.length; i++) {
    const p = (values[i] - mean) * (values[i + lag] - mean);
    if (Number.isFinite(p)) s += p;
  }
  return s;
}

function repeatOverHorizon(perWindow: ArrayLike<number>, n: number, horizon: number, targets: number): Float64Array {
  if (perWindow.length !== n * targets) throw new Error(`Baseline needs n x targets = ${n * targets} values, got ${perWindow.length}.`);
  const out = new Float64Array(n * horizon * targets);
  for (let i = 0; i < n; i++) {
    for (let h = 0; h < horizon; h++) {
      for (let t = 0; t < targets; t++) out[(i * horizon + h) * targets + t] = perWindow[i * targets + t];
    }
  }
  return out;
}

/** Indices of at most `max` of `n` items, evenly spaced (all of them when n <= max). */
export function evenlySpaced(n: number, max: number): number[] {
  const count = Math.min(n, max);
  return Array.from({ length: count }, (_, k) => Math.floor((k * n) / count));
}

/** The index of the largest of `count` values from `from` (the first on ties): a one-hot or probability row's class. */
export function argmaxOf(v: ArrayLike<number>, from: number, count: number): number {
  let best = 0;
  for (let c = 1; c < count; c++) if (v[from + c] > v[from + best]) best = c;
  return best;
}

/** Per window and target, the mean of the `span` values up to the window's end, read through `history`. */
export function windowMeansOf(history: HistoryReader, n: number, targets: number, span: number): Float64Array {
  const out = new Float64Array(n * targets);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < targets; t++) {
      let s = 0;
      for (let k = 0; k < span; k++) s += history(i, k, t);
      out[i * targets + t] = s / span;
    }
  }
  return out;
}
