/**
 * Our side of the model benchmark, run in its own process so its peak RSS is its own: the real
 * engine (buildModel, trainModel, predict) on the active backend, with seeded random data.
 */
import { DEFAULT_VARIANT, mergeVariant, type ConvBlock, type VariantConfig } from '../../shared/model/variant';
import { createRng } from '../../shared/random';
import type { WindowBatch } from '../../shared/training/prepared';
import { initEngine, tf } from '../engine/backend';
import { buildModel } from '../engine/build-model';
import { fusedConvCallCount } from '../engine/fused/conv-op';
import { fusedCallCount } from '../engine/fused/fused-op';
import { kernelRuntime, kernelUnavailableReason } from '../engine/fused/kernel-runtime';
import { predict } from '../engine/predict';
import { trainModel } from '../engine/train-model';
import { median, peakRssMb } from './measure';
import type { BenchConvBlock, ModelFigures, ModelWorkload } from './workload';

/** The variant that matches the PyTorch reference: no dropout, no clipping, no schedule. */
export function benchVariant(w: ModelWorkload): VariantConfig {
  return mergeVariant(DEFAULT_VARIANT, {
    input: { window: w.window, masking: false },
    conv: { blocks: (w.conv ?? []).map(convBlock) },
    fcn: w.fcn ? { enabled: true, shuffle: true, blocks: w.fcn.map(convBlock) } : { enabled: false, shuffle: false },
    recurrent: { cell: 'lstm', units: w.units, bidirectional: false, dropout: 0, recurrentDropout: 0, normalization: 'none' },
    attention: { enabled: false },
    head: { units: [] },
    training: {
      optimizer: 'adam',
      learningRate: 0.001,
      batchSize: w.batchSize,
      epochs: 1,
      clipNorm: 0,
      weightDecay: 0,
      seed: w.seed,
      reduceOnPlateau: { enabled: false },
      earlyStopping: { enabled: false },
    },
  });
}

function convBlock(b: BenchConvBlock): ConvBlock {
  return { filters: b.filters, kernel: b.kernel, dilation: 1, batchNorm: true, pool: b.pool };
}

/** Trains one epoch after warm-up, then times single-sequence latency and batch inference. */
export async function runModelPart(w: ModelWorkload): Promise<ModelFigures> {
  const info = await initEngine();
  const config = benchVariant(w);
  const model = buildModel(config, { window: w.window, features: w.features, outputs: 1, task: 'forecast' });
  const data = randomRows(w.samples, w.window * w.features, w.seed);
  const empty = randomRows(0, w.window * w.features, w.seed);
  const warm = Math.min(w.samples, w.batchSize * w.warmupBatches);
  await trainModel(model, { task: 'forecast', outputs: 1, train: slice(data, warm, w.window * w.features), validation: empty }, config);

  const started = performance.now();
  const outcome = await trainModel(model, { task: 'forecast', outputs: 1, train: data, validation: empty }, config);
  const trainSeconds = (performance.now() - started) / 1000;

  const shape: [number, number] = [w.window, w.features];
  const one = data.x.subarray(0, w.window * w.features);
  for (let i = 0; i < 5; i++) predict(model, one, 1, shape);
  const latencies: number[] = [];
  for (let i = 0; i < w.latencyRuns; i++) {
    const t0 = performance.now();
    predict(model, one, 1, shape);
    latencies.push(performance.now() - t0);
  }
  const n = Math.min(w.predictSamples, w.samples);
  const many = data.x.subarray(0, n * w.window * w.features);
  predict(model, many, n, shape);
  const runs: number[] = [];
  for (let i = 0; i < w.predictRuns; i++) {
    const t0 = performance.now();
    predict(model, many, n, shape);
    runs.push((performance.now() - t0) / 1000);
  }
  model.dispose();
  const rt = kernelRuntime();
  const off = kernelUnavailableReason();
  const kernel =
    fusedCallCount() + fusedConvCallCount() > 0
      ? `, fused kernel (${rt?.build === 'relaxed' ? 'relaxed SIMD' : 'SIMD'}) on ${rt?.threads ?? 1} thread(s)`
      : off
        ? `, tfjs's own layers (fused kernel unavailable: ${off})`
        : '';
  return {
    trainSamplesPerSecond: w.samples / trainSeconds,
    trainLoss: outcome.history[0]?.loss ?? NaN,
    latencyMs: median(latencies),
    predictSamplesPerSecond: n / median(runs),
    peakRssMb: peakRssMb(),
    engine: `TensorFlow.js ${tf().version.tfjs} ${info.backend}${kernel}`,
    backend: info.backend,
  };
}

/** x uniform in [-1, 1] and y uniform in [-1, 1], as the reference draws them. */
function randomRows(n: number, xSize: number, seed: number): WindowBatch {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * xSize }, () => rng() * 2 - 1);
  const y = Float32Array.from({ length: n }, () => rng() * 2 - 1);
  return { n, x, y, mask: null, meta: [], restore: { base: null, scale: null } };
}

function slice(rows: WindowBatch, n: number, xSize: number): WindowBatch {
  return { ...rows, n, x: rows.x.subarray(0, n * xSize), y: rows.y.subarray(0, n) };
}
