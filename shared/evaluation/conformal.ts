/**
 * Split-conformal prediction intervals: the absolute residuals of a calibration split (the
 * validation windows, never seen in training) give, per forecast step and target, the half-width
 * that covers a chosen share of new errors. Distribution-free; valid when new data is exchangeable
 * with the calibration data. Pure TypeScript.
 */

/** Half-widths per coverage level, laid out per step and target: halfWidth[level][h * targets + t]. */
export interface ConformalTable {
  method: 'split-conformal-abs';
  /** Coverage levels, ascending (0.50, 0.51, ..., 0.99). */
  levels: number[];
  horizon: number;
  targets: number;
  halfWidth: number[][];
  /** Calibration windows behind the widths. */
  windows: number;
}

/** Coverage levels stored with every model: 0.50 to 0.99 in steps of 0.01. */
export const COVERAGE_LEVELS: readonly number[] = Array.from({ length: 50 }, (_, i) => Math.round((0.5 + i * 0.01) * 100) / 100);

/**
 * Fits the table from calibration predictions and actual values (n x horizon x targets, row-major).
 * For n scores the half-width at level a is the ceil((n + 1) a)-th smallest |residual| (the largest
 * when that rank exceeds n), which guarantees coverage of at least a on exchangeable data.
 */
export function fitConformal(pred: ArrayLike<number>, actual: ArrayLike<number>, horizon: number, targets: number, levels: readonly number[] = COVERAGE_LEVELS): ConformalTable {
  const per = horizon * targets;
  if (pred.length !== actual.length || pred.length % per !== 0) throw new Error(`fitConformal: ${pred.length} predictions and ${actual.length} actual values are not n x ${horizon} x ${targets}.`);
  const n = pred.length / per;
  const sorted = Array.from({ length: per }, (_, k) => {
    const r: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = Math.abs(pred[i * per + k] - actual[i * per + k]);
      if (Number.isFinite(d)) r.push(d);
    }
    return r.sort((a, b) => a - b);
  });
  const halfWidth = levels.map((a) => sorted.map((r) => conformalQuantile(r, a)));
  return { method: 'split-conformal-abs', levels: [...levels], horizon, targets, halfWidth, windows: n };
}

/** The conformal quantile of ascending scores at level a; NaN without scores. */
export function conformalQuantile(ascending: readonly number[], a: number): number {
  const n = ascending.length;
  if (n === 0) return NaN;
  const rank = Math.ceil((n + 1) * a);
  return ascending[Math.min(n, Math.max(1, rank)) - 1];
}

/** Half-widths (per step and target) for a coverage: the stored level at or just above it. */
export function halfWidthsFor(table: ConformalTable, coverage: number): number[] {
  if (!(coverage > 0 && coverage < 1)) throw new Error(`Coverage must be between 0 and 1, got ${coverage}.`);
  const i = table.levels.findIndex((l) => l >= coverage - 1e-9);
  return table.halfWidth[i < 0 ? table.levels.length - 1 : i].slice();
}

/** Share of actual values inside pred +- halfWidth, overall and per forecast step. */
export function measureCoverage(pred: ArrayLike<number>, actual: ArrayLike<number>, halfWidth: readonly number[], horizon: number, targets: number): { overall: number; perStep: number[] } {
  const per = horizon * targets;
  const inside = new Array<number>(horizon).fill(0);
  const counts = new Array<number>(horizon).fill(0);
  for (let k = 0; k < pred.length; k++) {
    const j = k % per;
    const h = Math.floor(j / targets);
    const a = actual[k];
    if (!Number.isFinite(a)) continue;
    counts[h]++;
    if (Math.abs(pred[k] - a) <= halfWidth[j]) inside[h]++;
  }
  const total = counts.reduce((s, c) => s + c, 0);
  return { overall: total === 0 ? NaN : inside.reduce((s, c) => s + c, 0) / total, perStep: inside.map((c, h) => (counts[h] === 0 ? NaN : c / counts[h])) };
}
