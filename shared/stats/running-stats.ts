/** Streaming summary statistics, used for per-column profiles while importing and for scalers. */

/** Values between two re-centrings of the shifted sums (a power of two; before it, at every power of two). */
const RECENTRE = 1 << 12;

/** Whether the sums are re-centred before the value after the first `count`: at 0, 1, 2, 4, ... RECENTRE, then every RECENTRE. */
function recentresAt(count: number): boolean {
  return (count & (RECENTRE - 1)) === 0 || (count < RECENTRE && (count & (count - 1)) === 0);
}

/**
 * Count, missing count, min, max, mean and sample standard deviation of a stream of numbers,
 * in constant memory and without allocating per value. NaN counts as missing.
 *
 * Values are summed as shifted sums: s1 = sum(x - shift) and s2 = sum((x - shift)^2), with the shift
 * set to the first value and moved to the mean so far at fixed counts (recentresAt), so the sums stay small
 * (no catastrophic cancellation) and each value costs an add and a multiply-add, not Welford's
 * division. The re-centrings happen at fixed counts, so push() value by value and pushAll() in
 * batches of any size give the same summary to the last bit.
 */
export class RunningStats {
  private n = 0;
  private nMissing = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private shift = 0;
  private s1 = 0;
  private s2 = 0;

  /** Adds one value; NaN is counted as missing and otherwise ignored. */
  push(x: number): void {
    if (x !== x) {
      this.nMissing++;
      return;
    }
    if (recentresAt(this.n)) this.recentre(x);
    this.n++;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    const d = x - this.shift;
    this.s1 += d;
    this.s2 += d * d;
  }

  /** Adds values[0, n) in order: the same summary as push() on each. */
  pushAll(values: Float64Array, n: number): void {
    let i = 0;
    while (i < n) {
      let count = this.n;
      let lo = this.lo;
      let hi = this.hi;
      let s1 = this.s1;
      let s2 = this.s2;
      let missing = 0;
      const shift = this.shift;
      for (; i < n; i++) {
        const x = values[i];
        if (x !== x) {
          missing++;
          continue;
        }
        if (recentresAt(count)) break; // re-centre first (push), then go on
        count++;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        const d = x - shift;
        s1 += d;
        s2 += d * d;
      }
      this.n = count;
      this.nMissing += missing;
      this.lo = lo;
      this.hi = hi;
      this.s1 = s1;
      this.s2 = s2;
      if (i < n) this.push(values[i++]);
    }
  }

  /** Moves the shift to the mean so far (to x for the first value). */
  private recentre(x: number): void {
    if (this.n === 0) {
      this.shift = x;
      this.s1 = 0;
      this.s2 = 0;
      return;
    }
    const mean = this.shift + this.s1 / this.n;
    this.s2 = this.m2;
    this.s1 = 0;
    this.shift = mean;
  }

  /** Sum of squared deviations from the mean. */
  private get m2(): number {
    return this.n > 0 ? Math.max(0, this.s2 - (this.s1 * this.s1) / this.n) : 0;
  }

  /** Folds another summary into this one (Chan et al.), so chunks can be profiled separately. */
  merge(other: RunningStats): this {
    this.nMissing += other.nMissing;
    if (other.n === 0) return this;
    const n = this.n + other.n;
    const otherMean = other.mean as number;
    let mean = otherMean;
    let m2 = other.m2;
    if (this.n > 0) {
      const delta = otherMean - (this.mean as number);
      mean = (this.mean as number) + (delta * other.n) / n;
      m2 += this.m2 + (delta * delta * this.n * other.n) / n;
    }
    this.n = n;
    this.shift = mean;
    this.s1 = 0;
    this.s2 = m2;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    return this;
  }

  /** Number of non-missing values. */
  get count(): number {
    return this.n;
  }

  /** Number of missing (NaN) values. */
  get missing(): number {
    return this.nMissing;
  }

  /** Smallest value, or null when there is none. */
  get min(): number | null {
    return this.n > 0 ? this.lo : null;
  }

  /** Largest value, or null when there is none. */
  get max(): number | null {
    return this.n > 0 ? this.hi : null;
  }

  /** Mean, or null when there is no value. */
  get mean(): number | null {
    return this.n > 0 ? this.shift + this.s1 / this.n : null;
  }

  /** Sample variance (n - 1), or null with fewer than two values. */
  get variance(): number | null {
    return this.n > 1 ? this.m2 / (this.n - 1) : null;
  }

  /** Sample standard deviation (n - 1), or null with fewer than two values. */
  get std(): number | null {
    const v = this.variance;
    return v === null ? null : Math.sqrt(v);
  }
}
