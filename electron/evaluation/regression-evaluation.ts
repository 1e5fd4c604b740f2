/** The forecast/regress part of the report: the model and three naive baselines on the same windows. */
import type { BaselineResult, Improvement, RegressionEvaluation } from '../../shared/evaluation/analysis-types';
import { lastValueForecast, movingAverageForecast, regressionReport, seasonalNaiveForecast, type RegressionReportOptions } from '../../shared/evaluation/metrics';
import { fmtInt } from '../../shared/errors';
import { entityIndexOf, targetReader } from '../../shared/evaluation/target-reader';
import { fitWindowLinear, predictWindowLinear, type WindowLinearModel } from '../../shared/evaluation/window-linear';
import { batchToOriginalUnits } from '../../shared/training/original-units';
import type { WindowBatch } from '../../shared/training/prepared';
import type { Analysis } from './analysis-context';
import { detectTargetSeason, inSampleNaiveMae, inSampleTarget, targetHistory } from './target-history';
import type { ScoredWindows } from './window-scores';
import type { WindowSet } from './window-sets';

/** Scores the model and the last-value, seasonal-naive and moving-average baselines; MASE is scaled in-sample. */
export function regressionEvaluation(a: Analysis, set: WindowSet, scored: ScoredWindows, season?: number, train: WindowBatch | null = null): RegressionEvaluation {
  const m = a.metadata;
  const horizon = m.task === 'forecast' ? m.horizon : 1;
  const T = m.targetNames.length;
  const n = set.batch.n;
  const history = targetHistory(a, set);
  const inSample = inSampleTarget(a);
  const s = season ?? detectTargetSeason(inSample);
  const options: RegressionReportOptions = {
    horizon,
    targets: T,
    naiveMae: inSampleNaiveMae(inSample, 1),
    seasonalNaiveMae: s ? inSampleNaiveMae(inSample, s) : null,
  };
  const last = new Float64Array(n * T);
  for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) last[i * T + t] = history.read(i, 0, t);
  const baselines: BaselineResult[] = [
    { key: 'last', label: 'Last value', detail: 'repeats the last observed value', ...regressionReport(lastValueForecast(last, n, horizon, T), scored.actual, options) },
  ];
  if (s) {
    baselines.push({ key: 'seasonal', label: 'Seasonal naive', detail: `the value one season (${s} steps) earlier${season ? '' : ', detected'}`, ...regressionReport(seasonalNaiveForecast(history.read, n, horizon, T, s), scored.actual, options) });
  }
  const span = m.window;
  baselines.push({ key: 'moving', label: 'Moving average', detail: `the mean of the last ${span} steps`, ...regressionReport(movingAverageForecast(history.windowMeans(span), n, horizon, T), scored.actual, options) });
  const linear = windowLinearOf(a, train);
  if (linear) {
    const detail = `least squares on the last ${linear.window} values of the target, fitted on ${fmtInt(linear.fittedOn)} training windows`;
    baselines.push({ key: 'linear', label: 'Linear (window)', detail, ...regressionReport(predictWindowLinear(linear, history.read, n), scored.actual, options) });
  }
  const model = regressionReport(scored.predicted, scored.actual, options);
  return { kind: 'regression', targets: m.targetNames, horizon, model, baselines, improvement: improvementOver(model.mae, baselines) };
}

/**
 * The linear window baseline: the one fitted at training and stored with the model; for models
 * saved before it was stored, refitted from the training split when evaluated on their training
 * data (null on other data).
 */
function windowLinearOf(a: Analysis, train: WindowBatch | null): WindowLinearModel | null {
  const m = a.metadata;
  const stored = m.reference?.windowLinear;
  if (stored && stored.window === m.window && stored.targets === m.targetNames.length) return stored;
  if (!train || train.n === 0) return null;
  const actual = batchToOriginalUnits(m.task, m.targetScaler, m.outputs, train, train.y).actual;
  const read = targetReader(a.series, m.targetNames, m.task, { entity: entityIndexOf(a.series, train.meta), meta: train.meta });
  return fitWindowLinear(read, train.n, actual, { window: m.window, horizon: m.task === 'forecast' ? m.horizon : 1, targets: m.targetNames.length });
}

/** The model's MAE against the best baseline's. */
export function improvementOver(mae: number, baselines: readonly { label: string; mae: number }[]): Improvement | null {
  const finite = baselines.filter((b) => Number.isFinite(b.mae));
  if (finite.length === 0 || !Number.isFinite(mae)) return null;
  const best = finite.reduce((x, y) => (y.mae < x.mae ? y : x));
  return { baseline: best.label, metric: 'mae', model: mae, reference: best.mae, percent: best.mae === 0 ? 0 : (100 * (best.mae - mae)) / best.mae };
}
