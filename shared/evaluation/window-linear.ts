/**
 * The linear window baseline (DLinear-style): each target's forecast for each horizon step is a
 * linear function of that target's own last `window` values plus an intercept, fitted by least
 * squares (a tiny ridge penalty) on the training windows. Linear models of the input window beat
 * many deep forecasters on public benchmarks, so a model that does not beat it adds little.
 * Pure TypeScript; windows are read through a HistoryReader, outputs laid out like the model's.
 */
import { evenlySpaced, type HistoryReader } from './baselines';
import { RidgeAccumulator } from './ridge';

/** A fitted window model, stored with the model version (metadata.reference.windowLinear). */
export interface WindowLinearModel {
  window: number;
  horizon: number;
  targets: number;
  /**
   * Per target, (window + 1) x horizon coefficients in the target's own units, input-major: input j
   * is the value j steps before the window's end (0 = the last value), input `window` the intercept.
   */
  coef: number[][];
  /** Training windows the fit used (an evenly spaced subset when there were more). */
  fittedOn: number;
}

/** Multiply-adds the fit may spend (about a second here): beyond it, an evenly spaced subset of windows is used. */
const FIT_BUDGET = 6e8;

/**
 * Fits the model on `n` training windows: `history(i, back, t)` reads window i's target t `back`
 * steps before its end, `actual` holds the true values (n x horizon x targets). Each target is
 * centred and scaled by its last values' mean and spread before the fit, for a well-conditioned
 * Gram matrix; the coefficients are returned in the target's own units. Null with no window.
 */
export function fitWindowLinear(history: HistoryReader, n: number, actual: ArrayLike<number>, shape: { window: number; horizon: number; targets: number }): WindowLinearModel | null {
  const { window: L, horizon: H, targets: T } = shape;
  if (actual.length !== n * H * T) throw new Error(`fitWindowLinear: ${actual.length} actual values for ${n} windows x ${H} steps x ${T} targets.`);
  if (n === 0 || L < 1) return null;
  const use = Math.max(1, Math.min(n, Math.floor(FIT_BUDGET / ((L + 1) * (L + 1) * T))));
  const picked = evenlySpaced(n, use);
  const coef: number[][] = [];
  for (let t = 0; t < T; t++) {
    const { offset, scale } = spread(picked.map((i) => history(i, 0, t)));
    const acc = new RidgeAccumulator(L, H);
    for (const i of picked) {
      acc.add(
        (j) => (history(i, j, t) - offset) / scale,
        (h) => (actual[(i * H + h) * T + t] - offset) / scale,
      );
    }
    const b = acc.solve();
    if (!b) return null;
    // ŷ = offset + scale * (Σ w_j (v_j - offset)/scale + c) = Σ w_j v_j + offset (1 - Σ w_j) + scale c
    const out = new Array<number>((L + 1) * H);
    for (let h = 0; h < H; h++) {
      let sum = 0;
      for (let j = 0; j < L; j++) {
        out[j * H + h] = b[j * H + h];
        sum += b[j * H + h];
      }
      out[L * H + h] = offset * (1 - sum) + scale * b[L * H + h];
    }
    coef.push(out);
  }
  return { window: L, horizon: H, targets: T, coef, fittedOn: use };
}

/** The model's forecasts for `n` windows read through `history`, laid out n x horizon x targets. */
export function predictWindowLinear(model: WindowLinearModel, history: HistoryReader, n: number): Float64Array {
  const { window: L, horizon: H, targets: T } = model;
  const out = new Float64Array(n * H * T);
  const values = new Float64Array(L);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < T; t++) {
      const c = model.coef[t];
      for (let j = 0; j < L; j++) values[j] = history(i, j, t);
      for (let h = 0; h < H; h++) {
        let s = c[L * H + h];
        for (let j = 0; j < L; j++) s += c[j * H + h] * values[j];
        out[(i * H + h) * T + t] = s;
      }
    }
  }
  return out;
}

/** Mean and standard deviation of the finite values (scale 1 when they do not vary). */
function spread(values: number[]): { offset: number; scale: number } {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { offset: 0, scale: 1 };
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((s, v) => s + (v - mean) * (v - mean), 0) / finite.length);
  return { offset: mean, scale: sd > 0 ? sd : 1 };
}
