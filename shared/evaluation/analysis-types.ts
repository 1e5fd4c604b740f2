/**
 * What the analysis operations return: the validation report against baselines, forecasts with
 * calibrated intervals, per-prediction reliability, the fleet risk list and explanations. Shared by
 * the back end, the UI, the CLI and reports. Pure types.
 */
import type { TimeKind } from '../dataset';
import type { BackendName } from '../model/training';
import type { Task } from '../model/variant';
import type { ClassReport, PrCurve, RegressionReport, RocCurve } from './metrics';

/** A saved model version as the analyses name it. */
export interface AnalysedModel {
  name: string;
  version: number;
  task: Task;
  createdAt: string;
  /** The dataset it was trained on. */
  trainedOn: string;
  window: number;
  horizon: number;
  featureNames: string[];
  targetNames: string[];
  classNames: string[];
  /** Whether the model has attention pooling (its weights can be shown). */
  attention: boolean;
}

/** The data an analysis ran on. */
export interface AnalysedData {
  datasetId: number;
  datasetName: string;
  fingerprint: string;
  /** `test`: the held-out test split of the training dataset; `all`: every window of another dataset. */
  split: 'test' | 'all';
  windows: number;
  entities: number;
  timeKind: TimeKind;
  /** First and last time (epoch ms, step or row) of the windows' last input steps; null without windows. */
  period: { start: number; end: number } | null;
}

/** Why a single prediction may or may not be trusted. */
export type ReliabilityFlag = 'ok' | 'caution' | 'unreliable';

/** The data-quality check of one input window, plus the model's own confidence for classification. */
export interface Reliability {
  flag: ReliabilityFlag;
  /** Plain-words reasons behind a caution or unreliable flag (empty when ok). */
  reasons: string[];
  /** Share of the window's raw input values that were missing (and filled). */
  missing: number;
  /** Share of the window's input values outside the training range (min..max on training rows). */
  outOfRange: number;
  /** Largest |z-score| of an input value against the training mean and standard deviation. */
  maxAbsZ: number;
  /** classify: the top class probability. */
  confidence?: number;
  /** classify: entropy of the class probabilities divided by log(classes), 0 (sure) to 1. */
  uncertainty?: number;
}

/** How many predictions got each flag. */
export type ReliabilityCounts = Record<ReliabilityFlag, number>;

/** One naive baseline scored on the same windows as the model. */
export interface BaselineResult extends RegressionReport {
  key: 'last' | 'seasonal' | 'moving' | 'linear';
  label: string;
  /** e.g. "season 288 steps" or "mean of the last 12 steps". */
  detail: string;
}

/** One RUL baseline on the same windows as the model. */
export interface RulBaseline {
  key: 'mean' | 'last-linear';
  label: string;
  detail: string;
  rmse: number;
  mae: number;
  phm08: number;
}

/** One classification baseline on the evaluated windows (or an evenly spaced subset of them: `windows`). */
export interface ClassificationBaseline {
  key: 'majority' | 'nn-euclidean' | 'nn-dtw';
  label: string;
  detail: string;
  accuracy: number;
  windows: number;
}

/** The model against the best baseline, in words and numbers. */
export interface Improvement {
  baseline: string;
  metric: 'mae';
  model: number;
  reference: number;
  /** Percent by which the model's error is lower (positive) or higher (negative) than the baseline's. */
  percent: number;
}

/** forecast and regress. */
export interface RegressionEvaluation {
  kind: 'regression';
  targets: string[];
  horizon: number;
  model: RegressionReport;
  baselines: BaselineResult[];
  /** Against the best baseline by MAE; null when there is none. */
  improvement: Improvement | null;
}

/** rul: errors in steps (cycles) and the PHM08 score on each entity's last window. */
export interface RulEvaluation {
  kind: 'rul';
  rmse: number;
  mae: number;
  /** Summed over the test entities' last windows (one prediction per entity, as in PHM08). */
  phm08: number;
  phm08Entities: number;
  /** Constant baseline: the mean RUL of the training windows. */
  baseline: { label: string; rmse: number; mae: number; phm08: number };
  /** Every baseline (the constant one first, then the linear regression on the window's last step when fitted). */
  baselines?: RulBaseline[];
  improvement: Improvement | null;
  /** Predicted against true RUL per test window, for a scatter chart (at most 2,000 points). */
  points: { entity: string; actual: number; predicted: number }[];
}

/** classify. */
export interface ClassificationEvaluation {
  kind: 'classification';
  accuracy: number;
  classes: ClassReport[];
  /** rows true class, columns predicted. */
  confusion: number[][];
  roc: (RocCurve & { className: string })[];
  pr: (PrCurve & { className: string })[];
  /** Predicting the most common training class every time. */
  baseline: { label: string; accuracy: number };
  /** Every baseline: the majority class, then 1-nearest-neighbour with Euclidean distance and with DTW when the training sequences are at hand. */
  baselines?: ClassificationBaseline[];
  meanConfidence: number;
  meanUncertainty: number;
}

/** Interval calibration and the coverage measured on the evaluated windows. */
export interface IntervalCoverage {
  method: 'split conformal (absolute residuals per horizon step, validation split)';
  /** e.g. 0.9 */
  nominal: number;
  /** Share of actual values inside their interval. */
  measured: number;
  perStep: { step: number; halfWidth: number[]; coverage: number }[];
  calibrationWindows: number;
}

/** One historical forecast of a walk-forward backtest. */
export interface BacktestOrigin {
  /** Time of the last input step. */
  origin: number;
  time: number[];
  predicted: number[];
  lower: number[];
  upper: number[];
}

/** Walk-forward backtest over the evaluated period of one entity and target. */
export interface Backtest {
  entity: string;
  /** Every entity with evaluated windows (each can be backtested). */
  entities: string[];
  target: string;
  stride: number;
  actual: { time: number[]; values: number[] };
  origins: BacktestOrigin[];
}

/** The validation report of one model version on one dataset. */
export interface EvaluationReport {
  model: AnalysedModel;
  data: AnalysedData;
  regression?: RegressionEvaluation;
  rul?: RulEvaluation;
  classification?: ClassificationEvaluation;
  intervals?: IntervalCoverage;
  backtest?: Backtest;
  reliability: ReliabilityCounts;
  /** The findings in plain sentences ("The model's MAE is 12.3% lower than the last-value baseline's."). */
  summary: string[];
  notes: string[];
  backend: BackendName;
  durationMs: number;
}

/** The request of `evaluation:run`. */
export interface EvaluateRequest {
  /** Follow with job:progress and cancel with jobs:cancel. */
  jobId?: string;
  /** NAME, NAME@VERSION (or NAME:ALIAS once aliases exist). */
  model: string;
  datasetId: number;
  /** Backtest: step between forecast origins (default: the horizon). */
  backtestStride?: number;
  /** Backtest entity (default: the first evaluated one). */
  backtestEntity?: string;
  /** Seasonal naive: the season in steps (default: detected). */
  season?: number;
  /** Interval coverage, 0.5-0.99 (default 0.9). */
  coverage?: number;
}

/** A forecast from an entity's latest data, with intervals. */
export interface ForecastResult {
  model: AnalysedModel;
  datasetName: string;
  entity: string;
  entities: string[];
  timeKind: TimeKind;
  /** Median time between steps (ms for datetime, steps otherwise). */
  step: number;
  horizon: number;
  coverage: number;
  targets: {
    name: string;
    history: { time: number[]; values: number[] };
    forecast: { time: number[]; point: number[]; lower: number[]; upper: number[] };
  }[];
  reliability: Reliability;
  notes: string[];
}

/** The request of `forecast:run`. */
export interface ForecastRequest {
  jobId?: string;
  model: string;
  datasetId: number;
  /** Default: the first entity. */
  entity?: string;
  /** 1..the model's horizon (default: the model's horizon). */
  horizon?: number;
  coverage?: number;
  /** History steps to return before the forecast (default 5 x the window). */
  historySteps?: number;
}

/** A user-set alarm limit on a sensor: the asset is at risk when a forecast crosses it. */
export interface AlarmLimit {
  column: string;
  op: '>' | '<';
  value: number;
}

export type RiskLevel = 'low' | 'medium' | 'high';

/** One entity of the maintenance list. */
export interface RiskRow {
  entity: string;
  /** 0-100. */
  score: number;
  level: RiskLevel;
  /**
   * Estimated steps to failure or to the first limit crossing, with its interval, and when that is
   * (time of the central estimate). `steps` is null when only the interval reaches the limit within
   * the forecast horizon, `upper` null when the interval's far end lies beyond it. Null when no
   * failure is expected within the horizon.
   */
  timeToFailure: { steps: number | null; lower: number; upper: number | null; at: number | null } | null;
  /** What drives the score, in words ("temp forecast crosses 95 in 6 steps (band: 4-9)"). */
  driver: string;
  action: string;
  reliability: ReliabilityFlag;
  /** Why the latest window got a caution or unreliable flag (empty when ok). */
  reliabilityReasons: string[];
  /** Time of the latest data used. */
  lastTime: number;
}

/** The ranked maintenance list across all entities. */
export interface RiskReport {
  model: AnalysedModel;
  datasetName: string;
  source: 'limits' | 'rul';
  limits: AlarmLimit[];
  timeKind: TimeKind;
  step: number;
  rows: RiskRow[];
  notes: string[];
}

/** The request of `risk:run`. */
export interface RiskRequest {
  jobId?: string;
  model: string;
  datasetId: number;
  /** Required for forecast models; RUL models score by their predicted remaining life. */
  limits?: AlarmLimit[];
  coverage?: number;
}

/** Permutation importance of one input feature: how much the error grows when it is shuffled. */
export interface FeatureImportance {
  feature: string;
  /** Mean increase of the loss (MAE in target units, or 1 - accuracy for classify) over the repeats. */
  mean: number;
  std: number;
  /** ~95% interval of the mean over the repeats. */
  low: number;
  high: number;
}

/** Why the model predicts what it does. */
export interface Explanation {
  model: AnalysedModel;
  datasetName: string;
  /** The window explained: entity, the time of its last input step, and its index among the windows. */
  window: { entity: string; end: number; index: number };
  windows: number;
  /** Relative step positions: -(window-1) .. 0 (0 = the last input step). */
  steps: number[];
  /** Models with attention: weights per step of the chosen window and the average over the windows. */
  attention: { window: number[]; average: number[] } | null;
  /** Gradient saliency per step (mean |d output / d input| over features, normalised to sum 1) for the chosen window. */
  saliency: { perStep: number[]; perFeature: number[] } | null;
  importance: { metric: string; baseline: number; repeats: number; features: FeatureImportance[] };
  notes: string[];
}

/** The request of `explain:run`. */
export interface ExplainRequest {
  jobId?: string;
  model: string;
  datasetId: number;
  /** Index of the window to explain among the evaluated windows (default: the last). */
  windowIndex?: number;
  /** Permutation repeats (default 5). */
  repeats?: number;
  seed?: number;
}

/** One scored window, as `lstm-studio predict` writes it. */
export interface PredictionRow {
  entity: string;
  time: number;
  values: number[];
  reliability: ReliabilityFlag;
}

/** Every window of a dataset scored by a model. */
export interface PredictionTable {
  model: AnalysedModel;
  datasetName: string;
  /** The dataset's entity column (null for a single series: then rows have no entity in CSV). */
  entityColumn: string | null;
  timeKind: TimeKind;
  /** Names of `values`: yhat_1..yhat_H (TARGET_yhat_h for several targets), yhat_1, or class + p_CLASS. */
  columns: string[];
  rows: PredictionRow[];
  /** classify: the predicted class of each row (rows[i].values hold the probabilities). */
  classes?: string[];
  reliability: ReliabilityCounts;
}

/** The request of `predictions:run`. */
export interface PredictRequest {
  jobId?: string;
  model: string;
  datasetId: number;
  /** Step between scored windows (default 1: every window). */
  stride?: number;
}
