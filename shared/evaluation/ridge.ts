/**
 * Least squares with an intercept by the normal equations, with a tiny ridge penalty for stability
 * (collinear inputs, such as a constant stretch of a sensor, still give a solution). Pure TypeScript.
 */

/** Accumulates X'X and X'Y over rows of inputs (p values) and outputs (q values), then solves. */
export class RidgeAccumulator {
  /** (p+1) x (p+1), the last row/column for the intercept; only the upper triangle is filled until solve. */
  private readonly gram: Float64Array;
  /** (p+1) x q */
  private readonly cross: Float64Array;
  private rows = 0;
  private readonly row: Float64Array;

  constructor(
    readonly inputs: number,
    readonly outputs: number,
  ) {
    const d = inputs + 1;
    this.gram = new Float64Array(d * d);
    this.cross = new Float64Array(d * outputs);
    this.row = new Float64Array(d);
  }

  /** Adds one row: `read(j)` gives input j (0..p-1), `y(k)` output k (0..q-1). Rows with a non-finite value are skipped. */
  add(read: (j: number) => number, y: (k: number) => number): void {
    const p = this.inputs;
    const d = p + 1;
    const x = this.row;
    for (let j = 0; j < p; j++) {
      x[j] = read(j);
      if (!Number.isFinite(x[j])) return;
    }
    x[p] = 1;
    for (let k = 0; k < this.outputs; k++) if (!Number.isFinite(y(k))) return;
    const g = this.gram;
    for (let a = 0; a < d; a++) {
      const xa = x[a];
      const base = a * d;
      for (let b = a; b < d; b++) g[base + b] += xa * x[b];
    }
    for (let k = 0; k < this.outputs; k++) {
      const yk = y(k);
      for (let a = 0; a < d; a++) this.cross[a * this.outputs + k] += x[a] * yk;
    }
    this.rows++;
  }

  /** Rows added so far. */
  get count(): number {
    return this.rows;
  }

  /**
   * Coefficients, (p+1) x q (input-major, the intercept last), or null with no rows. The penalty
   * is `penalty` times the mean diagonal of X'X over the inputs (the intercept is not penalised).
   */
  solve(penalty = 1e-6): Float64Array | null {
    if (this.rows === 0) return null;
    const d = this.inputs + 1;
    const a = Float64Array.from(this.gram);
    for (let r = 0; r < d; r++) for (let c = 0; c < r; c++) a[r * d + c] = a[c * d + r];
    let trace = 0;
    for (let j = 0; j < this.inputs; j++) trace += a[j * d + j];
    const lambda = penalty * (this.inputs > 0 ? trace / this.inputs : 0) + 1e-12;
    for (let j = 0; j < this.inputs; j++) a[j * d + j] += lambda;
    a[d * d - 1] += 1e-12 * this.rows;
    return solveSymmetric(a, d, Float64Array.from(this.cross), this.outputs);
  }
}

/**
 * Solves A X = B for a symmetric positive definite A (d x d, overwritten) and B (d x q, overwritten
 * with X) by Cholesky; a pivot that is not positive (a singular A) is treated as a zero coefficient.
 */
export function solveSymmetric(a: Float64Array, d: number, b: Float64Array, q: number): Float64Array {
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j];
    for (let k = 0; k < j; k++) s -= a[j * d + k] * a[j * d + k];
    const pivot = s > 1e-300 ? Math.sqrt(s) : 0;
    a[j * d + j] = pivot;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j];
      for (let k = 0; k < j; k++) t -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = pivot > 0 ? t / pivot : 0;
    }
  }
  for (let c = 0; c < q; c++) {
    // Forward: L z = b; back: L' x = z.
    for (let i = 0; i < d; i++) {
      let s = b[i * q + c];
      for (let k = 0; k < i; k++) s -= a[i * d + k] * b[k * q + c];
      b[i * q + c] = a[i * d + i] > 0 ? s / a[i * d + i] : 0;
    }
    for (let i = d - 1; i >= 0; i--) {
      let s = b[i * q + c];
      for (let k = i + 1; k < d; k++) s -= a[k * d + i] * b[k * q + c];
      b[i * q + c] = a[i * d + i] > 0 ? s / a[i * d + i] : 0;
    }
  }
  return b;
}
