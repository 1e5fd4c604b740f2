/**
 * The training objective per task: the configured regression loss (mean squared or absolute error,
 * or Huber) for forecast/regress/rul (targets are already scaled by the pipeline) and categorical
 * cross-entropy for classify (one-hot targets, softmax output).
 */
import type * as TF from '@tensorflow/tfjs';
import type { LossName, Task } from '../../shared/model/variant';
import { tf } from './backend';

const EPSILON = 1e-7;

/** Where the Huber loss turns from squared to absolute, in scaled units. */
export const HUBER_DELTA = 1;

/** Mean loss of a batch as a scalar tensor. */
export function taskLoss(task: Task, yTrue: TF.Tensor, yPred: TF.Tensor, loss: LossName = 'mse'): TF.Scalar {
  const t = tf();
  return t.tidy(() => {
    if (task === 'classify') {
      const p = t.clipByValue(yPred, EPSILON, 1 - EPSILON);
      return t.mean(t.neg(t.sum(t.mul(yTrue, t.log(p)), -1))) as TF.Scalar;
    }
    if (loss === 'mae') return t.mean(t.abs(t.sub(yTrue, yPred))) as TF.Scalar;
    if (loss === 'huber') return t.losses.huberLoss(yTrue, yPred, undefined, HUBER_DELTA) as TF.Scalar;
    return t.mean(t.squaredDifference(yTrue, yPred)) as TF.Scalar;
  });
}

/**
 * The variables the L2 weight decay applies to: kernels (input, recurrent, attention and dense),
 * not biases or normalisation parameters, as Keras's kernel_regularizer.
 */
export function kernelVariables(model: TF.LayersModel): TF.Variable[] {
  return model.trainableWeights.filter((w) => /kernel$/.test(w.originalName)).map((w) => w.read() as TF.Variable);
}

/** The L2 penalty `weightDecay * sum(w^2)` over `kernels`, or null when there is none. */
export function l2Penalty(kernels: TF.Variable[], weightDecay: number): TF.Scalar | null {
  if (weightDecay <= 0 || kernels.length === 0) return null;
  const t = tf();
  return t.tidy(() => t.mul(weightDecay, t.addN(kernels.map((k) => t.sum(t.square(k))))) as TF.Scalar);
}
