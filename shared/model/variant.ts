/**
 * The LSTM variant schema: everything that defines a model and how it is trained. One schema for the
 * Configure form, the YAML/JSON editor, presets (models/presets/*.yaml), the CLI and saved models.
 */

/** What a model learns to predict. */
export type Task = 'forecast' | 'regress' | 'rul' | 'classify';
export const TASKS: readonly Task[] = ['forecast', 'regress', 'rul', 'classify'];

export type CellType = 'lstm' | 'gru';
export type Normalization = 'none' | 'batch' | 'layer';
export type ScalingMethod = 'zscore' | 'minmax' | 'none';
export type Activation = 'relu' | 'tanh' | 'elu' | 'selu' | 'linear';
export type OptimizerName = 'adam' | 'rmsprop';
/** The regression loss: squared error, absolute error (robust to outliers, optimises MAE) or Huber (squared near 0, absolute beyond 1 scaled unit). */
export type LossName = 'mse' | 'mae' | 'huber';
/** How windows are split; 'auto' is by entity for rul, regress and classify when the data has enough entities, else chronological. */
export type SplitMode = 'chronological' | 'entity' | 'auto';
export type CalendarFeature = 'hour' | 'dayOfWeek' | 'dayOfYear';
export type RollingStat = 'mean' | 'std';

/** One Conv1D block: convolution over time ('same' padding) -> [batch norm] -> ReLU -> [max pooling]. */
export interface ConvBlock {
  filters: number;
  /** Kernel size in steps. */
  kernel: number;
  /** Spacing between kernel taps (1 = adjacent steps). */
  dilation: number;
  batchNorm: boolean;
  /** Max-pooling size and stride after the block; 1 = no pooling. */
  pool: number;
}

/** The LSTM-FCN paper's fully convolutional branch: 128/256/128 filters, kernels 8/5/3, batch norm, ReLU. */
export const FCN_BLOCKS: ConvBlock[] = [128, 256, 128].map((filters, i) => ({ filters, kernel: [8, 5, 3][i], dilation: 1, batchNorm: true, pool: 1 }));

/** The most operating-condition clusters scaling.conditions may ask for (and 'auto' tries). */
export const MAX_CONDITION_CLUSTERS = 12;

/** A complete model variant (every field present after `resolveVariant`). */
export interface VariantConfig {
  task: Task;
  input: {
    /** Input columns, or 'all' numeric feature columns. Targets may be inputs too (forecast). */
    features: string[] | 'all';
    /** Target columns: forecast/regress: one or more; classify (long files): the label column; rul and wide classify: none. */
    targets: string[];
    /** Past steps the model sees (2-1024). */
    window: number;
    /** Steps ahead to predict (forecast: 1-256; other tasks: 1). */
    horizon: number;
    /** Step between consecutive windows (1 = every step). */
    stride: number;
    /** Variable-length sequences: pad to the window and mask padded steps. */
    masking: boolean;
    padding: 'pre' | 'post';
  };
  scaling: {
    /** Fitted on the training split only, stored with the model. */
    method: ScalingMethod;
    /** Normalise each input window by its own mean/std and restore on output (RevIN-style). */
    instanceNorm: boolean;
    /** Forecast the change from the last observed value instead of the value itself. */
    predictDelta: boolean;
    /** Condition-wise normalisation (rul, regress, classify): operating-setting columns clustered, other inputs normalised per cluster; no columns = off. */
    conditions: { columns: string[]; clusters: number | 'auto' };
  };
  engineering: {
    /** Calendar features as sin/cos pairs (datetime time axes only). */
    calendar: CalendarFeature[];
    /** Lagged copies of the features, in steps (e.g. [1, 24]). */
    lags: number[];
    /** First differences of the features. */
    differences: boolean;
    /** Rolling-window lengths for rolling statistics. */
    rolling: number[];
    rollingStats: RollingStat[];
  };
  /** CNN-LSTM: Conv1D blocks applied before the recurrent stack ([] = none). */
  conv: { blocks: ConvBlock[] };
  /**
   * LSTM-FCN: a fully convolutional branch beside the recurrent one, global-average pooled and
   * concatenated with it before the head. `shuffle` feeds the recurrent branch the sequence transposed
   * (steps become features: the paper's "dimension shuffle").
   */
  fcn: { enabled: boolean; blocks: ConvBlock[]; shuffle: boolean };
  recurrent: {
    cell: CellType;
    /** Hidden size per layer: 1-4 layers of 32-256. */
    units: number[];
    bidirectional: boolean;
    dropout: number;
    recurrentDropout: number;
    normalization: Normalization;
  };
  /** Attention pooling over time steps (its weights are exposed for explanations). */
  attention: { enabled: boolean };
  /**
   * The dense head. `linearSkip` adds a linear map of the whole input window straight to the output
   * (LSTNet's autoregressive "highway", zero at the start): forecast and regress only.
   */
  head: { units: number[]; activation: Activation; dropout: number; linearSkip: boolean };
  training: {
    optimizer: OptimizerName;
    /** forecast, regress and rul (classify always uses cross-entropy). */
    loss: LossName;
    learningRate: number;
    reduceOnPlateau: { enabled: boolean; factor: number; patience: number; minLearningRate: number };
    /** L2 penalty on kernel weights. */
    weightDecay: number;
    /** Gradient clipping by global norm; 0 = off. */
    clipNorm: number;
    batchSize: number;
    epochs: number;
    earlyStopping: { enabled: boolean; patience: number; restoreBestWeights: boolean };
    /**
     * Fewest validation windows (sequences) to choose epochs on: with fewer, early stopping,
     * restore-best-weights and reduce-on-plateau watch the training loss (validation is still reported).
     * 0 = always validation.
     */
    minValidation: number;
    seed: number;
    /** Seed ensemble: train this many models (seeds seed, seed + 1, ...) and average their predictions, saved as one version. */
    seeds: number;
    split: { train: number; validation: number; test: number; mode: SplitMode };
  };
  rul: {
    /** Piecewise-linear cap on the remaining-useful-life target (e.g. 125); null = no cap. */
    cap: number | null;
  };
}

/** A deep-partial config, as written in presets, YAML files and `--set` flags. */
export type PartialVariant = DeepPartial<VariantConfig>;
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Defaults: the "standard" 2 x 64 LSTM forecaster. */
export const DEFAULT_VARIANT: VariantConfig = {
  task: 'forecast',
  input: { features: 'all', targets: [], window: 48, horizon: 1, stride: 1, masking: false, padding: 'pre' },
  scaling: { method: 'zscore', instanceNorm: false, predictDelta: true, conditions: { columns: [], clusters: 'auto' } },
  engineering: { calendar: [], lags: [], differences: false, rolling: [], rollingStats: ['mean'] },
  conv: { blocks: [] },
  fcn: { enabled: false, blocks: FCN_BLOCKS, shuffle: false },
  recurrent: { cell: 'lstm', units: [64, 64], bidirectional: false, dropout: 0.1, recurrentDropout: 0, normalization: 'none' },
  attention: { enabled: false },
  head: { units: [], activation: 'relu', dropout: 0, linearSkip: false },
  training: {
    optimizer: 'adam',
    loss: 'mse',
    learningRate: 0.001,
    reduceOnPlateau: { enabled: true, factor: 0.5, patience: 3, minLearningRate: 1e-5 },
    weightDecay: 0,
    clipNorm: 1,
    batchSize: 64,
    epochs: 30,
    earlyStopping: { enabled: true, patience: 6, restoreBestWeights: true },
    minValidation: 100,
    seed: 42,
    seeds: 1,
    split: { train: 0.7, validation: 0.15, test: 0.15, mode: 'auto' },
  },
  rul: { cap: null },
};

/** Deep-merges partial configs over a base (arrays and scalars replace, objects merge). */
export function mergeVariant(base: VariantConfig, ...parts: (PartialVariant | undefined)[]): VariantConfig {
  let out: unknown = structuredClone(base);
  for (const p of parts) if (p) out = mergeDeep(out, p);
  return out as VariantConfig;
}

function mergeDeep(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (isPlainObject(a) && isPlainObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = mergeDeep(a[k], v);
    return out;
  }
  return structuredClone(b);
}

/** True for `{...}` objects (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
