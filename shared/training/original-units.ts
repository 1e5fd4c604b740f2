/** Turns model outputs and window targets back into the target's own units, for metrics and charts. */
import type { PreparedData, WindowBatch } from './prepared';
import { unscaleValue } from './scaler';
import type { SplitName } from './split-windows';

/**
 * Undoes what the pipeline did to the targets of one split: value = output * restore.scale +
 * restore.base (predictDelta / instance norm, in scaled units), then the target scaler's inverse.
 * `predictions` is laid out like the batch's y (n x outputs). Classification outputs are returned
 * as they are: probabilities beside the one-hot truth.
 */
export function toOriginalUnits(prepared: PreparedData, which: SplitName, predictions: Float32Array): { predicted: Float32Array; actual: Float32Array } {
  const batch = prepared[which];
  if (predictions.length !== batch.y.length) {
    throw new Error(`toOriginalUnits: ${predictions.length} predictions for the ${which} split, which has ${batch.n} windows x ${prepared.outputs} outputs = ${batch.y.length}.`);
  }
  if (prepared.task === 'classify' || prepared.targetScaler === null) return { predicted: predictions.slice(), actual: batch.y.slice() };
  return { predicted: restoreTargets(prepared, batch, predictions), actual: restoreTargets(prepared, batch, batch.y) };
}

/** Applies restore values and the inverse target scaler to n x outputs values whose last dimension is the targets. */
function restoreTargets(prepared: PreparedData, batch: WindowBatch, values: Float32Array): Float32Array {
  const scaler = prepared.targetScaler!;
  const T = scaler.columns.length;
  const perWindow = prepared.outputs;
  const { base, scale } = batch.restore;
  const out = new Float32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const i = Math.floor(k / perWindow);
    const t = k % T;
    const v = values[k] * (scale ? scale[i * T + t] : 1) + (base ? base[i * T + t] : 0);
    out[k] = unscaleValue(scaler, t, v);
  }
  return out;
}

/**
 * The persistence baseline of a forecast split in original units: each window's last observed target
 * value repeated over the horizon (laid out like the model's outputs). Null for other tasks.
 */
export function persistenceBaseline(prepared: PreparedData, which: SplitName): Float32Array | null {
  const batch = prepared[which];
  if (prepared.task !== 'forecast' || !batch.lastTarget || prepared.targetScaler === null) return null;
  const T = prepared.targetScaler.columns.length;
  const out = new Float32Array(batch.n * prepared.outputs);
  for (let k = 0; k < out.length; k++) {
    const i = Math.floor(k / prepared.outputs);
    const t = k % T;
    out[k] = unscaleValue(prepared.targetScaler, t, batch.lastTarget[i * T + t]);
  }
  return out;
}
