/**
 * Why the model predicts what it does: attention weights per step (models with attention) for a
 * chosen window and on average, gradient saliency per step and feature for the chosen window, and
 * permutation importance of every input feature on the evaluated windows.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ExplainRequest, Explanation } from '../../shared/evaluation/analysis-types';
import { permutationImportance } from '../../shared/evaluation/permutation-importance';
import { UserError, fmtInt } from '../../shared/errors';
import { batchToOriginalUnits } from '../../shared/training/original-units';
import type { WindowBatch } from '../../shared/training/prepared';
import { attentionWeightsModel } from '../engine/attention-layer';
import { tf } from '../engine/backend';
import { predict } from '../engine/predict';
import type { Analysis } from './analysis-context';
import type { AnalysisControl } from './analysis-control';
import { evaluationSets, scoringSet, type WindowSet } from './window-sets';

/** Permutation importance uses at most this many windows (evenly spaced), to keep it interactive. */
const MAX_IMPORTANCE_WINDOWS = 1500;

/** Explains a model on a dataset. */
export async function explainVersion(a: Analysis, req: ExplainRequest, control: AnalysisControl): Promise<Explanation> {
  const m = a.metadata;
  const repeats = req.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 50) throw new UserError(`repeats: ${repeats} is not allowed: use a whole number from 1 to 50.`);
  control.step('Cutting the windows', 0.05);
  const labelled = labelledSet(a);
  const pool = labelled ?? scoringSet(a, { stride: m.config.input.stride });
  const index = req.windowIndex ?? pool.batch.n - 1;
  if (!Number.isInteger(index) || index < 0 || index >= pool.batch.n) throw new UserError(`windowIndex: ${index} is not allowed: pick a window from 0 to ${pool.batch.n - 1}.`);
  const [W, F] = m.inputShape;
  const one = pool.batch.x.subarray(index * W * F, (index + 1) * W * F);
  const notes = [...pool.notes];

  control.step('Attention and saliency', 0.1);
  const attention = a.info.attention ? attentionProfile(a.model, pool.batch, index, m.inputShape) : null;
  const saliency = gradientSaliency(a.model, one, m.inputShape, m.task === 'classify');

  let importance: Explanation['importance'] = { metric: 'none', baseline: NaN, repeats, features: [] };
  if (labelled) {
    const sample = evenSample(labelled.batch, MAX_IMPORTANCE_WINDOWS, m.inputShape, m.outputs, m.targetNames.length);
    if (sample.n < labelled.batch.n) notes.push(`Permutation importance used ${fmtInt(sample.n)} of the ${fmtInt(labelled.batch.n)} windows, evenly spaced.`);
    const metric = m.task === 'classify' ? 'error rate (1 - accuracy)' : 'MAE in target units';
    const loss = (x: Float32Array) => lossOf(a, { ...sample, x });
    const result = await permutationImportance({ x: sample.x, n: sample.n, window: W, features: F, names: m.featureNames }, loss, repeats, req.seed ?? 7, (done, total) => control.step(`Permutation importance: feature ${done} of ${total}`, 0.15 + (0.85 * done) / total));
    importance = { metric, baseline: result.baseline, repeats, features: result.features };
  } else {
    notes.push('This dataset has no known targets for the windows, so permutation importance (which needs the true values) is not computed.');
  }
  const w = pool.batch.meta[index];
  return {
    model: a.info,
    datasetName: a.detail.summary.name,
    window: { entity: w.entity, end: w.end, index },
    windows: pool.batch.n,
    steps: Array.from({ length: W }, (_, s) => s - (W - 1)),
    attention,
    saliency,
    importance,
    notes,
  };
}

/** The test split of the training data, or every labelled window of other data; null when none has targets. */
function labelledSet(a: Analysis): WindowSet | null {
  try {
    return evaluationSets(a).evaluate;
  } catch (err) {
    if (err instanceof UserError) return null;
    throw err;
  }
}

/** Attention weights of one window and their average over all windows. */
function attentionProfile(model: TF.LayersModel, batch: WindowBatch, index: number, shape: [number, number]): { window: number[]; average: number[] } {
  const view = attentionWeightsModel(model);
  const weights = predict(view, batch.x, batch.n, shape);
  const W = shape[0];
  const average = new Array<number>(W).fill(0);
  for (let i = 0; i < batch.n; i++) for (let s = 0; s < W; s++) average[s] += weights[i * W + s] / batch.n;
  return { window: Array.from(weights.subarray(index * W, (index + 1) * W)), average };
}

/**
 * |d output / d input| for one window: the summed outputs (forecast, regress, rul) or the top
 * class probability (classify). Per step averaged over features, per feature averaged over steps,
 * each normalised to sum 1.
 */
function gradientSaliency(model: TF.LayersModel, x: Float32Array, shape: [number, number], classify: boolean): { perStep: number[]; perFeature: number[] } {
  const t = tf();
  const [W, F] = shape;
  const grads = t.tidy(() => {
    const input = t.tensor3d(x, [1, W, F]);
    const g = t.grad((inp: TF.Tensor) => {
      const out = model.apply(inp, { training: false }) as TF.Tensor;
      return classify ? t.max(out) : t.sum(out);
    })(input);
    return t.abs(g).dataSync() as Float32Array;
  });
  const perStep = new Array<number>(W).fill(0);
  const perFeature = new Array<number>(F).fill(0);
  for (let s = 0; s < W; s++) {
    for (let f = 0; f < F; f++) {
      perStep[s] += grads[s * F + f];
      perFeature[f] += grads[s * F + f];
    }
  }
  return { perStep: normalise(perStep), perFeature: normalise(perFeature) };
}

/** MAE in target units (forecast, regress, rul) or the error rate (classify) of a batch. */
function lossOf(a: Analysis, batch: WindowBatch): number {
  const m = a.metadata;
  const out = predict(a.model, batch.x, batch.n, m.inputShape);
  if (m.task === 'classify') {
    const C = m.classNames.length;
    let wrong = 0;
    for (let i = 0; i < batch.n; i++) if (argmax(out, i * C, C) !== argmax(batch.y, i * C, C)) wrong++;
    return wrong / batch.n;
  }
  const { predicted, actual } = batchToOriginalUnits(m.task, m.targetScaler, m.outputs, batch, out);
  let s = 0;
  for (let k = 0; k < predicted.length; k++) s += Math.abs(predicted[k] - actual[k]);
  return s / predicted.length;
}

/** At most `max` windows of a batch, evenly spaced (x, y and restore values kept in step). */
function evenSample(batch: WindowBatch, max: number, shape: [number, number], outputs: number, T: number): WindowBatch {
  if (batch.n <= max) return batch;
  const picks = Array.from({ length: max }, (_, k) => Math.floor((k * batch.n) / max));
  const xs = shape[0] * shape[1];
  const take = (v: Float32Array | null, width: number) => {
    if (!v) return null;
    const out = new Float32Array(max * width);
    picks.forEach((i, k) => out.set(v.subarray(i * width, (i + 1) * width), k * width));
    return out;
  };
  return {
    n: max,
    x: take(batch.x, xs)!,
    y: take(batch.y, outputs)!,
    mask: take(batch.mask, shape[0]),
    meta: picks.map((i) => batch.meta[i]),
    restore: { base: take(batch.restore.base, T), scale: take(batch.restore.scale, T) },
    lastTarget: batch.lastTarget ? take(batch.lastTarget, T) : null,
  };
}

function normalise(v: number[]): number[] {
  const s = v.reduce((x, y) => x + y, 0);
  return s > 0 ? v.map((x) => x / s) : v;
}

function argmax(v: ArrayLike<number>, from: number, count: number): number {
  let best = 0;
  for (let c = 1; c < count; c++) if (v[from + c] > v[from + best]) best = c;
  return best;
}
