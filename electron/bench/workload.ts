/**
 * The benchmark's workloads and the figures each part reports. The same numbers are handed to our
 * engine (a child process) and to the PyTorch/pandas reference (scripts/bench/reference.py).
 */

/** The model part: train one epoch after warm-up, then time single and batch inference. */
export interface ModelWorkload {
  samples: number;
  window: number;
  features: number;
  units: number[];
  batchSize: number;
  /** Untimed batches before the timed epoch (first-call allocations, kernel compilation). */
  warmupBatches: number;
  /** Single-sequence predictions timed one by one; the median is reported. */
  latencyRuns: number;
  predictSamples: number;
  /** Timed batch predictions of `predictSamples`; the median is reported. */
  predictRuns: number;
  seed: number;
}

/** The CSV part: import a generated sensor file of this size. */
export interface CsvWorkload {
  megabytes: number;
  assets: number;
}

/** The reference workload: 2 x LSTM(64) -> Dense(1), 60 x 8, batch 32, Adam, MSE, 4,096 samples. */
export const REFERENCE_MODEL: ModelWorkload = {
  samples: 4096,
  window: 60,
  features: 8,
  units: [64, 64],
  batchSize: 32,
  warmupBatches: 8,
  latencyRuns: 50,
  predictSamples: 1024,
  predictRuns: 5,
  seed: 42,
};

export const REFERENCE_CSV: CsvWorkload = { megabytes: 100, assets: 20 };

/** A tiny workload that checks the plumbing in seconds (`--quick`); its figures mean nothing. */
export const QUICK_MODEL: ModelWorkload = {
  ...REFERENCE_MODEL,
  samples: 64,
  window: 10,
  features: 3,
  units: [8, 8],
  warmupBatches: 1,
  latencyRuns: 5,
  predictSamples: 64,
  predictRuns: 2,
};

export const QUICK_CSV: CsvWorkload = { megabytes: 1, assets: 4 };

/** What the model part measures, ours or the reference's. */
export interface ModelFigures {
  trainSamplesPerSecond: number;
  trainLoss: number;
  latencyMs: number;
  predictSamplesPerSecond: number;
  peakRssMb: number;
  /** What ran, e.g. "TensorFlow.js 4.22.0 wasm" or "PyTorch 1.13.1, 1 thread". */
  engine: string;
  /** Ours only: the active tfjs backend. */
  backend?: string;
}

/** What the CSV part measures. */
export interface CsvFigures {
  rows: number;
  seconds: number;
  mbPerSecond: number;
  peakRssMb: number;
  engine: string;
}
