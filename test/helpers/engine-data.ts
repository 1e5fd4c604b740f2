/**
 * Small data and config helpers for the engine tests: a real NAB series windowed by hand (the real
 * pipeline is tested on its own), seeded random splits, and weight copies for comparisons.
 */
import * as fs from 'node:fs';
import type * as TF from '@tensorflow/tfjs';
import { DEFAULT_VARIANT, mergeVariant, type PartialVariant, type Task, type VariantConfig } from '../../shared/model/variant';
import { createRng, gaussian } from '../../shared/random';
import type { WindowBatch } from '../../shared/training/prepared';
import type { TrainData } from '../../electron/engine/train-model';
import { dataFile } from './fixtures';

/** A variant for fast tests: one small LSTM, no dropout, no early stopping, merged with `over`. */
export function testConfig(over: PartialVariant = {}): VariantConfig {
  const base: PartialVariant = {
    recurrent: { units: [8], dropout: 0, recurrentDropout: 0 },
    training: { batchSize: 16, epochs: 2, learningRate: 0.01, earlyStopping: { enabled: false, patience: 3, restoreBestWeights: false } },
  };
  return mergeVariant(DEFAULT_VARIANT, base, over);
}

/** A WindowBatch from plain arrays (no mask, no meta, no restore data). */
export function windowBatch(n: number, x: Float32Array, y: Float32Array): WindowBatch {
  return { n, x, y, mask: null, meta: [], restore: { base: null, scale: null } };
}

/** Seeded random train/validation splits: x ~ N(0, 1), y a noisy function of x (learnable), or one-hot classes. */
export function randomData(o: { n: number; window: number; features: number; outputs: number; task?: Task; seed?: number; validation?: number }): TrainData {
  const task = o.task ?? 'forecast';
  const rng = createRng(o.seed ?? 1);
  const split = (n: number): WindowBatch => {
    const x = Float32Array.from({ length: n * o.window * o.features }, () => gaussian(rng));
    const y = new Float32Array(n * o.outputs);
    for (let i = 0; i < n; i++) {
      const last = x[(i + 1) * o.window * o.features - 1];
      if (task === 'classify') y[i * o.outputs + (last > 0 ? 1 : 0) % o.outputs] = 1;
      else for (let j = 0; j < o.outputs; j++) y[i * o.outputs + j] = 0.8 * last + 0.1 * gaussian(rng);
    }
    return windowBatch(n, x, y);
  };
  return { task, outputs: o.outputs, train: split(o.n), validation: split(o.validation ?? Math.ceil(o.n / 4)) };
}

/** The NAB ambient temperature series (values only), z-scored. */
export function nabTemperature(): Float32Array {
  const lines = fs.readFileSync(dataFile('nab', 'ambient_temperature_system_failure.csv'), 'utf8').trim().split('\n').slice(1);
  const values = lines.map((l) => Number(l.split(',')[1]));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return Float32Array.from(values, (v) => (v - mean) / std);
}

/** Windows of `window` steps (every `stride` steps) predicting the next value, split chronologically. */
export function windowSeries(series: Float32Array, window: number, trainFraction: number, stride = 1): TrainData {
  const n = Math.floor((series.length - window - 1) / stride) + 1;
  const x = new Float32Array(n * window);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x.set(series.subarray(i * stride, i * stride + window), i * window);
    y[i] = series[i * stride + window];
  }
  const cut = Math.floor(n * trainFraction);
  return {
    task: 'forecast',
    outputs: 1,
    train: windowBatch(cut, x.slice(0, cut * window), y.slice(0, cut)),
    validation: windowBatch(n - cut, x.slice(cut * window), y.slice(cut)),
  };
}

/** Copies of all of a model's weights as plain arrays. */
export function weightValues(model: TF.LayersModel): Float32Array[] {
  return model.weights.map((w) => Float32Array.from(w.read().dataSync() as Float32Array));
}

/** The largest absolute difference between two lists of weight arrays (Infinity when shapes differ). */
export function maxWeightDiff(a: Float32Array[], b: Float32Array[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  a.forEach((w, i) => {
    if (w.length !== b[i].length) max = Infinity;
    else for (let j = 0; j < w.length; j++) max = Math.max(max, Math.abs(w[j] - b[i][j]));
  });
  return max;
}
