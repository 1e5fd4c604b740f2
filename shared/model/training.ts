/** Types of training runs, their progress and their results, shared by the engine, the UI and the CLI. */
import type { Task, VariantConfig } from './variant';

/** A built-in preset from models/presets: a named partial config with the tasks it suits. */
export interface PresetInfo {
  name: string;
  title: string;
  description: string;
  tasks: Task[];
  config: import('./variant').PartialVariant;
}

/** Which TensorFlow.js backend runs the maths. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** The engine's facts, shown in the UI's status bar and printed by the CLI. */
export interface EngineInfo {
  backend: BackendName;
  tfjsVersion: string;
  /** Why a faster backend is not in use, when it is not (e.g. "@tensorflow/tfjs-node is not installed"). */
  note: string | null;
}

/** How the windows of a dataset were split, for reports and for drawing the split on the data chart. */
export interface SplitInfo {
  mode: 'chronological' | 'entity';
  fractions: { train: number; validation: number; test: number };
  windows: { train: number; validation: number; test: number };
  /** Chronological: per entity, the time (or step) where validation and test start. */
  boundaries: { entity: string; validationStart: number | null; testStart: number | null }[];
  /** Entity-wise: which entities went where. */
  entities?: { train: string[]; validation: string[]; test: string[] };
}

/** Sizes of a configured model on a dataset, shown before training. */
export interface TrainingEstimate {
  parameters: number;
  sizeBytes: number;
  inputShape: [number, number];
  outputs: number;
  windows: { train: number; validation: number; test: number };
  /** Measured on this machine with a few batches. */
  samplesPerSecond: number;
  secondsPerEpoch: number;
  totalSeconds: number;
  backend: BackendName;
  /** How the windows would be split, with per-entity boundaries for drawing on the data chart. */
  split: SplitInfo;
  /** The data pipeline's notes (stride raised, values filled, ...). */
  notes: string[];
}

/** A live progress update of a training run (at most ~8 a second). */
export interface TrainProgress {
  runId: string;
  phase: 'preparing' | 'training' | 'saving' | 'done';
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  loss: number | null;
  valLoss: number | null;
  samplesPerSecond: number | null;
  etaSeconds: number | null;
  learningRate: number | null;
}

/** One finished epoch. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  valLoss: number | null;
  learningRate: number;
  durationMs: number;
}

/** A saved model version. */
export interface ModelRef {
  name: string;
  version: number;
  path: string;
}

export type RunStatus = 'running' | 'completed' | 'cancelled' | 'failed';

/** A training run as listed in the run history. */
export interface RunSummary {
  id: string;
  datasetId: number;
  datasetName: string;
  task: Task;
  preset: string | null;
  status: RunStatus;
  startedAt: string;
  durationMs: number | null;
  backend: BackendName | null;
  epochs: number;
  model: ModelRef | null;
  /** Validation metrics of the saved model, e.g. {loss, mae, rmse} or {accuracy}. */
  metrics: Record<string, number>;
  error: string | null;
}

/** A run with everything recorded about it. */
export interface RunDetail extends RunSummary {
  config: VariantConfig;
  /** SHA-256 of the dataset's source file. */
  fingerprint: string;
  split: SplitInfo | null;
  history: EpochRecord[];
}

/** What `training:start` returns when a run ends (completed, or cancelled with its best model kept). */
export interface TrainResult {
  run: RunDetail;
  model: ModelRef | null;
  backend: BackendName;
  stoppedEarly: boolean;
  samplesPerSecond: number;
}

/** A model version as listed (`lstm-studio models list`). */
export interface ModelSummary extends ModelRef {
  task: Task;
  runId: string;
  datasetName: string;
  createdAt: string;
  metrics: Record<string, number>;
  parameters: number;
  /** How it came into the registry: trained here, imported from an export, or a Keras model. */
  source: 'trained' | 'imported' | 'keras';
  tags: string[];
  /** Aliases (production, candidate, ...) pointing at this version. */
  aliases: string[];
}

/** The request to train a model. */
export interface TrainRequest {
  /** Chosen by the client so it can follow progress events before the call returns. */
  runId: string;
  datasetId: number;
  /** A partial config merged over the preset (if any) and the defaults. */
  config: import('./variant').PartialVariant;
  preset?: string;
  /** Model name in the registry (default: dataset name + task). */
  name?: string;
}
