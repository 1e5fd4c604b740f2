/**
 * Measures training speed on this machine before a run, so the UI can show an estimated duration:
 * a few real optimisation steps on random data, after which the model's weights are put back.
 */
import type * as TF from '@tensorflow/tfjs';
import type { VariantConfig } from '../../shared/model/variant';
import { createRng } from '../../shared/random';
import { initEngine, tf } from './backend';
import type { ModelShape } from './build-model';
import { outputWidth } from './predict';
import { releaseRecurrentMasks } from './recurrent-masks';
import { createOptimizer, stepContext, trainStep } from './train-step';
import { disposeSnapshot, restoreWeights, snapshotWeights } from './weight-snapshot';

export interface ThroughputOptions {
  /** Timed batches after one untimed warm-up batch (default 2). */
  batches?: number;
}

/**
 * Returns training samples per second for `model` with the variant's batch size and optimizer.
 * `shape` may be the model shape or just [window, features]; what is missing comes from the model
 * and the config. The model's weights (and batch-norm statistics) are unchanged afterwards.
 */
export async function measureThroughput(model: TF.LayersModel, config: VariantConfig, shape?: ModelShape | [number, number], options: ThroughputOptions = {}): Promise<number> {
  await initEngine();
  const t = tf();
  const [, window, features] = model.inputs[0].shape as [null, number, number];
  const task = shape && !Array.isArray(shape) ? shape.task : config.task;
  const outputs = outputWidth(model);
  const batchSize = Math.max(1, Math.floor(config.training.batchSize));
  const timed = Math.max(1, Math.floor(options.batches ?? 2));
  const batch = randomBatch(batchSize, window, features, outputs, task === 'classify', config.training.seed);
  const snapshot = snapshotWeights(model);
  const optimizer = createOptimizer(config);
  const ctx = stepContext(model, task, config, optimizer);
  const x = t.tensor3d(batch.x, [batchSize, window, features]);
  const y = t.tensor2d(batch.y, [batchSize, outputs]);
  try {
    trainStep(ctx, x, y); // warm-up: first-call allocations and kernel setup are not typical
    const started = performance.now();
    for (let i = 0; i < timed; i++) {
      trainStep(ctx, x, y);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? (timed * batchSize) / seconds : 0;
  } finally {
    t.dispose([x, y]);
    restoreWeights(model, snapshot);
    disposeSnapshot(snapshot);
    optimizer.dispose();
    releaseRecurrentMasks(model);
  }
}

function randomBatch(n: number, window: number, features: number, outputs: number, oneHot: boolean, seed: number): { x: Float32Array; y: Float32Array } {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * window * features }, () => rng() * 2 - 1);
  const y = new Float32Array(n * outputs);
  for (let i = 0; i < n; i++) {
    if (oneHot) y[i * outputs + Math.floor(rng() * outputs)] = 1;
    else for (let j = 0; j < outputs; j++) y[i * outputs + j] = rng() * 2 - 1;
  }
  return { x, y };
}
