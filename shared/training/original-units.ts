/** Turns model outputs and window targets back into the target's own units, for metrics and charts. */
import type { Task } from '../model/variant';
import type { PreparedData, ScalerState, WindowBatch } from './prepared';
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
  return batchToOriginalUnits(prepared.task, prepared.targetScaler, prepared.outputs, batch, predictions);
}

/** toOriginalUnits for any batch cut for a model (a split, or scoring windows of new data). */
export function batchToOriginalUnits(task: Task, targetScaler: ScalerState | null, outputs: number, batch: WindowBatch, predictions: Float32Array): { predicted: Float32Array; actual: Float32Array } {
  if (task === 'classify' || targetScaler === null) return { predicted: predictions.slice(), actual: batch.y.slice() };
  return { predicted: restoreTargets(targetScaler, outputs, batch, predictions), actual: restoreTargets(targetScaler, outputs, batch, batch.y) };
}

/** Applies restore values and the inverse target scaler to n x outputs values whose last dimension is the targets. */
function restoreTargets(scaler: ScalerState, perWindow: number, batch: WindowBatch, values: Float32Array): Float32Array {
  const T = scaler.columns.length;
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
  return batchPersistence(prepared.task, prepared.targetScaler, prepared.outputs, prepared[which]);
}

/** persistenceBaseline for any forecast batch. */
export function batchPersistence(task: Task, targetScaler: ScalerState | null, outputs: number, batch: WindowBatch): Float32Array | null {
  if (task !== 'forecast' || !batch.lastTarget || targetScaler === null) return null;
  const T = targetScaler.columns.length;
  const out = new Float32Array(batch.n * outputs);
  for (let k = 0; k < out.length; k++) {
    const i = Math.floor(k / outputs);
    const t = k % T;
    out[k] = unscaleValue(targetScaler, t, batch.lastTarget[i * T + t]);
  }
  return out;
}
