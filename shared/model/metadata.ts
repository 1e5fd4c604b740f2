/** The metadata file saved beside every model (metadata.json), checked when a model is loaded. */
import type { ConditionState } from '../training/condition-norm';
import type { InputStats, ScalerState } from '../training/prepared';
import type { ConformalTable } from '../evaluation/conformal';
import type { BaselineReference } from '../evaluation/baseline-reference';
import type { BackendName } from './training';
import type { Task, VariantConfig } from './variant';

/** Bumped when the saved format changes incompatibly; loading refuses other versions with a clear message. */
export const MODEL_SCHEMA_VERSION = 1;

export interface ModelMetadata {
  schemaVersion: number;
  format: 'lstm-studio-model';
  name: string;
  version: number;
  task: Task;
  config: VariantConfig;
  featureScaler: ScalerState;
  targetScaler: ScalerState | null;
  featureNames: string[];
  targetNames: string[];
  classNames: string[];
  window: number;
  horizon: number;
  inputShape: [number, number];
  outputs: number;
  /** The training data: dataset name, its source file's SHA-256, and its columns. */
  training: { datasetName: string; fingerprint: string; columns: string[]; runId: string };
  parameters: number;
  metrics: Record<string, number>;
  createdAt: string;
  appVersion: string;
  tfjsVersion: string;
  backend: BackendName;
  /** The base input columns over the training rows (models saved before 0.2 lack it). */
  inputStats?: InputStats[];
  /** Per feature, the scaled value that stands in for an input with no value at all. */
  impute?: number[];
  /** Split-conformal interval widths from the validation split (forecast, regress, rul). */
  calibration?: ConformalTable | null;
  /** Condition-wise normalisation fitted in training (scaling.conditions), applied unchanged to any data the model reads. */
  conditions?: ConditionState | null;
  /** What the baselines need when the model is evaluated on other data (fitted on the training split). */
  reference?: BaselineReference;
}
