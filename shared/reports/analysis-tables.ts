/**
 * The tables of the analysis results, built once for the HTML/PDF reports, their CSV/JSON exports,
 * the CLI's `--tables` folder and the UI's download buttons: metrics against the baselines, error
 * per step, interval coverage, forecasts, importance, attention, saliency and the risk list.
 */
import type { EvaluationReport, Explanation, ForecastResult, RiskReport } from '../evaluation/analysis-types';
import type { RegressionReport } from '../evaluation/metrics';
import { fmtNumber } from '../format';
import { col, fileSafe } from './table-format';
import type { Cell, ReportTable } from './types';

const METRIC_COLUMNS = [col('mae', 'MAE'), col('rmse', 'RMSE'), col('mape', 'MAPE %'), col('smape', 'sMAPE %'), col('mase', 'MASE'), col('r2', 'R²'), col('within5pct', 'within 5%', 'percent')];

function metricCells(m: RegressionReport): Cell[] {
  return [m.mae, m.rmse, m.mape, m.smape, m.mase, m.r2, m.within5pct];
}

/** The validation report's tables, in the order the report shows them. */
export function evaluationTables(r: EvaluationReport): ReportTable[] {
  const out: ReportTable[] = [];
  const reg = r.regression;
  if (reg) {
    out.push({
      id: 'metrics',
      title: 'The model against the naive baselines',
      columns: [col('forecaster', 'Forecaster', 'text'), col('detail', 'Detail', 'text'), ...METRIC_COLUMNS],
      rows: [['model', `${r.model.name} v${r.model.version}`, ...metricCells(reg.model)], ...reg.baselines.map((b) => [b.label.toLowerCase(), b.detail, ...metricCells(b)])],
    });
    if (reg.horizon > 1) {
      out.push({
        id: 'per-step',
        title: 'Error per forecast step',
        columns: [col('step', 'Step', 'count'), col('model_mae', 'Model MAE'), ...reg.baselines.map((b) => col(`${b.key}_mae`, `${b.label} MAE`)), col('model_rmse', 'Model RMSE')],
        rows: reg.model.perHorizon.map((s, h) => [s.step, s.mae, ...reg.baselines.map((b) => b.perHorizon[h]?.mae ?? null), s.rmse]),
      });
    }
  }
  if (r.rul) {
    const u = r.rul;
    out.push({
      id: 'metrics',
      title: 'Remaining useful life: the model against the baselines',
      columns: [col('forecaster', 'Estimator', 'text'), col('rmse', 'RMSE'), col('mae', 'MAE'), col('phm08', 'PHM08 score')],
      rows: [['model', u.rmse, u.mae, u.phm08], ...(u.baselines ?? [u.baseline]).map((b) => [b.label.toLowerCase(), b.rmse, b.mae, b.phm08])],
    });
  }
  if (r.classification) {
    const c = r.classification;
    out.push({
      id: 'metrics',
      title: 'Accuracy against the baselines',
      columns: [col('classifier', 'Classifier', 'text'), col('accuracy', 'Accuracy', 'percent')],
      rows: [['model', c.accuracy], ...(c.baselines ?? [c.baseline]).map((b) => [b.label.toLowerCase(), b.accuracy])],
    });
    out.push({
      id: 'classes',
      title: 'Per class',
      columns: [col('class', 'Class', 'text'), col('precision', 'Precision'), col('recall', 'Recall'), col('f1', 'F1'), col('support', 'Support', 'count'), col('roc_auc', 'ROC AUC'), col('pr_auc', 'PR AUC')],
      rows: c.classes.map((k) => [k.name, k.precision, k.recall, k.f1, k.support, k.rocAuc, k.prAuc]),
    });
    out.push({
      id: 'confusion',
      title: 'Confusion matrix (rows: true class, columns: predicted)',
      columns: [col('true_class', 'True class', 'text'), ...c.classes.map((k) => col(`predicted_${fileSafe(k.name)}`, k.name, 'count'))],
      rows: c.confusion.map((row, i) => [c.classes[i].name, ...row]),
    });
  }
  if (r.intervals) {
    const targets = r.model.targetNames.length > 1 ? r.model.targetNames : [''];
    out.push({
      id: 'coverage',
      title: `Interval coverage per step (nominal ${Math.round(r.intervals.nominal * 100)}%)`,
      columns: [col('step', 'Step', 'count'), ...targets.map((t) => col(t ? `half_width_${fileSafe(t)}` : 'half_width', t ? `Half-width (${t})` : 'Half-width')), col('coverage', 'Measured coverage', 'percent')],
      rows: r.intervals.perStep.map((s) => [s.step, ...targets.map((_, i) => s.halfWidth[i] ?? null), s.coverage]),
    });
  }
  return out;
}

/** One table per forecast entity: the steps ahead with their bounds, for every target. */
export function forecastTable(f: ForecastResult): ReportTable {
  const rows: Cell[][] = [];
  for (const t of f.targets) t.forecast.time.forEach((time, h) => rows.push([h + 1, time, t.name, t.forecast.point[h], t.forecast.lower[h], t.forecast.upper[h]]));
  return {
    id: `forecast-${fileSafe(f.entity, 'entity')}`,
    title: `Forecast of ${f.entity} (${Math.round(f.coverage * 100)}% intervals)`,
    columns: [col('step', 'Step', 'count'), col('time', 'Time', 'time'), col('target', 'Target', 'text'), col('forecast', 'Forecast'), col('lower', 'Lower'), col('upper', 'Upper')],
    rows,
    timeKind: f.timeKind,
  };
}

/** Importance, attention and saliency as tables. */
export function explanationTables(e: Explanation): ReportTable[] {
  const out: ReportTable[] = [];
  if (e.importance.features.length > 0) {
    out.push({
      id: 'importance',
      title: `Permutation importance (increase of the ${e.importance.metric}, ${e.importance.repeats} repeats)`,
      columns: [col('feature', 'Feature', 'text'), col('importance', 'Importance'), col('std', 'Std'), col('low', '95% low'), col('high', '95% high')],
      rows: [...e.importance.features].sort((a, b) => b.mean - a.mean).map((f) => [f.feature, f.mean, f.std, f.low, f.high]),
    });
  }
  if (e.attention) {
    out.push({
      id: 'attention',
      title: 'Attention weight per input step',
      columns: [col('step', 'Step'), col('window', 'This window'), col('average', 'Average over windows')],
      rows: e.steps.map((s, i) => [s, e.attention!.window[i], e.attention!.average[i]]),
    });
  }
  if (e.saliency) {
    out.push({
      id: 'saliency',
      title: 'Gradient saliency per input step',
      columns: [col('step', 'Step'), col('saliency', 'Share of the gradient', 'percent')],
      rows: e.steps.map((s, i) => [s, e.saliency!.perStep[i]]),
    });
  }
  return out;
}

/** The ranked maintenance list (its keys are the columns of `lstm-studio risk --out`). */
export function riskTable(r: RiskReport): ReportTable {
  return {
    id: 'risk',
    title: 'Maintenance list, highest risk first',
    columns: [
      col('rank', 'Rank', 'count'),
      col('entity', 'Entity', 'text'),
      col('score', 'Risk', 'count'),
      col('level', 'Level', 'text'),
      col('steps_to_failure', 'Steps to failure', 'number', 'export'),
      col('steps_lower', 'Lower', 'number', 'export'),
      col('steps_upper', 'Upper', 'number', 'export'),
      col('time_to_failure', 'Steps to failure (interval)', 'text', 'display'),
      col('expected_at', 'Expected at', 'time'),
      col('driver', 'Driver', 'text'),
      col('action', 'Recommended action', 'text'),
      col('reliability', 'Reliability', 'text'),
      col('last_time', 'Latest data', 'time'),
    ],
    rows: r.rows.map((row, i) => [
      i + 1,
      row.entity,
      row.score,
      row.level,
      row.timeToFailure?.steps ?? null,
      row.timeToFailure?.lower ?? null,
      row.timeToFailure?.upper ?? null,
      stepsText(row.timeToFailure),
      row.timeToFailure?.at ?? null,
      row.driver,
      row.action,
      row.reliability,
      row.lastTime,
    ]),
    timeKind: r.timeKind,
  };
}

/** "12 (9–15)", "? (3–later)" when only the interval reaches the limit, `none` when no failure is expected within the horizon. */
export function stepsText(t: RiskReport['rows'][number]['timeToFailure'], none = 'none within the horizon', dash = '–'): string {
  if (!t) return none;
  return `${t.steps === null ? '?' : fmtNumber(t.steps)} (${fmtNumber(t.lower)}${dash}${t.upper === null ? 'later' : fmtNumber(t.upper)})`;
}
