/** The metrics the quality gates read from an evaluation report on the held-out test split. */
import type { EvaluationReport } from '../evaluation/analysis-types';

/** Gate metrics of a report (mae, rmse, ... and `baseline_<metric>` for the naive baseline), with the baseline's name. */
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
    return { metrics: out, baseline: last ? 'the last-value baseline' : null };
  }
  if (report.rul) {
    put('mae', report.rul.mae);
    put('rmse', report.rul.rmse);
    put('phm08', report.rul.phm08);
    put('baseline_mae', report.rul.baseline.mae);
    put('baseline_rmse', report.rul.baseline.rmse);
    return { metrics: out, baseline: `the ${report.rul.baseline.label} baseline` };
  }
  if (report.classification) {
    put('accuracy', report.classification.accuracy);
    put('baseline_accuracy', report.classification.baseline.accuracy);
    return { metrics: out, baseline: `the ${report.classification.baseline.label} baseline` };
  }
  return { metrics: out, baseline: null };
}
