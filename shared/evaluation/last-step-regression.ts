/**
 * The linear RUL baseline: remaining life as a linear function of the input window's last real
 * step (every scaled input feature) plus an intercept, fitted by least squares on the training
 * windows. Pure TypeScript.
 */
import type { WindowBatch } from '../training/prepared';
import { RidgeAccumulator } from './ridge';

/** A fitted last-step regression, stored with the model (metadata.reference.lastLinear). */
export interface LastStepModel {
  features: number;
  /** features + 1 coefficients, the intercept last. */
  coef: number[];
}

/** The offset in batch.x of window i's last real step (the mask says which steps are padding). */
function lastStep(batch: WindowBatch, i: number, window: number, features: number): number {
  let step = window - 1;
  if (batch.mask) while (step > 0 && batch.mask[i * window + step] === 0) step--;
  return (i * window + step) * features;
}

/** Fits RUL (`actual`, one value per window in steps) on the last step of each training window; null with no window. */
export function fitLastStep(batch: WindowBatch, window: number, features: number, actual: ArrayLike<number>): LastStepModel | null {
  const acc = new RidgeAccumulator(features, 1);
  for (let i = 0; i < batch.n; i++) {
    const at = lastStep(batch, i, window, features);
    acc.add((j) => batch.x[at + j], () => actual[i]);
  }
  const b = acc.solve();
  return b ? { features, coef: Array.from(b) } : null;
}

/** The model's RUL for each window of a batch cut the same way. */
export function predictLastStep(model: LastStepModel, batch: WindowBatch, window: number): Float64Array {
  const F = model.features;
  const out = new Float64Array(batch.n);
  for (let i = 0; i < batch.n; i++) {
    const at = lastStep(batch, i, window, F);
    let s = model.coef[F];
    for (let j = 0; j < F; j++) s += model.coef[j] * batch.x[at + j];
    out[i] = s;
  }
  return out;
}
