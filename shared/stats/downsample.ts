/**
 * Downsampling of long series for charts, and index ranges for zooming. A chart of a million points
 * is slow and no sharper than one of a few thousand, so the UI draws a reduced series that keeps
 * peaks and keeps missing values as line breaks (null y). Pure TypeScript.
 */

/** A series ready for a chart: null y marks missing data, where the line must break. */
export interface DownsampledSeries {
  x: number[];
  y: (number | null)[];
}

/** Selects points of (x, y) into `out`, giving at most about `target` non-null points. */
type Reducer = (x: ArrayLike<number>, y: ArrayLike<number>, target: number, out: DownsampledSeries) => void;

/** Smallest budget with which every reducer below can always fit, nulls included. */
const MIN_POINTS = 10;

/**
 * Keeps the min and the max point of each of ~maxPoints/2 index buckets, in x order, so peaks and
 * dips survive. Missing (NaN) y values become one null per run, so the chart line breaks there.
 * The series' first and last points are always kept, so the chart's x extent does not change.
 * The output never has more than `maxPoints` entries, nulls included (budgets below 10 count as 10).
 */
export function minMaxDownsample(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): DownsampledSeries {
  // A bucket writes at most [null, a, null, b] plus one null shared with the next bucket; the first
  // and last points of the series and a leading null add three.
  return reduceWithinBudget(x, y, maxPoints, (p) => Math.floor((p - 2) / 2), (p) => Math.max(1, Math.floor((p - 3) / 4)), minMaxReduce);
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the points that best preserve the visual
 * shape of the line. Selection runs over the non-missing points; a null is kept wherever missing
 * values lie between two kept points. Output never exceeds `maxPoints` entries (at least 10).
 */
export function lttbDownsample(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): DownsampledSeries {
  // k kept points have at most k + 1 gaps around and between them.
  return reduceWithinBudget(x, y, maxPoints, (p) => p, (p) => Math.floor((p - 1) / 2), lttbReduce);
}

/**
 * Index range [startIdx, endIdx) of the points whose x lies in [from, to], by binary search on a
 * sorted x, so a zoomed chart only downsamples what is visible.
 */
export function sliceRange(x: ArrayLike<number>, from: number, to: number): [number, number] {
  const start = lowerBound(x, from, false);
  return [start, Math.max(start, lowerBound(x, to, true))];
}

/** First index whose x is >= value (or > value when `strict`). */
function lowerBound(x: ArrayLike<number>, value: number, strict: boolean): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = x[mid];
    if (v < value || (strict && v === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Runs `reduce` with the first target for the budget, then with smaller ones until the output (nulls
 * included) fits; `safeTarget` gives a target that always fits, so this ends after a pass or two.
 */
function reduceWithinBudget(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints: number,
  firstTarget: (budget: number) => number,
  safeTarget: (budget: number) => number,
  reduce: Reducer,
): DownsampledSeries {
  const n = Math.min(x.length, y.length);
  const budget = Math.max(MIN_POINTS, Math.floor(maxPoints));
  if (n <= budget) return copyAll(x, y, n);
  const safe = safeTarget(budget);
  let target = Math.max(safe, firstTarget(budget));
  for (;;) {
    const out: DownsampledSeries = { x: [], y: [] };
    reduce(x, y, target, out);
    if (out.y.length <= budget || target <= safe) return out;
    const shrunk = Math.floor((target * budget) / out.y.length);
    target = Math.max(safe, Math.min(target - 1, shrunk));
  }
}

/** All points, NaN y as null. */
function copyAll(x: ArrayLike<number>, y: ArrayLike<number>, n: number): DownsampledSeries {
  const out: DownsampledSeries = { x: new Array<number>(n), y: new Array<number | null>(n) };
  for (let i = 0; i < n; i++) {
    const v = y[i];
    out.x[i] = x[i];
    out.y[i] = v === v ? v : null;
  }
  return out;
}

/** Appends point i, or a null at x[i] unless the output already ends with a null. */
function emit(x: ArrayLike<number>, y: ArrayLike<number>, i: number, out: DownsampledSeries, missing: boolean): void {
  if (missing) {
    if (out.y.length > 0 && out.y[out.y.length - 1] === null) return;
    out.x.push(x[i]);
    out.y.push(null);
  } else {
    out.x.push(x[i]);
    out.y.push(y[i]);
  }
}

/** First missing index in [from, to), or -1. */
function firstMissing(y: ArrayLike<number>, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const v = y[i];
    if (v !== v) return i;
  }
  return -1;
}

/**
 * Min and max per bucket, plus the series' first and last points so the x extent is kept; a null
 * wherever missing data lies before, between or after the points kept from a bucket.
 */
function minMaxReduce(x: ArrayLike<number>, y: ArrayLike<number>, buckets: number, out: DownsampledSeries): void {
  const n = Math.min(x.length, y.length);
  const keep = new Int32Array(4);
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let minIdx = -1;
    let maxIdx = -1;
    let minV = Infinity;
    let maxV = -Infinity;
    let missing = false;
    for (let i = start; i < end; i++) {
      const v = y[i];
      if (v !== v) {
        missing = true;
        continue;
      }
      if (v < minV) {
        minV = v;
        minIdx = i;
      }
      if (v > maxV) {
        maxV = v;
        maxIdx = i;
      }
    }
    if (minIdx < 0) {
      if (end > start) emit(x, y, start, out, true);
      continue;
    }
    const a = Math.min(minIdx, maxIdx);
    const c = Math.max(minIdx, maxIdx);
    let k = 0;
    if (b === 0 && start < a && y[start] === y[start]) keep[k++] = start;
    keep[k++] = a;
    if (c !== a) keep[k++] = c;
    if (b === buckets - 1 && end - 1 > c && y[end - 1] === y[end - 1]) keep[k++] = end - 1;
    emitKept(x, y, keep, k, start, end, missing, out);
  }
}

/** Emits the `count` sorted indices of `keep` from [start, end), with nulls where data is missing around them. */
function emitKept(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  keep: Int32Array,
  count: number,
  start: number,
  end: number,
  missing: boolean,
  out: DownsampledSeries,
): void {
  let from = start;
  for (let k = 0; k < count; k++) {
    const i = keep[k];
    if (missing) {
      const gap = firstMissing(y, from, i);
      if (gap >= 0) emit(x, y, gap, out, true);
    }
    emit(x, y, i, out, false);
    from = i + 1;
  }
  if (missing) {
    const gap = firstMissing(y, from, end);
    if (gap >= 0) emit(x, y, gap, out, true);
  }
}

/** LTTB over the non-missing points, then nulls wherever kept neighbours straddle missing data. */
function lttbReduce(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number, out: DownsampledSeries): void {
  const n = Math.min(x.length, y.length);
  const valid = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v === v) valid[m++] = i;
  }
  const kept = lttbIndices(x, y, valid, m, threshold);
  let prev = -1;
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k];
    if (i - prev > 1 && m < n) {
      const gap = firstMissing(y, prev + 1, i);
      if (gap >= 0) emit(x, y, gap, out, true);
    }
    emit(x, y, i, out, false);
    prev = i;
  }
  if (m < n) {
    const gap = firstMissing(y, prev + 1, n);
    if (gap >= 0) emit(x, y, gap, out, true);
  }
}

/** Indices (into x/y) chosen by LTTB among the `m` points listed in `idx`. */
function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, idx: Uint32Array, m: number, threshold: number): number[] {
  if (threshold >= m) return Array.from(idx.subarray(0, m));
  if (threshold <= 2) return m === 1 ? [idx[0]] : [idx[0], idx[m - 1]];
  const kept: number[] = [idx[0]];
  const every = (m - 2) / (threshold - 2);
  let a = idx[0];
  for (let b = 0; b < threshold - 2; b++) {
    // Average of the next bucket: the third corner of the triangle.
    const avgStart = Math.floor((b + 1) * every) + 1;
    const avgEnd = Math.min(Math.floor((b + 2) * every) + 1, m);
    let avgX = 0;
    let avgY = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      const i = idx[j];
      avgX += x[i];
      avgY += y[i];
    }
    const len = avgEnd - avgStart;
    avgX /= len;
    avgY /= len;
    // The point of this bucket that makes the largest triangle with the last kept point.
    const ax = x[a];
    const ay = y[a];
    const from = Math.floor(b * every) + 1;
    const to = Math.floor((b + 1) * every) + 1;
    let best = idx[from];
    let bestArea = -1;
    for (let j = from; j < to; j++) {
      const i = idx[j];
      const area = Math.abs((ax - avgX) * ((y[i]) - ay) - (ax - (x[i])) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(idx[m - 1]);
  return kept;
}
