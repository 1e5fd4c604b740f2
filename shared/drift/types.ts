/** Types of drift checks: the training reference saved with a model version, and a check's report. */

/** What the model saw of one column in its training split. */
export interface FeatureReference {
  name: string;
  /** Values seen (finite) and missing in the training rows. */
  count: number;
  missing: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  /** Up to REFERENCE_SAMPLE_SIZE values drawn uniformly (seeded), sorted ascending. */
  sample: number[];
  /** Decile edges of the sample and the share of the sample in each of the edges.length + 1 bins (for PSI). */
  edges: number[];
  shares: number[];
}

/** A version's training reference: per column, and the period the training rows cover. */
export interface DriftReference {
  createdAt: string;
  /** Training rows read (per entity, the rows before its validation period). */
  rows: number;
  period: { start: number; end: number; kind: 'datetime' | 'index' | 'row' } | null;
  features: FeatureReference[];
}

/** The test deciding one feature: KS for small samples, normalised Wasserstein for large ones. */
export type DriftTest = 'ks' | 'wasserstein';

/** One feature's result. `statistic` is the KS p-value or the normalised Wasserstein distance. */
export interface FeatureDrift {
  name: string;
  test: DriftTest;
  statistic: number;
  threshold: number;
  drifted: boolean;
  /** Sizes compared: the reference sample and the new data's values. */
  referenceCount: number;
  currentCount: number;
  referenceMean: number;
  currentMean: number;
  /** The KS distance D (also given when Wasserstein decides), and the PSI over the reference deciles. */
  ksDistance: number;
  psi: number;
  /**
   * The two distributions over the bins the PSI uses: `edges` are the training deciles, `reference`
   * and `current` the share of the training sample and of the new values in each of the
   * edges.length + 1 bins (absent in checks recorded before it was kept).
   */
  bins?: { edges: number[]; reference: number[]; current: number[] };
  /**
   * Why the feature could not be tested (the new data has no value of it), when it could not:
   * then `drifted` is false, `statistic` is NaN and the feature does not count in the share.
   */
  untested?: string;
}

/** A drift check's verdict for one dataset against one version's reference. */
export interface DriftReport {
  model: { name: string; version: number };
  dataset: { id: number; name: string; fingerprint: string; rows: number };
  at: string;
  drifted: boolean;
  /** Share of features that drifted, and the share at which the dataset counts as drifted (the model's threshold). */
  share: number;
  shareThreshold: number;
  features: FeatureDrift[];
  /** How the tests were chosen and what the thresholds mean, in words. */
  method: string;
  /** Distribution shift of the model's predictions (null until the model can score the data). */
  predictions: FeatureDrift | null;
  /** Error on the new data beside the error at training, when the new data has the targets. */
  performance: PerformanceDrift | null;
  /** Why prediction or performance drift could not be checked, when it could not (absent in older checks). */
  unchecked?: { predictions: string | null; performance: string | null };
  notes: string[];
}

/** The model's error on new data against its validation error at training. */
export interface PerformanceDrift {
  /** mae for numeric targets; error rate (1 - accuracy) for classes. */
  metric: 'mae' | 'error rate';
  reference: number;
  current: number;
  /** current / reference */
  ratio: number;
  /** The ratio at which performance counts as degraded. */
  threshold: number;
  degraded: boolean;
  windows: number;
}

/** What `drift:run` asks for. */
export interface DriftRequest {
  jobId?: string;
  /** NAME, NAME@VERSION or NAME:ALIAS. */
  model: string;
  datasetId: number;
}

/** A recorded drift check, as listed. */
export interface DriftCheckSummary {
  id: number;
  model: { name: string; version: number };
  dataset: { id: number; name: string };
  at: string;
  drifted: boolean;
  share: number;
  shareThreshold: number;
  /** Feature names that drifted. */
  driftedFeatures: string[];
  predictionsDrifted: boolean | null;
  performanceDegraded: boolean | null;
}
