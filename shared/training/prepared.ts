/**
 * The hand-over between the data pipeline (windows, splits, scaling) and the engine (build, train,
 * predict): plain typed arrays, no tensors, so it crosses worker boundaries and is testable anywhere.
 */
import type { TimeKind } from '../dataset';
import type { SplitInfo } from '../model/training';
import type { Task } from '../model/variant';
import type { ConditionState } from './condition-norm';

/** A fitted scaler: per column, x' = (x - offset) / scale. Serialised into the model's metadata. */
export interface ScalerState {
  method: 'zscore' | 'minmax' | 'none';
  columns: { name: string; offset: number; scale: number }[];
}

/** Windows of one split. x is n x window x features (row-major), y is n x outputs. */
export interface WindowBatch {
  n: number;
  x: Float32Array;
  y: Float32Array;
  /** n x window: 1 for a real step, 0 for padding (only with masking). */
  mask: Float32Array | null;
  /** Per window: the entity, the time (or step index) of its last input step, and that step's row in the entity. */
  meta: { entity: string; end: number; row: number }[];
  /**
   * Per window, what turns a scaled model output back into target units (predictDelta's last
   * observed value, instance-norm statistics): n x targets values each, or null when unused.
   */
  restore: { base: Float32Array | null; scale: Float32Array | null };
  /**
   * Forecast only: per window, the last observed value of each target (n x targets, target-scaler
   * units). Repeating it over the horizon is the persistence baseline reported beside the model.
   */
  lastTarget?: Float32Array | null;
}

/** Statistics of one base input column over the training rows, in its own units (for data-quality checks). */
export interface InputStats {
  name: string;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
}

/** Everything the engine needs to train and the registry needs to reuse a model. */
export interface PreparedData {
  task: Task;
  /** [window, features] */
  inputShape: [number, number];
  /** forecast: horizon x targets (step-major: y[h * targets + t]); regress: targets; rul: 1; classify: classes. */
  outputs: number;
  featureNames: string[];
  targetNames: string[];
  classNames: string[];
  horizon: number;
  train: WindowBatch;
  validation: WindowBatch;
  test: WindowBatch;
  featureScaler: ScalerState;
  targetScaler: ScalerState | null;
  split: SplitInfo;
  /** SHA-256 of the dataset's source file. */
  fingerprint: string;
  timeKind: TimeKind;
  /** Notes for the user (e.g. stride raised to cap the number of windows). */
  notes: string[];
  /** The stride actually used (input.stride, or more when it was raised to cap memory). */
  stride?: number;
  /** The base input columns (before feature engineering) over the training rows. */
  inputStats: InputStats[];
  /** Per feature, the scaled value that stands in for an input with no value at all (the training mean). */
  impute: number[];
  /** Condition-wise normalisation fitted on the training rows (scaling.conditions), or null. */
  conditions: ConditionState | null;
}
