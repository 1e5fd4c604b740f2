/**
 * Types of the model registry's operations: versions with lineage, aliases and their moves, quality
 * gates before a deploy, and version comparisons. Pure types, shared by the back end, UI and CLI.
 */
import type { ModelMetadata } from '../model/metadata';
import type { EpochRecord, ModelSummary, SplitInfo } from '../model/training';
import type { VariantConfig } from '../model/variant';

/** How a version came into the registry. */
export type ModelSource = 'trained' | 'imported' | 'keras';

/** Where a version comes from: the data, the config and the run that made it. */
export interface ModelLineage {
  source: ModelSource;
  /** The training run (in this project when `runInProject`). */
  runId: string;
  runInProject: boolean;
  datasetId: number | null;
  datasetName: string;
  /** SHA-256 of the training dataset's source file. */
  fingerprint: string;
  config: VariantConfig;
  preset: string | null;
  /** Per-epoch loss curves (empty when unknown, e.g. a Keras import). */
  history: EpochRecord[];
  split: SplitInfo | null;
  /** Exported from another project: the file and the name/version it had there. */
  importedFrom: { file: string; name: string; version: number; at: string } | null;
}

/** A version with everything the registry knows about it (and the facts of its metadata.json). */
export interface ModelVersionDetail
  extends ModelSummary,
    Pick<ModelMetadata, 'featureNames' | 'targetNames' | 'classNames' | 'window' | 'horizon' | 'inputShape' | 'appVersion' | 'tfjsVersion'> {
  notes: string;
  lineage: ModelLineage;
  /** The training data's time span (epoch ms for datetime axes, else steps), when known. */
  dataPeriod: { start: number; end: number; kind: 'datetime' | 'index' | 'row' } | null;
}

/** A named model: its versions (newest first) and where its aliases point. */
export interface RegisteredModel {
  name: string;
  task: ModelSummary['task'];
  versions: ModelSummary[];
  /** alias -> version */
  aliases: Record<string, number>;
  latest: number;
  /** The last drift check of the version in production drifted past the model's threshold. */
  driftAlert: { version: number; at: string; share: number; threshold: number } | null;
}

/** Aliases the UI offers; any other lowercase name works too. */
export const STANDARD_ALIASES = ['production', 'candidate'] as const;

/** One move of an alias, recorded for ever. */
export interface AliasEvent {
  id: number;
  name: string;
  alias: string;
  action: 'deploy' | 'rollback';
  fromVersion: number | null;
  toVersion: number;
  at: string;
  reason: string;
  /** A deploy that overrode failed gates. */
  forced: boolean;
  gates: GateResult[];
}

/** The quality gates run before a deploy. */
export type GateName = 'baseline' | 'thresholds' | 'in-service' | 'compatibility' | 'freshness';

/** pass/fail; warn is shown but does not block; skip when the gate cannot apply (says why). */
export type GateStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** The outcome of one gate, in words a person can act on. */
export interface GateResult {
  gate: GateName;
  status: GateStatus;
  title: string;
  detail: string;
}

/** A user's requirement on one metric, e.g. `mae <= 2.5`. */
export interface MetricThreshold {
  metric: string;
  op: '<=' | '>=' | '<' | '>';
  value: number;
}

/** Per named model: what a deploy must meet, and when a drift check raises an alert. */
export interface ModelPolicy {
  thresholds: MetricThreshold[];
  /** A deploy fails when the version is older than this (days); null = no limit. */
  maxModelAgeDays: number | null;
  /** A deploy fails when the training data ends longer ago than this (days); null = no limit. */
  maxDataAgeDays: number | null;
  /** Share of drifted features (0..1) at which a drift check raises the model's alert. */
  driftShare: number;
  /**
   * Which baseline the "beats the baseline" gate compares with: the best of those measured (the
   * default; e.g. the linear window model) or the naive one (the last value; mean RUL; majority class).
   */
  baselineGate: BaselineGateMode;
}

/** The baseline a deploy must beat. */
export type BaselineGateMode = 'best' | 'naive';

/** The policy of a model nobody has configured. */
export const DEFAULT_POLICY: ModelPolicy = { thresholds: [], maxModelAgeDays: null, maxDataAgeDays: null, driftShare: 0.5, baselineGate: 'best' };

/** The gates of one version for one alias. */
export interface GateReport {
  model: { name: string; version: number };
  alias: string;
  /** The version the alias points at now (compared against), if any. */
  inService: number | null;
  /** Which metrics the gates read: those stored at training (validation split) or a test report. */
  basis: 'validation' | 'test';
  /** The dataset checked for compatibility, if one was chosen. */
  datasetId: number | null;
  gates: GateResult[];
  /** No gate failed. */
  passed: boolean;
  /** How the metrics were measured (e.g. why the stored ones were used). */
  notes: string[];
}

/** What deploy asks for. */
export interface DeployRequest {
  name: string;
  version: number;
  alias?: string;
  /** Deploy even though a gate failed (needs a reason). */
  force?: boolean;
  reason?: string;
  /** A dataset to check compatibility against. */
  datasetId?: number;
  /** Measure both versions on the candidate's held-out test split first (a job; default: the stored validation metrics). */
  evaluate?: boolean;
  /** The job id of that evaluation, to follow its progress and cancel it. */
  jobId?: string;
}

/** What `models:gates` asks for. */
export type GatesRequest = Omit<DeployRequest, 'force' | 'reason'>;

/** A deploy's outcome: the move recorded and the gates it passed (or overrode). */
export interface DeployResult {
  event: AliasEvent;
  report: GateReport;
}

/** One line of a config diff: a dotted path and the value on each side (undefined when absent). */
export interface ConfigDifference {
  path: string;
  a: unknown;
  b: unknown;
}

/** Two versions side by side. */
export interface ModelComparison {
  a: ModelVersionDetail;
  b: ModelVersionDetail;
  differences: ConfigDifference[];
  /** Every metric either version has; null where one lacks it. `better` names the better side. */
  metrics: { name: string; a: number | null; b: number | null; better: 'a' | 'b' | 'same' | null }[];
  /** Whether both were trained on the same data (same fingerprint): metrics are comparable. */
  sameData: boolean;
}

/** What the user tells about a converted Keras model. */
export interface KerasImportRequest {
  /** The converted model.json, or the folder holding it. */
  path: string;
  name: string;
  /** The dataset whose columns feed the model (and whose profiles give the scalers). */
  datasetId: number;
  task: ModelSummary['task'];
  /** Dataset columns in the order of the model's input features. */
  features: string[];
  /** forecast/regress: the predicted columns; classify on a long file: the label column. */
  targets: string[];
  /** classify: the class names in the order of the model's outputs (default class_0, class_1, ...). */
  classes?: string[];
  /** The window when the model accepts any length. */
  window?: number;
  /** How the model expects its inputs and outputs scaled: none (raw values, the default), zscore or minmax over the dataset. */
  scaling?: 'none' | 'zscore' | 'minmax';
}

/** Where an export was written. */
export interface ExportResult {
  path: string;
  bytes: number;
  sha256: string;
  model: { name: string; version: number };
}

/** An export file's bytes for the app to save (a download), and where a copy was kept. */
export interface ExportedFile extends ExportResult {
  /** The suggested file name, `NAME-vVERSION.lsmodel`. */
  fileName: string;
  /** The file's bytes, base64-encoded (JSON carries no binary). */
  base64: string;
}
