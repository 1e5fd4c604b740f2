/**
 * The validation section of a model report: the numbers of `evaluation:run` (so the same as
 * `lstm-studio evaluate --json`) against the baselines, error per step, interval coverage, the
 * walk-forward backtest, predicted against actual RUL, or the per-class results of a classifier.
 */
import type { Backtest, EvaluationReport } from '../../../shared/evaluation/analysis-types';
import { fmtCount, fmtPct } from '../../../shared/format';
import { evaluationTables } from '../../../shared/reports/analysis-tables';
import { barChart } from '../charts/bar-chart';
import { lineChart, type Band, type LineSeries } from '../charts/line-chart';
import { PALETTE } from '../charts/svg-frame';
import { notesHtml, para } from './document';
import { section, timeAxisTitle, type BuiltSection, type Part } from './section';

/** Backtest origins drawn (the latest ones), so the chart stays readable. */
const BACKTEST_ORIGINS = 12;

/** The section "Metrics against the baselines". */
export function evaluationSection(r: EvaluationReport, timeColumn: string | null): BuiltSection {
  const tables = new Map(evaluationTables(r).map((t) => [t.id, t]));
  const d = r.data;
  const parts: Part[] = [
    para(
      `${d.split === 'test' ? 'On the held-out test split of the training data' : `On every labelled window of ${d.datasetName}`}: ` +
        `${fmtCount(d.windows)} windows of ${fmtCount(d.entities)} ${d.entities === 1 ? 'entity' : 'entities'}, scored in ${(r.durationMs / 1000).toFixed(1)} s on ${r.backend}.`,
    ),
  ];
  if (r.regression) {
    const reg = r.regression;
    parts.push(tables.get('metrics'));
    parts.push(
      barChart({
        title: 'MAE of the model and each baseline (lower is better)',
        categories: ['model', ...reg.baselines.map((b) => b.label.toLowerCase())],
        series: [{ name: 'MAE', values: [reg.model.mae, ...reg.baselines.map((b) => b.mae)] }],
        categoryLabel: 'forecaster',
        valueLabel: `MAE (${r.model.targetNames.join(', ')})`,
      }),
    );
    if (reg.horizon > 1) {
      const steps = reg.model.perHorizon.map((s) => s.step);
      const series: LineSeries[] = [{ name: 'model', x: steps, y: reg.model.perHorizon.map((s) => s.mae) }, ...reg.baselines.map((b) => ({ name: b.label.toLowerCase(), x: steps, y: b.perHorizon.map((s) => s.mae), style: 'dash' as const }))];
      parts.push(lineChart({ title: 'Error per forecast step', xLabel: 'step ahead', yLabel: 'MAE', series, zero: true, integerX: true, height: 220 }), tables.get('per-step'));
    }
  }
  if (r.rul) {
    parts.push(tables.get('metrics'));
    const pts = r.rul.points;
    parts.push(
      lineChart({
        title: 'Predicted against true remaining life (test windows)',
        xLabel: 'true RUL (steps)',
        yLabel: 'predicted RUL (steps)',
        series: [{ name: 'window', x: pts.map((p) => p.actual), y: pts.map((p) => p.predicted), style: 'dot' }],
        diagonal: true,
      }),
    );
  }
  if (r.classification) {
    const c = r.classification;
    parts.push(tables.get('metrics'), para(`Mean confidence ${fmtPct(c.meanConfidence)}, mean normalised entropy ${fmtPct(c.meanUncertainty)}.`, 'muted'), tables.get('classes'), tables.get('confusion'));
  }
  if (r.intervals) {
    const iv = r.intervals;
    parts.push(para(`Intervals: ${iv.method}, calibrated on ${fmtCount(iv.calibrationWindows)} windows: nominal ${fmtPct(iv.nominal, 0)}, measured ${fmtPct(iv.measured)} on these windows.`));
    parts.push(tables.get('coverage'));
  }
  if (r.backtest && r.backtest.origins.length > 0) parts.push(backtestChart(r.backtest, r, timeColumn));
  parts.push(para(`Reliability of the input windows: ${fmtCount(r.reliability.ok)} ok, ${fmtCount(r.reliability.caution)} caution, ${fmtCount(r.reliability.unreliable)} unreliable.`, 'muted'));
  parts.push(notesHtml(r.notes));
  return section('metrics', 'Metrics against the baselines', parts);
}

/** The latest backtest origins: actual values, each origin's forecast and its band. */
function backtestChart(b: Backtest, r: EvaluationReport, timeColumn: string | null): string {
  const origins = b.origins.slice(-BACKTEST_ORIGINS);
  const from = origins[0].origin;
  const keep = b.actual.time.map((_t, i) => i).filter((i) => b.actual.time[i] >= from - (origins[0].time[0] - from) * 4);
  const series: LineSeries[] = [{ name: 'actual', x: keep.map((i) => b.actual.time[i]), y: keep.map((i) => b.actual.values[i]), color: '#111827' }];
  const bands: Band[] = [];
  origins.forEach((o, k) => {
    series.push({ name: 'forecast from each origin', x: o.time, y: o.predicted, color: PALETTE[0], style: 'dash', hideLegend: k > 0 });
    bands.push({ name: 'interval', x: o.time, lower: o.lower, upper: o.upper, color: PALETTE[0], hideLegend: k > 0 });
  });
  return lineChart({
    title: `Walk-forward backtest of ${b.target} for ${b.entity}: the last ${origins.length} origins, every ${b.stride} steps`,
    xLabel: timeAxisTitle(r.data.timeKind, timeColumn),
    yLabel: b.target,
    xKind: r.data.timeKind === 'datetime' ? 'datetime' : 'number',
    series,
    bands,
  });
}
