/**
 * One optimisation step, shared by training and the throughput estimate: forward in training mode
 * (dropout on), loss (+ L2), gradients, clipping by global norm, optimizer update. All tensors of the
 * step are freed before it returns.
 */
import type * as TF from '@tensorflow/tfjs';
import type { LossName, Task, VariantConfig } from '../../shared/model/variant';
import { tf } from './backend';
import { kernelVariables, l2Penalty, taskLoss } from './losses';

/** Everything a step needs, prepared once per training run. */
export interface StepContext {
  model: TF.LayersModel;
  task: Task;
  loss: LossName;
  optimizer: TF.Optimizer;
  variables: TF.Variable[];
  kernels: TF.Variable[];
  weightDecay: number;
  clipNorm: number;
}

/** What one step did: the batch's data loss (without L2) and the gradients' global norm before clipping (null when clipping is off). */
export interface StepResult {
  loss: number;
  gradNorm: number | null;
}

/** Creates the variant's optimizer (Adam or RMSprop) at its learning rate. */
export function createOptimizer(config: VariantConfig): TF.Optimizer {
  const t = tf();
  const lr = config.training.learningRate;
  return config.training.optimizer === 'rmsprop' ? t.train.rmsprop(lr) : t.train.adam(lr);
}

/** Changes an optimizer's learning rate in place (Adam and RMSprop read it on every update). */
export function setLearningRate(optimizer: TF.Optimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/** Prepares the per-run step context for `model`. */
export function stepContext(model: TF.LayersModel, task: Task, config: VariantConfig, optimizer: TF.Optimizer): StepContext {
  return {
    model,
    task,
    loss: config.training.loss,
    optimizer,
    variables: model.trainableWeights.map((w) => w.read() as TF.Variable),
    kernels: kernelVariables(model),
    weightDecay: config.training.weightDecay,
    clipNorm: config.training.clipNorm,
  };
}

/**
 * Scales gradients so their global norm is at most `clipNorm` (0 = off), like Keras's
 * `global_clipnorm`. Returns new tensors and the norm before clipping.
 */
export function clipByGlobalNorm(grads: TF.NamedTensorMap, clipNorm: number): { grads: TF.NamedTensorMap; norm: number | null } {
  if (!(clipNorm > 0)) return { grads, norm: null };
  const t = tf();
  const names = Object.keys(grads);
  const normTensor = t.tidy(() => t.sqrt(t.addN(names.map((n) => t.sum(t.square(grads[n]))))));
  const norm = normTensor.dataSync()[0];
  normTensor.dispose();
  if (norm <= clipNorm) return { grads, norm };
  const scale = clipNorm / norm;
  const clipped: TF.NamedTensorMap = {};
  for (const n of names) clipped[n] = t.mul(grads[n], scale);
  return { grads: clipped, norm };
}

/** Runs one training step on a batch and returns its loss and gradient norms. */
export function trainStep(ctx: StepContext, x: TF.Tensor, y: TF.Tensor): StepResult {
  const t = tf();
  const result: StepResult = { loss: NaN, gradNorm: null };
  t.tidy(() => {
    let dataLoss: TF.Scalar | undefined;
    const { grads } = t.variableGrads(() => {
      const pred = ctx.model.apply(x, { training: true }) as TF.Tensor;
      dataLoss = t.keep(taskLoss(ctx.task, y, pred, ctx.loss));
      const penalty = l2Penalty(ctx.kernels, ctx.weightDecay);
      return penalty ? t.add(dataLoss, penalty) : dataLoss;
    }, ctx.variables);
    const clipped = clipByGlobalNorm(grads, ctx.clipNorm);
    ctx.optimizer.applyGradients(clipped.grads);
    result.gradNorm = clipped.norm;
    if (dataLoss) {
      result.loss = dataLoss.dataSync()[0];
      dataLoss.dispose();
    }
  });
  return result;
}
