/** Loss of a whole split in inference mode, for validation each epoch. */
import type * as TF from '@tensorflow/tfjs';
import type { LossName, Task } from '../../shared/model/variant';
import { HUBER_DELTA } from './losses';
import type { Rows } from './batches';
import { predict } from './predict';

const EPSILON = 1e-7;

/**
 * Mean loss over `rows` (MSE, or categorical cross-entropy for classify), as `taskLoss` computes it
 * in training, and the score early stopping watches (lower is better), or null when the split is
 * empty. Predicts in chunks of `batchSize` without dropout. The score is the loss, except for
 * classify: the share of misclassified rows, ties broken by the loss (on the tiny validation splits
 * of sequence-classification data the cross-entropy often rises while accuracy still improves).
 */
export function evaluateSplit(model: TF.LayersModel, task: Task, rows: Rows, shape: [number, number], loss: LossName = 'mse', batchSize = 512): { loss: number; score: number } | null {
  if (rows.n === 0) return null;
  const pred = predict(model, rows.x, rows.n, shape, batchSize);
  const mean = meanLoss(task, rows.y, pred, rows.n, loss);
  return { loss: mean, score: monitoredScore(task, rows.y, pred, rows.n, mean) };
}

/** The early-stopping score of predictions with mean loss `mean`: see evaluateSplit. */
export function monitoredScore(task: Task, y: Float32Array, pred: Float32Array, n: number, mean: number): number {
  if (task !== 'classify') return mean;
  // errors + L / (1 + L) < errors + 1: fewer errors always wins, then the lower loss.
  return (misclassified(y, pred, n) + mean / (1 + mean)) / n;
}

/** Rows whose highest predicted probability is not on their one-hot class. */
function misclassified(y: Float32Array, pred: Float32Array, n: number): number {
  const k = y.length / n;
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    let top = 0;
    for (let j = 1; j < k; j++) if (pred[i * k + j] > pred[i * k + top]) top = j;
    if (y[i * k + top] !== 1) wrong++;
  }
  return wrong;
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
