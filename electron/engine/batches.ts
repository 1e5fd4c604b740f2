/**
 * Turns the pipeline's plain typed arrays (WindowBatch) into tensors, a batch at a time, so a whole
 * split never has to sit in tfjs memory twice.
 */
import type * as TF from '@tensorflow/tfjs';
import type { WindowBatch } from '../../shared/training/prepared';
import { tf } from './backend';

/** Rows of a split: x is n x window x features, y is n x outputs (row-major). */
export type Rows = Pick<WindowBatch, 'n' | 'x' | 'y'>;

/** A random order of 0..n-1 (Fisher-Yates) from `rng`, a new one each epoch. */
export function shuffledOrder(n: number, rng: () => number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

/** The x and y tensors of rows `order[start..end)`; the caller disposes them. */
export function batchTensors(rows: Rows, order: Uint32Array, start: number, end: number, inputShape: [number, number]): { x: TF.Tensor3D; y: TF.Tensor2D } {
  const t = tf();
  const count = end - start;
  const xSize = inputShape[0] * inputShape[1];
  const ySize = rows.y.length / rows.n;
  const x = new Float32Array(count * xSize);
  const y = new Float32Array(count * ySize);
  for (let k = 0; k < count; k++) {
    const i = order[start + k];
    x.set(rows.x.subarray(i * xSize, (i + 1) * xSize), k * xSize);
    y.set(rows.y.subarray(i * ySize, (i + 1) * ySize), k * ySize);
  }
  return { x: t.tensor3d(x, [count, inputShape[0], inputShape[1]]), y: t.tensor2d(y, [count, ySize]) };
}
