/**
 * Two-sample drift statistics on plain sorted arrays: the Kolmogorov-Smirnov statistic with its
 * exact p-value (small samples), the first Wasserstein distance (large samples) and the population
 * stability index. Pure maths, checked by hand in test/unit/drift-statistics.test.ts.
 */

/** Sorts a copy of the finite values ascending (NaN and infinities dropped). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return Float64Array.from(out).sort();
}

/** The KS statistic D = max |F_a(x) - F_b(x)| of two sorted samples. */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(a[i], b[j]);
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/**
 * The exact two-sided p-value P(D >= d) of the two-sample KS test for sizes n and m (no ties):
 * the share of the C(n+m, n) monotone lattice paths that leave the band |i/n - j/m| < d, by
 * dynamic programming over probabilities (so nothing overflows). O(n*m) time, O(m) memory.
 */
export function ksExactPValue(d: number, n: number, m: number): number {
  if (n === 0 || m === 0 || d <= 0) return 1;
  const eps = 1e-12;
  const inside = (i: number, j: number) => Math.abs(i / n - j / m) < d - eps;
  const row = new Float64Array(m + 1);
  row[0] = 1;
  for (let j = 1; j <= m; j++) row[j] = inside(0, j) ? row[j - 1] : 0;
  for (let i = 1; i <= n; i++) {
    row[0] = inside(i, 0) ? row[0] : 0;
    for (let j = 1; j <= m; j++) {
      // Of the paths to (i, j), a share i/(i+j) comes from (i-1, j) and j/(i+j) from (i, j-1).
      row[j] = inside(i, j) ? (i / (i + j)) * row[j] + (j / (i + j)) * row[j - 1] : 0;
    }
  }
  return Math.min(1, Math.max(0, 1 - row[m]));
}

/** The asymptotic KS p-value (Kolmogorov distribution with Stephens' correction), for large samples. */
export function ksAsymptoticPValue(d: number, n: number, m: number): number {
  if (n === 0 || m === 0 || d <= 0) return 1;
  const en = Math.sqrt((n * m) / (n + m));
  const lambda = (en + 0.12 + 0.11 / en) * d;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** The KS p-value: exact while n*m is at most `exactLimit`, asymptotic above. */
export function ksPValue(d: number, n: number, m: number, exactLimit = 4_000_000): number {
  return n * m <= exactLimit ? ksExactPValue(d, n, m) : ksAsymptoticPValue(d, n, m);
}

/** The first Wasserstein (earth mover's) distance between two sorted samples: the area between their CDFs. */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  let i = 0;
  let j = 0;
  let x = Math.min(a[0], b[0]);
  let area = 0;
  while (i < n || j < m) {
    const next = j >= m || (i < n && a[i] <= b[j]) ? a[i] : b[j];
    area += Math.abs(i / n - j / m) * (next - x);
    x = next;
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
  }
  return area;
}

/** Share of `sorted` values in each bin of `edges` (k edges make k+1 bins: (-inf, e0), [e0, e1), ..., [e_k-1, inf)). */
export function binShares(sorted: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (bin < edges.length && sorted[i] >= edges[bin]) bin++;
    counts[bin]++;
  }
  return counts.map((c) => (sorted.length > 0 ? c / sorted.length : 0));
}

/**
 * The population stability index sum((c - r) * ln(c / r)) over bins; empty bins count as
 * `floor` (1e-4) so the logarithm stays finite.
 */
export function psi(reference: readonly number[], current: readonly number[], floor = 1e-4): number {
  let total = 0;
  for (let k = 0; k < reference.length; k++) {
    const r = Math.max(reference[k], floor);
    const c = Math.max(current[k] ?? 0, floor);
    total += (c - r) * Math.log(c / r);
  }
  return total;
}

/** The value at quantile q (0..1) of a sorted sample, interpolated linearly. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
