/**
 * Batch scoring: runs the model over many windows in large chunks (tfjs's default of 32 is slow),
 * returning plain numbers and freeing every tensor.
 */
import type * as TF from '@tensorflow/tfjs';
import { tf } from './backend';
import { releaseRecurrentMasks } from './recurrent-masks';

/**
 * Predicts `n` windows of `x` (n x window x features, row-major) and returns n x outputs values.
 * Runs in inference mode (no dropout); masking applies to all-zero steps as in training.
 */
export function predict(model: TF.LayersModel, x: Float32Array, n: number, shape: [number, number], batchSize = 1024): Float32Array {
  const t = tf();
  const [window, features] = shape;
  const xSize = window * features;
  if (x.length !== n * xSize) {
    throw new Error(`predict: x has ${x.length} values but ${n} windows of ${window} x ${features} need ${n * xSize}; the prepared data does not match the model's input shape.`);
  }
  const outputs = outputWidth(model);
  const out = new Float32Array(n * outputs);
  const chunk = Math.max(1, Math.floor(batchSize));
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    const values = t.tidy(() => {
      const input = t.tensor3d(x.subarray(start * xSize, end * xSize), [end - start, window, features]);
      return (model.predict(input, { batchSize: end - start }) as TF.Tensor).dataSync();
    });
    out.set(values, start * outputs);
  }
  releaseRecurrentMasks(model);
  return out;
}

/** The width of the model's (single) output. */
export function outputWidth(model: TF.LayersModel): number {
  const shape = model.outputs[0].shape;
  const width = shape[shape.length - 1];
  if (width == null) throw new Error(`Model ${model.name} has an output of unknown width.`);
  return width;
}
