/** Loss of a whole split in inference mode, for validation each epoch. */
import type * as TF from '@tensorflow/tfjs';
import type { LossName, Task } from '../../shared/model/variant';
import { HUBER_DELTA } from './losses';
import type { Rows } from './batches';
import { predict } from './predict';

const EPSILON = 1e-7;

/**
 * Mean loss over `rows` (MSE, or categorical cross-entropy for classify), as `taskLoss` computes it
 * in training, or null when the split is empty. Predicts in chunks of `batchSize` without dropout.
 */
export function evaluateLoss(model: TF.LayersModel, task: Task, rows: Rows, shape: [number, number], loss: LossName = 'mse', batchSize = 512): number | null {
  if (rows.n === 0) return null;
  const pred = predict(model, rows.x, rows.n, shape, batchSize);
  return meanLoss(task, rows.y, pred, rows.n, loss);
}

/** The mean loss of predictions `pred` against targets `y` (both n x outputs), in plain arithmetic. */
export function meanLoss(task: Task, y: Float32Array, pred: Float32Array, n: number, loss: LossName = 'mse'): number {
  let total = 0;
  if (task === 'classify') {
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0) total -= y[i] * Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, pred[i])));
    }
    return total / n;
  }
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs(y[i] - pred[i]);
    total += loss === 'mae' ? d : loss === 'huber' ? (d <= HUBER_DELTA ? 0.5 * d * d : HUBER_DELTA * (d - 0.5 * HUBER_DELTA)) : d * d;
  }
  return total / y.length;
}
