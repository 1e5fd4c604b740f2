/** The readable output of the analysis commands: tables and sentences for the terminal. */
import type { EvaluationReport, Explanation, ForecastResult, PredictionTable, RiskReport } from '../../shared/evaluation/analysis-types';
import type { RegressionReport } from '../../shared/evaluation/metrics';
import { fmtInt } from '../../shared/errors';
import { fmtNumber, fmtPct, fmtTimeValue } from '../../shared/format';
import { formatTable } from './format';
import { stepsText } from '../../shared/reports/analysis-tables';

/** The validation report: findings, then the metric tables. */
export function describeEvaluation(r: EvaluationReport): string {
  const lines = [`Evaluation of ${r.model.name}@${r.model.version} (${r.model.task}) on ${r.data.datasetName}`, ...r.summary.map((s) => `  ${s}`), ''];
  if (r.regression) {
    const rows = [metricRow('model', r.regression.model), ...r.regression.baselines.map((b) => metricRow(b.label.toLowerCase(), b))];
    lines.push(formatTable(['forecast', 'MAE', 'RMSE', 'MAPE %', 'sMAPE %', 'MASE', 'R²', 'within 5%'], rows, new Set([1, 2, 3, 4, 5, 6, 7])));
    if (r.regression.horizon > 1) {
      const steps = r.regression.model.perHorizon.map((s, h) => [String(s.step), fmtNumber(s.mae), fmtNumber(r.regression!.baselines[0].perHorizon[h].mae), fmtNumber(s.rmse)]);
      lines.push(formatTable(['step', 'MAE', 'last-value MAE', 'RMSE'], steps, new Set([0, 1, 2, 3])));
    }
  }
  if (r.rul) {
    const u = r.rul;
    lines.push(formatTable(['rul', 'RMSE', 'MAE', 'PHM08'], [['model', fmtNumber(u.rmse), fmtNumber(u.mae), fmtNumber(u.phm08)], [u.baseline.label.toLowerCase(), fmtNumber(u.baseline.rmse), fmtNumber(u.baseline.mae), fmtNumber(u.baseline.phm08)]], new Set([1, 2, 3])));
  }
  if (r.classification) {
    const c = r.classification;
    lines.push(formatTable(['class', 'precision', 'recall', 'F1', 'support', 'ROC AUC', 'PR AUC'], c.classes.map((k) => [k.name, fmtNumber(k.precision), fmtNumber(k.recall), fmtNumber(k.f1), fmtInt(k.support), fmtNumber(k.rocAuc), fmtNumber(k.prAuc)]), new Set([1, 2, 3, 4, 5, 6])));
    lines.push('Confusion matrix (rows: true class, columns: predicted):');
    lines.push(formatTable(['', ...c.classes.map((k) => k.name)], c.confusion.map((row, i) => [c.classes[i].name, ...row.map((v) => fmtInt(v))]), new Set(c.classes.map((_, i) => i + 1))));
  }
  if (r.intervals) lines.push(`Intervals: ${r.intervals.method}; nominal ${fmtPct(r.intervals.nominal, 0)}, measured ${fmtPct(r.intervals.measured)} (${fmtInt(r.intervals.calibrationWindows)} calibration windows).`);
  lines.push(`Reliability: ${fmtInt(r.reliability.ok)} ok, ${fmtInt(r.reliability.caution)} caution, ${fmtInt(r.reliability.unreliable)} unreliable.`);
  lines.push(...r.notes.map((n) => `Note: ${n}`), '');
  return lines.join('\n');
}

function metricRow(name: string, m: RegressionReport): string[] {
  return [name, fmtNumber(m.mae), fmtNumber(m.rmse), fmtNumber(m.mape), fmtNumber(m.smape), fmtNumber(m.mase), fmtNumber(m.r2), fmtPct(m.within5pct)];
}

/** The forecast as a table of steps with their bounds. */
export function describeForecast(f: ForecastResult): string {
  const lines = [`Forecast of ${f.entity} by ${f.model.name}@${f.model.version}: ${f.horizon} steps, ${fmtPct(f.coverage, 0)} intervals`];
  if (f.reliability.flag !== 'ok') lines.push(`Reliability: ${f.reliability.flag}: ${f.reliability.reasons.join('; ')}.`);
  for (const t of f.targets) {
    lines.push('', `${t.name} (last value ${fmtNumber(t.history.values.at(-1))} at ${fmtTimeValue(t.history.time.at(-1), f.timeKind)})`);
    const rows = t.forecast.time.map((time, h) => [String(h + 1), fmtTimeValue(time, f.timeKind), fmtNumber(t.forecast.point[h]), fmtNumber(t.forecast.lower[h]), fmtNumber(t.forecast.upper[h])]);
    lines.push(formatTable(['step', 'time', 'forecast', 'lower', 'upper'], rows, new Set([0, 2, 3, 4])).trimEnd());
  }
  lines.push(...f.notes.map((n) => `Note: ${n}`), '');
  return lines.join('\n');
}

/** Explanations: importance table, attention and saliency profiles in words. */
export function describeExplanation(e: Explanation): string {
  const lines = [`Explanation of ${e.model.name}@${e.model.version} on ${e.datasetName}, window ${e.window.index} of ${fmtInt(e.windows)} (${e.window.entity})`];
  if (e.importance.features.length > 0) {
    lines.push('', `Permutation importance (increase of the ${e.importance.metric}, ${e.importance.repeats} repeats; baseline ${fmtNumber(e.importance.baseline)}):`);
    lines.push(formatTable(['feature', 'importance', '95% low', '95% high'], e.importance.features.map((f) => [f.feature, fmtNumber(f.mean), fmtNumber(f.low), fmtNumber(f.high)]), new Set([1, 2, 3])).trimEnd());
  }
  const top = (weights: number[]) => topSteps(weights, e.steps);
  if (e.attention) lines.push('', `Attention: this window weighs steps ${top(e.attention.window)}; on average over all windows ${top(e.attention.average)}.`);
  if (e.saliency) lines.push('', `Gradient saliency of this window: steps ${top(e.saliency.perStep)} matter most.`);
  lines.push(...e.notes.map((n) => `Note: ${n}`), '');
  return lines.join('\n');
}

/** "0 (31%), -1 (18%), -2 (9%)": the three heaviest steps. */
function topSteps(weights: number[], steps: number[]): string {
  return weights
    .map((w, i) => ({ w, s: steps[i] }))
    .sort((a, b) => b.w - a.w)
    .slice(0, 3)
    .map((x) => `${x.s} (${fmtPct(x.w, 0)})`)
    .join(', ');
}

/** The ranked maintenance list. */
export function describeRisk(r: RiskReport): string {
  const rows = r.rows.map((row, i) => [
    String(i + 1),
    row.entity,
    String(row.score),
    row.level,
    stepsText(row.timeToFailure, '-', '-'),
    row.reliability,
    row.action,
  ]);
  return [
    `Failure risk by ${r.model.name}@${r.model.version} on ${r.datasetName} (${r.source === 'rul' ? 'predicted remaining life' : `alarm limits ${r.limits.map((l) => `${l.column} ${l.op} ${l.value}`).join(', ')}`})`,
    formatTable(['rank', 'entity', 'risk', 'level', 'steps to failure', 'data', 'recommended action'], rows, new Set([0, 2])).trimEnd(),
    ...r.notes.map((n) => `Note: ${n}`),
    '',
  ].join('\n');
}

/** Scored windows: a summary, and the last rows unless they went to a file. */
export function describePredictions(t: PredictionTable, wroteFile: boolean): string {
  const head = `Scored ${fmtInt(t.rows.length)} windows of ${t.datasetName} with ${t.model.name}@${t.model.version}: ${fmtInt(t.reliability.ok)} ok, ${fmtInt(t.reliability.caution)} caution, ${fmtInt(t.reliability.unreliable)} unreliable.`;
  if (wroteFile) return head + '\n';
  const shown = t.rows.slice(-20);
  const offset = t.rows.length - shown.length;
  const rows = shown.map((r, i) => [r.entity, fmtTimeValue(r.time, t.timeKind), ...(t.classes ? [t.classes[offset + i]] : []), ...r.values.map((v) => fmtNumber(v)), r.reliability]);
  const header = ['entity', 'time', ...(t.classes ? ['class'] : []), ...t.columns, 'reliability'];
  return [head, shown.length < t.rows.length ? `The last ${shown.length} (write them all with --out FILE.csv):` : '', formatTable(header, rows, new Set(t.columns.map((_, i) => i + 2 + (t.classes ? 1 : 0))))].join('\n');
}
