/**
 * The windows an analysis scores: the held-out test split (and the validation split, for interval
 * calibration) when the dataset is the model's training data, else every window of the dataset cut
 * with the model's stored scalers.
 */
import { UserError, fmtInt } from '../../shared/errors';
import type { ModelMetadata } from '../../shared/model/metadata';
import { prepareFromSeries } from '../../shared/training/prepare-pipeline';
import type { WindowBatch } from '../../shared/training/prepared';
import { planScoring, type ScoringOptions } from '../../shared/training/scoring-pipeline';
import type { Analysis } from './analysis-context';
import { entityIndexOf } from '../../shared/evaluation/target-reader';

/** Windows of one dataset cut for a model, with where each came from. */
export interface WindowSet {
  batch: WindowBatch;
  /** Per window, the index of its entity in analysis.series. */
  entity: Int32Array;
  /** Per window, 1 when its targets are known. */
  known: Uint8Array;
  split: 'test' | 'validation' | 'all';
  notes: string[];
}

/** Other datasets are evaluated on at most this many windows (the stride grows beyond). */
export const MAX_EVALUATION_WINDOWS = 100_000;

/** The evaluated windows and the calibration windows (null when there are none). */
export interface EvaluationSets {
  evaluate: WindowSet;
  calibrate: WindowSet | null;
  /** Training-split facts the baselines need (training dataset only). */
  train: WindowBatch | null;
}

/**
 * Test and validation splits of the training dataset (re-cut with the model's config: the same
 * deterministic split and scalers as in training), or every labelled window of other data.
 */
export function evaluationSets(a: Analysis): EvaluationSets {
  if (a.sameAsTraining) {
    const prepared = prepareFromSeries(a.detail, a.series, a.metadata.config);
    checkSameScalers(prepared.featureScaler.columns, a.metadata);
    const test = prepared.test.n > 0 ? prepared.test : null;
    if (!test) {
      throw new UserError(
        `The model's test split on ${a.detail.summary.name} is empty (training.split.test is ${a.metadata.config.training.split.test}), so there is no held-out data to evaluate on. Retrain with a test fraction such as 0.15, or evaluate on another dataset.`,
      );
    }
    return {
      evaluate: fromBatch(a, test, 'test', prepared.notes),
      calibrate: prepared.validation.n > 0 ? fromBatch(a, prepared.validation, 'validation', []) : null,
      train: prepared.train,
    };
  }
  const stride = a.metadata.config.input.stride;
  let plan = planScoring(a.detail, a.series, a.metadata, { stride, requireTargets: true });
  const notes = [...plan.notes];
  if (plan.windows.length > MAX_EVALUATION_WINDOWS) {
    const wider = Math.ceil((stride * plan.windows.length) / MAX_EVALUATION_WINDOWS);
    notes.push(`Evaluated every ${wider}th window (${fmtInt(Math.ceil(plan.windows.length / (wider / stride)))} of ${fmtInt(plan.windows.length)}) to bound memory.`);
    plan = planScoring(a.detail, a.series, a.metadata, { stride: wider, requireTargets: true });
  }
  return { evaluate: fromBatch(a, plan.batchOf(0, plan.windows.length), 'all', notes), calibrate: null, train: null };
}

/** Every window of the dataset planned, to be cut into window sets `chunk(from, to)` one part at a time. */
export function scoringChunks(a: Analysis, options: ScoringOptions): { windows: number; notes: string[]; chunk(from: number, to: number): WindowSet } {
  const plan = planScoring(a.detail, a.series, a.metadata, options);
  return {
    windows: plan.windows.length,
    notes: plan.notes,
    chunk: (from, to) => ({ ...fromBatch(a, plan.batchOf(from, to), 'all', []), known: plan.known.slice(from, to) }),
  };
}

/** Every window of the dataset (targets may be unknown), e.g. for prediction and explanations. */
export function scoringSet(a: Analysis, options: ScoringOptions): WindowSet {
  const plan = planScoring(a.detail, a.series, a.metadata, options);
  return { ...fromBatch(a, plan.batchOf(0, plan.windows.length), 'all', plan.notes), known: plan.known };
}

function fromBatch(a: Analysis, batch: WindowBatch, split: WindowSet['split'], notes: string[]): WindowSet {
  return { batch, entity: entityIndexOf(a.series, batch.meta), known: new Uint8Array(batch.n).fill(1), split, notes };
}

/** The re-cut split must give the scalers saved with the model; otherwise the data changed under it. */
function checkSameScalers(columns: readonly { offset: number; scale: number }[], m: ModelMetadata): void {
  const saved = m.featureScaler.columns;
  const same = saved.length === columns.length && saved.every((c, j) => Math.abs(c.offset - columns[j].offset) <= 1e-6 * (1 + Math.abs(c.offset)) && Math.abs(c.scale - columns[j].scale) <= 1e-6 * (1 + Math.abs(c.scale)));
  if (!same) {
    throw new UserError(`The training split re-cut from ${m.training.datasetName} does not give the scalers saved with the model (${fmtInt(saved.length)} columns): the dataset or the app's pipeline changed since training. Retrain the model.`);
  }
}
