/**
 * The benchmark's workloads and the figures each part reports. The same numbers are handed to our
 * engine (a child process) and to the PyTorch/pandas reference (scripts/bench/reference.py).
 */

/** The benchmark's parts: the recurrent model, the convolutional layers (CNN-LSTM, LSTM-FCN), the CSV import. */
export type BenchPart = 'model' | 'layers' | 'csv';
export const BENCH_PARTS: readonly BenchPart[] = ['model', 'layers', 'csv'];

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
  /** Conv1D blocks before the recurrent stack (CNN-LSTM); batch norm and ReLU in each. */
  conv?: BenchConvBlock[];
  /** The LSTM-FCN branch's blocks; the recurrent stack then reads the sequence transposed. */
  fcn?: BenchConvBlock[];
}

/** One conv block of a workload ('same' padding, batch norm, ReLU, max pooling when pool > 1). */
export interface BenchConvBlock {
  filters: number;
  kernel: number;
  pool: number;
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

/** The convolutional workloads: training throughput only (inference is the recurrent part's figure). */
const LAYERS_TIMING = { warmupBatches: 4, latencyRuns: 3, predictSamples: 32, predictRuns: 1 };

/** CNN-LSTM (the cnn-lstm preset): 2 x [Conv1D(64, 5), batch norm, ReLU], max-pool 2, LSTM(64) -> Dense(1), 60 x 8. */
export const CNN_LSTM_MODEL: ModelWorkload = {
  ...REFERENCE_MODEL,
  ...LAYERS_TIMING,
  samples: 2048,
  units: [64],
  conv: [
    { filters: 64, kernel: 5, pool: 1 },
    { filters: 64, kernel: 5, pool: 2 },
  ],
};

/** LSTM-FCN (the lstm-fcn preset): 128/256/128 filters, kernels 8/5/3, with LSTM(64) over the transposed sequence, 150 x 1 (GunPoint's shape). */
export const LSTM_FCN_MODEL: ModelWorkload = {
  ...REFERENCE_MODEL,
  ...LAYERS_TIMING,
  samples: 512,
  window: 150,
  features: 1,
  units: [64],
  fcn: [
    { filters: 128, kernel: 8, pool: 1 },
    { filters: 256, kernel: 5, pool: 1 },
    { filters: 128, kernel: 3, pool: 1 },
  ],
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

/** The convolutional workloads on tiny data (`--quick`). */
export const QUICK_LAYERS: ModelWorkload[] = [CNN_LSTM_MODEL, LSTM_FCN_MODEL].map((w) => ({
  ...w,
  samples: 32,
  window: 12,
  units: [8],
  warmupBatches: 1,
  conv: w.conv?.map((b) => ({ ...b, filters: 4 })),
  fcn: w.fcn?.map((b) => ({ ...b, filters: 4 })),
}));

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
