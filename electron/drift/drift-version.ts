/**
 * A drift check of one version against one dataset: each column the model reads against the
 * version's training reference, the dataset's verdict at the model's threshold, prediction drift
 * (predictions on the new data against the training targets) and, when the new data has the
 * targets, performance drift. The check is recorded; its alert shows on the version in service.
 */
import type Database from 'better-sqlite3';
import { datasetVerdict, driftMethod, featureDrift } from '../../shared/drift/drift-check';
import type { DriftReference, DriftReport, DriftRequest, FeatureDrift, PerformanceDrift } from '../../shared/drift/types';
import { UserError, fmtInt } from '../../shared/errors';
import type { Analysis } from '../evaluation/analysis-context';
import type { AnalysisControl } from '../evaluation/analysis-control';
import { scoreWindowSet } from '../evaluation/window-scores';
import { scoringChunks } from '../evaluation/window-sets';
import { getPolicy, getReference, setReference } from '../registry/registry-repo';
import { buildTrainingReference } from '../registry/training-reference';
import { getRun } from '../store/runs-repo';
import { insertDriftCheck } from './drift-repo';

/** Performance counts as degraded when the error on the new data reaches this multiple of the validation error. */
export const PERFORMANCE_RATIO = 1.5;
/** Prediction drift scores at most about this many windows (a larger dataset is strided). */
const MAX_SCORED = 20_000;

/** Runs and records the check. */
export async function driftVersion(a: Analysis, _req: DriftRequest, control: AnalysisControl, db: Database.Database): Promise<DriftReport> {
  const { name, version } = a.summary;
  const reference = referenceOf(db, a);
  const policy = getPolicy(db, name);
  control.step('Comparing the features with the training reference', 0.1);
  const missing = reference.features.filter((f) => !a.detail.columns.some((c) => c.name === f.name));
  if (missing.length > 0) {
    throw new UserError(`${a.detail.summary.name} lacks ${missing.map((f) => `\`${f.name}\``).join(', ')}, which ${name} v${version} reads. Check the dataset against the model (or import it with the same column names).`);
  }
  const features = reference.features.map((f) => featureDrift(f, columnValues(a, f.name)));
  const { share, drifted } = datasetVerdict(features, policy.driftShare, a.detail.summary.name);
  const notes: string[] = [];
  const scored = await scoreForDrift(a, reference, control, notes);
  const report: DriftReport = {
    model: { name, version },
    dataset: { id: a.detail.summary.id, name: a.detail.summary.name, fingerprint: a.detail.summary.fingerprint, rows: a.detail.summary.rows },
    at: new Date().toISOString(),
    drifted,
    share,
    shareThreshold: policy.driftShare,
    features,
    method: `${driftMethod(policy.driftShare)} Predictions are compared with the training targets the same way; performance has degraded when the error on the new data reaches ${PERFORMANCE_RATIO}x the validation error.`,
    predictions: scored.predictions,
    performance: scored.performance,
    unchecked: scored.unchecked,
    notes,
  };
  insertDriftCheck(db, report);
  return report;
}

/** The stored reference, or one rebuilt (and stored) from the training dataset when it is still here. */
function referenceOf(db: Database.Database, a: Analysis): DriftReference {
  const { name, version } = a.summary;
  const stored = getReference(db, name, version);
  if (stored) return stored;
  const fingerprint = a.metadata.training.fingerprint;
  const row = db.prepare('SELECT id FROM datasets WHERE fingerprint = ? ORDER BY id DESC LIMIT 1').get(fingerprint) as { id: number } | undefined;
  let split = null;
  try {
    split = getRun(db, a.summary.runId).split;
  } catch {
    // A run that is gone leaves no split to measure against.
  }
  if (!row || !split) {
    throw new UserError(`${name} v${version} has no training reference for drift checks, and its training data (${a.metadata.training.datasetName}) is not in this project to rebuild it. Import the training file again, or retrain the model.`);
  }
  const columns = [...new Set([...a.metadata.featureNames, ...a.metadata.targetNames])].filter((c) => a.metadata.training.columns.includes(c));
  const reference = buildTrainingReference(db, row.id, columns, split);
  setReference(db, name, version, reference);
  return reference;
}

function columnValues(a: Analysis, column: string): Float64Array {
  const parts = a.series.map((s) => s.columns[column]).filter((c): c is Float64Array => c !== undefined);
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type Scored = { predictions: FeatureDrift | null; performance: PerformanceDrift | null; unchecked: NonNullable<DriftReport['unchecked']> };

/** Scores the new data (strided to stay bounded) for prediction and performance drift; says why either could not be checked. */
async function scoreForDrift(a: Analysis, reference: DriftReference, control: AnalysisControl, notes: string[]): Promise<Scored> {
  const m = a.metadata;
  // About one window per row after the first window of each entity (one per sequence for wide data).
  const windows = a.series.reduce((n, s) => n + Math.max(1, (s.time?.length ?? Object.values(s.columns)[0]?.length ?? 0) - m.window + 1), 0);
  const stride = Math.max(1, Math.ceil(windows / MAX_SCORED));
  let plan;
  try {
    plan = scoringChunks(a, { stride });
  } catch (err) {
    if ((err as { kind?: string }).kind !== 'user') throw err;
    const why = `the model could not score this data: ${(err as Error).message}`;
    return { predictions: null, performance: null, unchecked: { predictions: why, performance: why } };
  }
  if (stride > 1) notes.push(`Predictions were checked on one window in ${fmtInt(stride)} (${fmtInt(plan.windows)} windows).`);
  const width = m.outputs;
  const firstOutput: number[] = [];
  let errorSum = 0;
  let errorCount = 0;
  let known = 0;
  for (let from = 0; from < plan.windows; from += 5000) {
    control.step('Scoring the new data', 0.3 + (0.6 * from) / plan.windows);
    const set = plan.chunk(from, Math.min(plan.windows, from + 5000));
    const scored = scoreWindowSet(a, set);
    for (let i = 0; i < set.batch.n; i++) {
      const at = i * width;
      if (m.task !== 'classify') firstOutput.push(scored.predicted[at]);
      if (!set.known[i]) continue;
      known++;
      if (m.task === 'classify') {
        const p = scored.predicted.subarray(at, at + width);
        const y = scored.actual.subarray(at, at + width);
        errorSum += p.indexOf(Math.max(...p)) === y.indexOf(Math.max(...y)) ? 0 : 1;
        errorCount++;
      } else {
        for (let k = 0; k < width; k++) {
          const d = scored.predicted[at + k] - scored.actual[at + k];
          if (Number.isFinite(d)) {
            errorSum += Math.abs(d);
            errorCount++;
          }
        }
      }
    }
  }
  const predictions = predictionDrift(a, reference, firstOutput);
  const performance = performanceDrift(a, errorCount > 0 ? errorSum / errorCount : null, known, plan.windows);
  return { predictions: predictions.drift, performance: performance.drift, unchecked: { predictions: predictions.why, performance: performance.why } };
}

function predictionDrift(a: Analysis, reference: DriftReference, values: number[]): { drift: FeatureDrift | null; why: string | null } {
  const m = a.metadata;
  const target = m.task === 'forecast' || m.task === 'regress' ? m.targetNames[0] : null;
  const ref = target ? reference.features.find((f) => f.name === target) : undefined;
  if (!ref) {
    return { drift: null, why: m.task === 'classify' || m.task === 'rul' ? `not checked for ${m.task} models (no training distribution of the output is stored)` : 'the training reference has no target column' };
  }
  const drift = featureDrift(ref, values);
  if (drift.untested !== undefined) {
    return { drift: null, why: values.length === 0 ? 'the data gives no window to score (no rows, or fewer than the model\'s window)' : `the model gave no prediction on the ${fmtInt(values.length)} windows (their inputs have no values)` };
  }
  const h = m.task === 'forecast' ? ' (1 step ahead)' : '';
  return { drift: { ...drift, name: `predicted ${target}${h}` }, why: null };
}

function performanceDrift(a: Analysis, current: number | null, known: number, scoredWindows: number): { drift: PerformanceDrift | null; why: string | null } {
  if (current === null) {
    return { drift: null, why: scoredWindows === 0 ? 'the data gives no window to score' : known === 0 ? 'the new data has no targets' : `none of the ${fmtInt(known)} windows with targets gave a finite error` };
  }
  const metrics = a.summary.metrics;
  const classify = a.metadata.task === 'classify';
  const reference = classify ? (metrics.accuracy === undefined ? undefined : 1 - metrics.accuracy) : metrics.mae;
  if (reference === undefined || !(reference > 0)) return { drift: null, why: `${a.summary.name} v${a.summary.version} has no validation ${classify ? 'accuracy' : 'MAE'} to compare with` };
  const ratio = current / reference;
  return { drift: { metric: classify ? 'error rate' : 'mae', reference, current, ratio, threshold: PERFORMANCE_RATIO, degraded: ratio >= PERFORMANCE_RATIO, windows: known }, why: null };
}
