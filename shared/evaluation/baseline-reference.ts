/**
 * What the baselines learn from the training split, fitted once when a model is trained and stored
 * with it (metadata.reference), so evaluation on any data compares with the same baselines; and the
 * baselines' validation metrics recorded with the run. Pure TypeScript.
 */
import type { EntitySeries } from '../training/entity-series';
import { batchToOriginalUnits } from '../training/original-units';
import type { PreparedData, WindowBatch } from '../training/prepared';
import { regressionMetrics } from '../training/metrics';
import { argmaxOf, lastValueForecast, movingAverageForecast, windowMeansOf, type HistoryReader } from './baselines';
import { baselineKey } from './baseline-verdict';
import { fitLastStep, predictLastStep, type LastStepModel } from './last-step-regression';
import { nearestNeighbourScores, sequenceReference, type SequenceReference } from './sequence-reference';
import { entityIndexOf, targetReader } from './target-reader';
import { fitWindowLinear, predictWindowLinear, type WindowLinearModel } from './window-linear';

/** Stored with a model version; every part optional (older models have fewer). */
export interface BaselineReference {
  /** rul: the mean RUL of the training windows (the constant baseline). */
  rulMean?: number;
  /** rul: the linear regression on the window's last step. */
  lastLinear?: LastStepModel;
  /** classify: training windows per class (the majority-class baseline). */
  classCounts?: number[];
  /** classify: training sequences for the 1-nearest-neighbour baselines. */
  sequences?: SequenceReference;
  /** forecast and regress: the linear model of the input window. */
  windowLinear?: WindowLinearModel;
}

/** Fits every baseline of the task on the training split (`series` are the entities the windows were cut from). */
export function fitBaselineReference(p: PreparedData, series: readonly EntitySeries[]): BaselineReference {
  const t = p.train;
  const [window, features] = p.inputShape;
  if (p.task === 'rul') {
    const actual = batchToOriginalUnits(p.task, p.targetScaler, p.outputs, t, t.y).actual;
    const mean = t.n > 0 ? actual.reduce((s, v) => s + v, 0) / t.n : 0;
    return { rulMean: mean, lastLinear: fitLastStep(t, window, features, actual) ?? undefined };
  }
  if (p.task === 'classify') {
    const C = p.classNames.length;
    const counts = new Array<number>(C).fill(0);
    for (let i = 0; i < t.n; i++) counts[argmaxOf(t.y, i * C, C)]++;
    return { classCounts: counts, sequences: t.n > 0 ? sequenceReference(t, window, features, C) : undefined };
  }
  const actual = batchToOriginalUnits(p.task, p.targetScaler, p.outputs, t, t.y).actual;
  const model = fitWindowLinear(readerOf(p, series, t), t.n, actual, { window, horizon: horizonOf(p), targets: p.targetNames.length });
  return model ? { windowLinear: model } : {};
}

/**
 * The baselines' metrics on one split, as `baseline_<key>_<metric>` (mae and rmse; accuracy for
 * classify); forecasts also keep `baseline_mae` / `baseline_rmse` for the last value, as before.
 */
export function splitBaselineMetrics(p: PreparedData, series: readonly EntitySeries[], ref: BaselineReference, which: 'validation' | 'test' = 'validation'): Record<string, number> {
  const b = p[which];
  const out: Record<string, number> = {};
  if (b.n === 0) return out;
  const put = (key: string, predicted: ArrayLike<number>, actual: ArrayLike<number>) => {
    const m = regressionMetrics(predicted, actual);
    if (Number.isFinite(m.mae)) out[baselineKey(key, 'mae')] = m.mae;
    if (Number.isFinite(m.rmse)) out[baselineKey(key, 'rmse')] = m.rmse;
  };
  if (p.task === 'classify') {
    const C = p.classNames.length;
    const counts = ref.classCounts ?? [];
    const majority = counts.indexOf(Math.max(...counts));
    let right = 0;
    for (let i = 0; i < b.n; i++) if (argmaxOf(b.y, i * C, C) === majority) right++;
    out[baselineKey('majority', 'accuracy')] = right / b.n;
    if (ref.sequences) for (const s of nearestNeighbourScores(ref.sequences, b, C)) out[baselineKey(s.metric === 'dtw' ? 'nn-dtw' : 'nn-euclidean', 'accuracy')] = s.accuracy;
    return out;
  }
  const actual = batchToOriginalUnits(p.task, p.targetScaler, p.outputs, b, b.y).actual;
  if (p.task === 'rul') {
    if (typeof ref.rulMean === 'number') put('mean', new Float64Array(b.n).fill(ref.rulMean), actual);
    if (ref.lastLinear) put('last-linear', predictLastStep(ref.lastLinear, b, p.inputShape[0]), actual);
    return out;
  }
  const read = readerOf(p, series, b);
  const H = horizonOf(p);
  const T = p.targetNames.length;
  const last = windowMeansOf(read, b.n, T, 1);
  put('last', lastValueForecast(last, b.n, H, T), actual);
  if (p.task === 'forecast') {
    for (const m of ['mae', 'rmse']) if (baselineKey('last', m) in out) out[`baseline_${m}`] = out[baselineKey('last', m)];
  }
  put('moving', movingAverageForecast(windowMeansOf(read, b.n, T, p.inputShape[0]), b.n, H, T), actual);
  if (ref.windowLinear) put('linear', predictWindowLinear(ref.windowLinear, read, b.n), actual);
  return out;
}

/** Forecast steps per window: the horizon for forecasts, 1 for regression. */
function horizonOf(p: PreparedData): number {
  return p.task === 'forecast' ? p.horizon : 1;
}

function readerOf(p: PreparedData, series: readonly EntitySeries[], b: WindowBatch): HistoryReader {
  return targetReader(series, p.targetNames, p.task, { entity: entityIndexOf(series, b.meta), meta: b.meta });
}
