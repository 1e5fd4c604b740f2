/**
 * The training loop. Custom rather than model.fit, for seeded shuffling, clipping by global norm,
 * restore-best-weights, a learning-rate plateau schedule, throttled progress and cancellation within
 * one batch. Runs the same in the training worker, the CLI and tests.
 */
import type * as TF from '@tensorflow/tfjs';
import { UserError } from '../../shared/errors';
import type { EpochRecord, TrainProgress } from '../../shared/model/training';
import type { VariantConfig } from '../../shared/model/variant';
import type { PreparedData, WindowBatch } from '../../shared/training/prepared';
import { createRng } from '../../shared/random';
import { modelSelection } from '../../shared/training/model-selection';
import { initEngine } from './backend';
import { batchTensors, shuffledOrder } from './batches';
import { checkTrainData } from './check-data';
import { evaluateSplit } from './evaluate';
import { createLossMonitor } from './loss-monitor';
import { createProgressReporter, type ProgressReporter } from './progress';
import { releaseRecurrentMasks } from './recurrent-masks';
import { createOptimizer, setLearningRate, stepContext, trainStep, type StepContext } from './train-step';
import { disposeSnapshot, restoreWeights, snapshotWeights } from './weight-snapshot';

/** The splits and sizes training needs from the prepared data. */
export type TrainData = Pick<PreparedData, 'task' | 'train' | 'validation' | 'outputs'>;

/** Hooks into a run: cancellation and progress. */
export interface TrainOptions {
  /** Aborting stops training before the next batch. */
  signal?: AbortSignal;
  /** Live progress, at most ~8 times a second plus once at the end of each epoch. */
  onProgress?: (p: Omit<TrainProgress, 'runId'>) => void;
  /** Called after each completed epoch. */
  onEpoch?: (e: EpochRecord) => void;
}

/** How a run ended; the trained (or best-so-far) weights are in the model itself. */
export interface TrainOutcome {
  /** Completed epochs (a cancelled partial epoch is not recorded). */
  history: EpochRecord[];
  /**
   * The epoch with the lowest monitored score (validation loss, or for classify fewest validation errors
   * then loss; the training loss without validation or below training.minValidation); 0 when none completed.
   */
  bestEpoch: number;
  bestValLoss: number | null;
  stoppedEarly: boolean;
  cancelled: boolean;
  /** Training throughput over all batches (validation excluded). */
  samplesPerSecond: number;
  /** Optimizer steps (batches) run. */
  steps: number;
}

/**
 * Trains `model` in place on `data.train`, validating on `data.validation` after each epoch.
 * With `earlyStopping.enabled` and `restoreBestWeights`, the model ends with the best epoch's weights,
 * also when cancelled, so the caller can save the best model so far. Throws a UserError when the loss
 * becomes NaN or infinite.
 */
export async function trainModel(model: TF.LayersModel, data: TrainData, config: VariantConfig, options: TrainOptions = {}): Promise<TrainOutcome> {
  await initEngine();
  const inputShape = checkTrainData(model, data);
  const tc = config.training;
  const { train, validation } = data;
  const batchSize = Math.max(1, Math.floor(tc.batchSize));
  const batches = Math.ceil(train.n / batchSize);
  const keepBest = tc.earlyStopping.enabled && tc.earlyStopping.restoreBestWeights;
  const optimizer = createOptimizer(config);
  const ctx = stepContext(model, data.task, config, optimizer);
  const rng = createRng(tc.seed);
  const monitor = createLossMonitor(tc);
  const onValidation = modelSelection(config, validation.n).monitor === 'validation';
  const progress = createProgressReporter({ epochs: tc.epochs, batches, validationSamples: validation.n, onProgress: options.onProgress });
  const history: EpochRecord[] = [];
  let learningRate = tc.learningRate;
  let best: TF.Tensor[] | null = null;
  let cancelled = false;
  let stoppedEarly = false;
  let steps = 0;

  try {
    for (let epoch = 1; epoch <= tc.epochs && !cancelled && !stoppedEarly; epoch++) {
      const started = Date.now();
      const run = await trainEpoch(ctx, train, shuffledOrder(train.n, rng), { epoch, batchSize, inputShape, learningRate, signal: options.signal, progress });
      steps += run.steps;
      cancelled = run.cancelled;
      if (cancelled) break;

      const valStarted = performance.now();
      const val = evaluateSplit(model, data.task, validation, inputShape, config.training.loss);
      const valLoss = val?.loss ?? null;
      progress.validationDone((performance.now() - valStarted) / 1000);
      const record: EpochRecord = { epoch, loss: run.loss, valLoss, learningRate, durationMs: Date.now() - started };
      history.push(record);

      const decision = monitor.update(epoch, onValidation && val ? val.score : record.loss);
      if (decision.improved && keepBest) {
        disposeSnapshot(best);
        best = snapshotWeights(model);
      }
      stoppedEarly = decision.stop && epoch < tc.epochs;
      progress.epochDone({ epoch, loss: record.loss, valLoss, learningRate });
      if (decision.learningRate !== learningRate) {
        learningRate = decision.learningRate;
        setLearningRate(optimizer, learningRate);
      }
      options.onEpoch?.(record);
    }
    const lastEpoch = history.length;
    if (best && (monitor.bestEpoch !== lastEpoch || cancelled)) restoreWeights(model, best);
  } finally {
    disposeSnapshot(best);
    optimizer.dispose();
    releaseRecurrentMasks(model);
  }

  const bestRecord = history.find((h) => h.epoch === monitor.bestEpoch);
  return {
    history,
    bestEpoch: monitor.bestEpoch,
    bestValLoss: bestRecord?.valLoss ?? null,
    stoppedEarly,
    cancelled,
    samplesPerSecond: progress.samplesPerSecond(),
    steps,
  };
}

/** Runs the batches of one epoch in `order`; stops before the next batch once `signal` aborts. */
async function trainEpoch(
  ctx: StepContext,
  train: WindowBatch,
  order: Uint32Array,
  o: { epoch: number; batchSize: number; inputShape: [number, number]; learningRate: number; signal?: AbortSignal; progress: ProgressReporter },
): Promise<{ loss: number; steps: number; cancelled: boolean }> {
  let lossSum = 0;
  let seen = 0;
  let steps = 0;
  for (let start = 0; start < train.n; start += o.batchSize) {
    if (o.signal?.aborted) return { loss: NaN, steps, cancelled: true };
    const end = Math.min(train.n, start + o.batchSize);
    const stepStarted = performance.now();
    const { x, y } = batchTensors(train, order, start, end, o.inputShape);
    let loss: number;
    try {
      loss = trainStep(ctx, x, y).loss;
    } finally {
      x.dispose();
      y.dispose();
    }
    steps++;
    if (!Number.isFinite(loss)) throw divergedError(o.epoch, steps, o.learningRate);
    lossSum += loss * (end - start);
    seen += end - start;
    const seconds = (performance.now() - stepStarted) / 1000;
    o.progress.batchDone({ epoch: o.epoch, batch: steps, samples: end - start, seconds, loss: lossSum / seen, learningRate: o.learningRate });
    await yieldToEventLoop();
  }
  return { loss: lossSum / seen, steps, cancelled: false };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function divergedError(epoch: number, batch: number, learningRate: number): UserError {
  return new UserError(
    `Training diverged at epoch ${epoch}, batch ${batch}: the loss became NaN or infinite (learning rate ${learningRate}). ` +
      'Lower the learning rate, turn on gradient clipping (clipNorm 1), or check the data for extreme values.',
  );
}
