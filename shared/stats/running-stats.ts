/** Streaming summary statistics (Welford), used for per-column profiles while importing. */

/**
 * Count, missing count, min, max, mean and sample standard deviation of a stream of numbers,
 * in constant memory and without allocating per value. NaN counts as missing.
 */
export class RunningStats {
  private n = 0;
  private nMissing = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private mu = 0;
  /** Sum of squared deviations from the running mean. */
  private m2 = 0;

  /** Adds one value; NaN is counted as missing and otherwise ignored. */
  push(x: number): void {
    if (x !== x) {
      this.nMissing++;
      return;
    }
    const n = ++this.n;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
    const delta = x - this.mu;
    this.mu += delta / n;
    this.m2 += delta * (x - this.mu);
  }

  /** Adds values[0, n) in order: the same summary as push() on each. */
  pushAll(values: Float64Array, n: number): void {
    let count = this.n;
    let lo = this.lo;
    let hi = this.hi;
    let mu = this.mu;
    let m2 = this.m2;
    let missing = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (x !== x) {
        missing++;
        continue;
      }
      count++;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      const delta = x - mu;
      mu += delta / count;
      m2 += delta * (x - mu);
    }
    this.n = count;
    this.nMissing += missing;
    this.lo = lo;
    this.hi = hi;
    this.mu = mu;
    this.m2 = m2;
  }

  /** Folds another summary into this one (Chan et al.), so chunks can be profiled separately. */
  merge(other: RunningStats): this {
    this.nMissing += other.nMissing;
    if (other.n === 0) return this;
    if (this.n === 0) {
      this.n = other.n;
      this.lo = other.lo;
      this.hi = other.hi;
      this.mu = other.mu;
      this.m2 = other.m2;
      return this;
    }
    const n = this.n + other.n;
    const delta = other.mu - this.mu;
    this.mu += (delta * other.n) / n;
    this.m2 += other.m2 + (delta * delta * this.n * other.n) / n;
    this.n = n;
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
    return this.n > 0 ? this.mu : null;
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
