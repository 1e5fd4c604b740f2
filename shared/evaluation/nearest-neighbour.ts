/**
 * 1-nearest-neighbour classification of sequences with Euclidean distance and with dynamic time
 * warping (DTW) in a Sakoe-Chiba band: the UCR archive's standard baselines. Sequences are
 * n x length x features, row-major (the model's input windows); multivariate DTW is the dependent
 * kind (one warping path, the squared differences summed over the features). DTW uses the
 * LB_Keogh lower bound and early abandoning, so most candidates never get a full DTW. Pure TypeScript.
 */

/** Sequences of equal length, row-major. */
export interface SequenceSet {
  x: ArrayLike<number>;
  n: number;
  length: number;
  features: number;
}

/** The band used for DTW baselines: 10% of the sequence length, as in the UCR archive's DTW with a 10% window. */
export const DTW_BAND = 0.1;

/** The Sakoe-Chiba radius in steps for sequences of `length` steps (at least 1). */
export function dtwRadius(length: number, band = DTW_BAND): number {
  return Math.max(1, Math.ceil(band * length));
}

/** Squared Euclidean distance between sequence `i` of `a` and `j` of `b`; stops early (Infinity) once above `limit`. */
export function squaredEuclidean(a: SequenceSet, i: number, b: SequenceSet, j: number, limit = Infinity): number {
  const m = a.length * a.features;
  const ai = i * m;
  const bj = j * m;
  let s = 0;
  for (let k = 0; k < m; k++) {
    const d = a.x[ai + k] - b.x[bj + k];
    s += d * d;
    if (s > limit) return Infinity;
  }
  return s;
}

/**
 * DTW distance (the sum of squared differences along the best warping path) between sequence `i`
 * of `a` and `j` of `b`, within `radius` steps of the diagonal; returns Infinity as soon as every
 * path is above `limit` (early abandoning). `tail[k]`, when given, is a lower bound of what `b`'s
 * steps k.. still cost (cumulative LB_Keogh), which lets it abandon sooner.
 */
export function dtwDistance(a: SequenceSet, i: number, b: SequenceSet, j: number, radius: number, limit = Infinity, tail?: Float64Array, rows?: { prev: Float64Array; cur: Float64Array }): number {
  const L = a.length;
  const F = a.features;
  const ax = a.x;
  const bx = b.x;
  const ai = i * L * F;
  const bj = j * L * F;
  let prev = rows?.prev ?? new Float64Array(L + 1);
  let cur = rows?.cur ?? new Float64Array(L + 1);
  prev.fill(Infinity);
  cur.fill(Infinity);
  prev[0] = 0;
  for (let r = 1; r <= L; r++) {
    const lo = Math.max(1, r - radius);
    const hi = Math.min(L, r + radius);
    cur[lo - 1] = Infinity;
    let rowMin = Infinity;
    const ar = ai + (r - 1) * F;
    for (let c = lo; c <= hi; c++) {
      let cost: number;
      if (F === 1) {
        const d = ax[ar] - bx[bj + c - 1];
        cost = d * d;
      } else {
        cost = 0;
        for (let f = 0; f < F; f++) {
          const d = ax[ar + f] - bx[bj + (c - 1) * F + f];
          cost += d * d;
        }
      }
      const p0 = prev[c - 1];
      const p1 = prev[c];
      const p2 = cur[c - 1];
      const best = p0 < p1 ? (p0 < p2 ? p0 : p2) : p1 < p2 ? p1 : p2;
      const v = cost + best;
      cur[c] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < L) cur[hi + 1] = Infinity;
    const rest = tail && r + radius < L ? tail[r + radius] : 0;
    if (rowMin + rest > limit) return Infinity;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[L];
}

/** Upper and lower envelopes of one sequence within `radius` steps (LB_Keogh's envelope), length x features each. */
export function envelope(s: SequenceSet, i: number, radius: number): { upper: Float64Array; lower: Float64Array } {
  const L = s.length;
  const F = s.features;
  const base = i * L * F;
  const upper = new Float64Array(L * F).fill(-Infinity);
  const lower = new Float64Array(L * F).fill(Infinity);
  for (let r = 0; r < L; r++) {
    for (let k = Math.max(0, r - radius); k <= Math.min(L - 1, r + radius); k++) {
      for (let f = 0; f < F; f++) {
        const v = s.x[base + k * F + f];
        if (v > upper[r * F + f]) upper[r * F + f] = v;
        if (v < lower[r * F + f]) lower[r * F + f] = v;
      }
    }
  }
  return { upper, lower };
}

/**
 * LB_Keogh: a lower bound of the DTW distance between the enveloped query and sequence `j` of `b`;
 * Infinity once above `limit`. With `tail`, fills tail[k] with the bound of b's steps k.. (for
 * dtwDistance's early abandoning) and does not stop early.
 */
export function lbKeogh(env: { upper: Float64Array; lower: Float64Array }, b: SequenceSet, j: number, limit = Infinity, tail?: Float64Array): number {
  const F = b.features;
  const m = b.length * F;
  const base = j * m;
  let s = 0;
  for (let k = 0; k < m; k++) {
    const v = b.x[base + k];
    const d = v > env.upper[k] ? v - env.upper[k] : v < env.lower[k] ? env.lower[k] - v : 0;
    s += d * d;
    if (!tail && s > limit) return Infinity;
    if (tail && k % F === F - 1) tail[(k - F + 1) / F] = s;
  }
  // tail held the running sums up to each step; turn them into the sums from each step on.
  if (tail) for (let k = b.length - 1; k >= 0; k--) tail[k] = s - (k > 0 ? tail[k - 1] : 0);
  return s;
}

/**
 * For each sequence of `query`, the index in `train` of its nearest neighbour by Euclidean
 * distance, or by DTW when `radius` is given (then the Euclidean nearest bounds the search, the
 * candidates are visited by ascending lower bound, the larger of LB_Keogh both ways, the search
 * stops once the bound reaches the best distance so far, and each DTW abandons early). Ties go to
 * the lower index. `onProgress(done)` is called every 64 queries; it may throw to stop the search.
 */
export function nearestNeighbours(train: SequenceSet, query: SequenceSet, radius?: number, onProgress?: (done: number) => void): Int32Array {
  if (train.length !== query.length || train.features !== query.features) {
    throw new Error(`nearestNeighbours: sequences of ${train.length} x ${train.features} and ${query.length} x ${query.features} cannot be compared.`);
  }
  // One array type for the hot loops (stored references are plain arrays, batches Float32Arrays).
  const tr: SequenceSet = { ...train, x: Float64Array.from(train.x) };
  const qs: SequenceSet = { ...query, x: Float64Array.from(query.x) };
  const out = new Int32Array(qs.n).fill(-1);
  const lb = new Float64Array(tr.n);
  const order = new Int32Array(tr.n);
  const tail = new Float64Array(tr.length);
  const rows = { prev: new Float64Array(tr.length + 1), cur: new Float64Array(tr.length + 1) };
  const trainEnvelopes = radius === undefined ? [] : Array.from({ length: tr.n }, (_, j) => envelope(tr, j, radius));
  for (let q = 0; q < qs.n; q++) {
    if (onProgress && q % 64 === 0) onProgress(q);
    let best = Infinity;
    let bestIndex = -1;
    for (let j = 0; j < tr.n; j++) {
      const d = squaredEuclidean(qs, q, tr, j, best);
      if (d < best) {
        best = d;
        bestIndex = j;
      }
    }
    if (radius !== undefined && tr.n > 1) {
      const env = envelope(qs, q, radius);
      for (let j = 0; j < tr.n; j++) {
        const first = lbKeogh(env, tr, j, best);
        lb[j] = first === Infinity ? first : Math.max(first, lbKeogh(trainEnvelopes[j], qs, q, best));
        order[j] = j;
      }
      order.sort((x, y) => (lb[x] < lb[y] ? -1 : lb[x] > lb[y] ? 1 : x - y));
      for (const j of order) {
        if (lb[j] > best || (lb[j] === best && j > bestIndex)) break;
        lbKeogh(env, tr, j, Infinity, tail);
        const d = dtwDistance(qs, q, tr, j, radius, best, tail, rows);
        if (d < best || (d === best && j < bestIndex)) {
          best = d;
          bestIndex = j;
        }
      }
    }
    out[q] = bestIndex;
  }
  return out;
}
