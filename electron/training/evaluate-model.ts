/** Validation metrics of a trained model, in the targets' original units (what a person can judge). */
import type * as TF from '@tensorflow/tfjs';
import { meanLoss } from '../engine/evaluate';
import { predict } from '../engine/predict';
import { classificationMetrics, regressionMetrics } from '../../shared/training/metrics';
import { persistenceBaseline, toOriginalUnits } from '../../shared/training/original-units';
import type { PreparedData } from '../../shared/training/prepared';
import type { LossName } from '../../shared/model/variant';
import type { EntitySeries } from '../../shared/training/entity-series';
import { splitBaselineMetrics, type BaselineReference } from '../../shared/evaluation/baseline-reference';

/**
 * Scores the validation split: `loss` (the training loss, in scaled units) plus mae and rmse in
 * target units for forecast, regress and rul, or accuracy for classify, beside every baseline of
 * the task (`baseline_<key>_<metric>`, fitted on the training split: see baseline-reference);
 * forecasts keep the last value as `baseline_mae` and `baseline_rmse`. With no `baselines` (no
 * series at hand), forecasts get the last value alone. Empty when there is no validation window.
 */
export function validationMetrics(model: TF.LayersModel, prepared: PreparedData, loss: LossName = 'mse', baselines?: { series: readonly EntitySeries[]; reference: BaselineReference }): Record<string, number> {
  const v = prepared.validation;
  if (v.n === 0) return {};
  const pred = predict(model, v.x, v.n, prepared.inputShape);
  const value = meanLoss(prepared.task, v.y, pred, v.n, loss);
  const against = baselines ? splitBaselineMetrics(prepared, baselines.series, baselines.reference, 'validation') : {};
  if (prepared.task === 'classify') {
    return { loss: value, ...pickNumbers(classificationMetrics(pred, v.y, prepared.classNames.length)), ...against };
  }
  const { predicted, actual } = toOriginalUnits(prepared, 'validation', pred);
  const metrics = { loss: value, ...pickNumbers(regressionMetrics(predicted, actual)), ...against };
  const baseline = baselines ? null : persistenceBaseline(prepared, 'validation');
  if (!baseline) return metrics;
  const b = regressionMetrics(baseline, actual);
  return { ...metrics, baseline_mae: b.mae, baseline_rmse: b.rmse };
}

/** Keeps the finite numbers of a metrics object (drops confusion matrices and the like). */
function pickNumbers(metrics: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}
