/** The metrics the quality gates read from an evaluation report on the held-out test split. */
import type { EvaluationReport } from '../evaluation/analysis-types';
import { BASELINE_NAMES, baselineKey } from '../evaluation/baseline-verdict';

/**
 * Gate metrics of a report: mae, rmse, ... , every baseline's as `baseline_<key>_<metric>`, and
 * `baseline_<metric>` for the naive baseline the gates read before there were several (the last
 * value; the constant RUL; the majority class), with that baseline's name.
 */
export function gateMetricsOf(report: EvaluationReport): { metrics: Record<string, number>; baseline: string | null } {
  const out: Record<string, number> = {};
  const put = (k: string, v: number | null | undefined) => {
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  };
  if (report.regression) {
    const m = report.regression.model;
    put('mae', m.mae);
    put('rmse', m.rmse);
    put('mape', m.mape);
    put('smape', m.smape);
    put('mase', m.mase);
    put('r2', m.r2);
    put('within5pct', m.within5pct);
    const last = report.regression.baselines.find((b) => b.key === 'last');
    put('baseline_mae', last?.mae);
    put('baseline_rmse', last?.rmse);
    for (const b of report.regression.baselines) {
      put(baselineKey(b.key, 'mae'), b.mae);
      put(baselineKey(b.key, 'rmse'), b.rmse);
    }
    return { metrics: out, baseline: last ? BASELINE_NAMES.last : null };
  }
  if (report.rul) {
    put('mae', report.rul.mae);
    put('rmse', report.rul.rmse);
    put('phm08', report.rul.phm08);
    put('baseline_mae', report.rul.baseline.mae);
    put('baseline_rmse', report.rul.baseline.rmse);
    for (const b of report.rul.baselines ?? [{ key: 'mean', ...report.rul.baseline }]) {
      put(baselineKey(b.key, 'mae'), b.mae);
      put(baselineKey(b.key, 'rmse'), b.rmse);
    }
    return { metrics: out, baseline: BASELINE_NAMES.mean };
  }
  if (report.classification) {
    put('accuracy', report.classification.accuracy);
    put('baseline_accuracy', report.classification.baseline.accuracy);
    for (const b of report.classification.baselines ?? [{ key: 'majority', ...report.classification.baseline }]) put(baselineKey(b.key, 'accuracy'), b.accuracy);
    return { metrics: out, baseline: BASELINE_NAMES.majority };
  }
  return { metrics: out, baseline: null };
}
