/**
 * Plotly traces and layouts of the evaluation report: error per horizon step against the baselines,
 * interval coverage per step, the walk-forward backtest, RUL predicted against actual, and the
 * classification confusion matrix, ROC and precision-recall curves.
 */
import type { Data, Layout } from 'plotly.js-dist-min';
import type { TimeKind } from '../../../shared/dataset';
import type { Backtest, ClassificationEvaluation, IntervalCoverage, RegressionEvaluation, RulEvaluation } from '../../../shared/evaluation/analysis-types';
import { analysisLayout, timeAxisTitle, timeValues, unitsTitle } from './analysis-chart-layout';
import { CHART_COLORS, esc } from '../common/chart-layout';

/** A chart: its traces and layout. */
export interface Chart {
  data: Data[];
  layout: Layout;
}

const MODEL = CHART_COLORS[0];
const ACTUAL = '#334155';
const BAND = 'rgba(36, 87, 214, 0.14)';

/** MAE per forecast step of the model and of each baseline (the last value solid, the others dotted). */
export function stepErrorChart(r: RegressionEvaluation): Chart {
  const steps = r.model.perHorizon.map((s) => s.step);
  const data: Data[] = [
    { type: 'scatter', mode: 'lines+markers', name: 'Model', x: steps, y: r.model.perHorizon.map((s) => s.mae), line: { color: MODEL, width: 2.5 }, marker: { size: 7 } },
    ...r.baselines.map((b, i) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name: b.label,
      x: b.perHorizon.map((s) => s.step),
      y: b.perHorizon.map((s) => s.mae),
      line: { color: CHART_COLORS[i + 1], width: b.key === 'last' ? 2 : 1.4, dash: b.key === 'last' ? 'solid' : 'dot' },
      marker: { size: 5 },
    })),
  ];
  for (const d of data) d.hovertemplate = `step %{x}: MAE %{y:.4~g}<extra>${esc(String(d.name))}</extra>`;
  const target = r.targets.length === 1 ? r.targets[0] : 'target';
  return {
    data,
    layout: analysisLayout({
      x: { title: 'Forecast step (steps ahead)', dtick: steps.length <= 24 ? 1 : undefined, rangemode: 'tozero' },
      y: { title: unitsTitle(target, 'MAE'), rangemode: 'tozero' },
      height: 300,
    }),
  };
}

/** Measured coverage per step as bars against the nominal level as a line. */
export function coverageChart(c: IntervalCoverage): Chart {
  const steps = c.perStep.map((s) => s.step);
  return {
    data: [
      {
        type: 'bar',
        name: 'Measured coverage',
        x: steps,
        y: c.perStep.map((s) => s.coverage * 100),
        marker: { color: c.perStep.map((s) => (Math.abs(s.coverage - c.nominal) <= 0.05 ? '#17a398' : '#f0a202')) },
        hovertemplate: 'step %{x}: %{y:.1f}% inside<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: `Nominal ${Math.round(c.nominal * 100)}%`,
        x: [Math.min(...steps) - 0.5, Math.max(...steps) + 0.5],
        y: [c.nominal * 100, c.nominal * 100],
        line: { color: '#d1495b', dash: 'dash', width: 2 },
        hoverinfo: 'skip',
      },
    ],
    layout: analysisLayout({
      x: { title: 'Forecast step (steps ahead)', dtick: steps.length <= 24 ? 1 : undefined },
      y: { title: 'Actual values inside the interval (%)', range: [0, 105] },
      height: 300,
      extra: { bargap: 0.35 },
    }),
  };
}

/**
 * The walk-forward backtest: the actual series, every origin's forecast path (one trace, paths split
 * by gaps) and their intervals (one filled trace of closed shapes, one per origin).
 */
export function backtestChart(b: Backtest, kind: TimeKind, timeColumn: string | null): Chart {
  const t = (v: number[]) => timeValues(v, kind);
  const pathX: (number | string | null)[] = [];
  const pathY: (number | null)[] = [];
  const bandX: (number | string | null)[] = [];
  const bandY: (number | null)[] = [];
  const origins: (number | string)[] = [];
  const originY: number[] = [];
  const actualAt = new Map(b.actual.time.map((time, i) => [time, b.actual.values[i]]));
  for (const o of b.origins) {
    // Each path starts at its origin's actual value, so it reads as "from here, the model said...".
    const start = actualAt.get(o.origin);
    const xs = start === undefined ? o.time : [o.origin, ...o.time];
    const ys = start === undefined ? o.predicted : [start, ...o.predicted];
    pathX.push(...t(xs), null);
    pathY.push(...ys, null);
    if (o.lower.every(Number.isFinite)) {
      bandX.push(...t([...o.time, ...[...o.time].reverse()]), null);
      bandY.push(...o.upper, ...[...o.lower].reverse(), null);
    }
    if (start !== undefined) {
      origins.push(t([o.origin])[0] as number | string);
      originY.push(start);
    }
  }
  const data: Data[] = [
    { type: 'scatter', mode: 'lines', name: 'Actual', x: t(b.actual.time), y: b.actual.values, line: { color: ACTUAL, width: 1.3 }, hovertemplate: '%{y:.4~g}<extra>actual</extra>' },
  ];
  if (bandX.length > 0) {
    data.push({ type: 'scatter', mode: 'lines', name: 'Interval', x: bandX, y: bandY, fill: 'toself', fillcolor: BAND, line: { width: 0 }, hoverinfo: 'skip', connectgaps: false });
  }
  data.push(
    { type: 'scatter', mode: 'lines', name: 'Forecasts', x: pathX, y: pathY, connectgaps: false, line: { color: '#e4572e', width: 1.6 }, hovertemplate: '%{y:.4~g}<extra>forecast</extra>' },
    { type: 'scatter', mode: 'markers', name: 'Forecast origins', x: origins, y: originY, marker: { color: '#e4572e', size: 4 }, hovertemplate: 'origin %{x}<extra></extra>', showlegend: false },
  );
  // Many origins: open on the latest ones, with a range slider over the whole period.
  const from = b.origins.length > BACKTEST_VIEW ? b.origins[b.origins.length - BACKTEST_VIEW].origin : null;
  const end = b.actual.time[b.actual.time.length - 1];
  const view = from === null || end === undefined ? {} : { range: t([from, end]), autorange: false, rangeslider: { visible: true, thickness: 0.1, bgcolor: '#f8fafc' } };
  return {
    data,
    layout: analysisLayout({ x: { title: timeAxisTitle(kind, timeColumn), date: kind === 'datetime', ...view }, y: { title: unitsTitle(b.target) }, height: from === null ? 380 : 440, extra: { hovermode: 'x' } }),
  };
}

/** How many of the latest backtest origins the chart opens on. */
export const BACKTEST_VIEW = 30;

/** RUL: predicted against true remaining life per window, by entity, with the diagonal of perfect predictions. */
export function rulScatterChart(r: RulEvaluation): Chart {
  const entities = [...new Set(r.points.map((p) => p.entity))];
  const byEntity = entities.length <= CHART_COLORS.length;
  const groups = byEntity ? entities.map((e) => ({ name: e, points: r.points.filter((p) => p.entity === e) })) : [{ name: 'Windows', points: r.points }];
  const hi = Math.max(1, ...r.points.flatMap((p) => [p.actual, p.predicted]));
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'Perfect prediction', x: [0, hi], y: [0, hi], line: { color: '#94a3b8', dash: 'dash', width: 1.5 }, hoverinfo: 'skip' },
      ...groups.map((g, i) => ({
        type: 'scatter',
        mode: 'markers',
        name: g.name,
        x: g.points.map((p) => p.actual),
        y: g.points.map((p) => p.predicted),
        marker: { size: 5, opacity: 0.7, color: CHART_COLORS[i % CHART_COLORS.length] },
        hovertemplate: `actual %{x:.4~g}, predicted %{y:.4~g}<extra>${esc(g.name)}</extra>`,
      })),
    ],
    layout: analysisLayout({ x: { title: 'Actual remaining life (steps)', rangemode: 'tozero' }, y: { title: 'Predicted remaining life (steps)', rangemode: 'tozero' }, height: 400 }),
  };
}

/** The confusion matrix as a heatmap: rows the true class, columns the predicted one, counts written in. */
export function confusionChart(c: ClassificationEvaluation): Chart {
  const names = c.classes.map((k) => k.name);
  const max = Math.max(1, ...c.confusion.flat());
  const annotations = c.confusion.flatMap((row, i) =>
    // By position: class names such as "1" would be read as category indexes.
    row.map((v, j) => ({ x: j, y: i, text: String(v), showarrow: false, font: { color: v > max * 0.55 ? '#ffffff' : '#0f172a', size: 13 } })),
  );
  return {
    data: [
      {
        type: 'heatmap',
        x: names.map((_, j) => j),
        y: names.map((_, i) => i),
        z: c.confusion,
        colorscale: [
          [0, '#f8fafc'],
          [1, '#2457d6'],
        ],
        showscale: false,
        customdata: c.confusion.map((row, i) => row.map((_, j) => [names[i], names[j]])),
        hovertemplate: 'true %{customdata[0]}, predicted %{customdata[1]}: %{z}<extra></extra>',
        xgap: 2,
        ygap: 2,
      },
    ],
    layout: analysisLayout({
      x: { title: 'Predicted class', tickvals: names.map((_, j) => j), ticktext: names.map(esc), showgrid: false },
      y: { title: 'True class', tickvals: names.map((_, i) => i), ticktext: names.map(esc), autorange: 'reversed', showgrid: false },
      height: Math.max(280, 120 + names.length * 44),
      legend: false,
      extra: { annotations },
    }),
  };
}

/** One-vs-rest ROC curves with their AUCs, and the chance diagonal. */
export function rocChart(c: ClassificationEvaluation): Chart {
  return curveChart(
    c.roc.map((r) => ({ name: r.className, x: r.fpr, y: r.tpr, auc: r.auc })),
    { x: 'False positive rate', y: 'True positive rate', chance: { x: [0, 1], y: [0, 1], name: 'Chance' }, aucName: 'AUC' },
  );
}

/** One-vs-rest precision-recall curves with their average precision. */
export function prChart(c: ClassificationEvaluation): Chart {
  return curveChart(
    c.pr.map((r) => ({ name: r.className, x: r.recall, y: r.precision, auc: r.auc })),
    { x: 'Recall', y: 'Precision', aucName: 'AP' },
  );
}

/** Curves on the unit square, named with their area. */
function curveChart(
  curves: { name: string; x: number[]; y: number[]; auc: number | null }[],
  opts: { x: string; y: string; chance?: { x: number[]; y: number[]; name: string }; aucName: string },
): Chart {
  const data: Data[] = curves.map((c, i) => ({
    type: 'scatter',
    mode: 'lines',
    name: `${c.name} (${opts.aucName} ${c.auc === null ? '—' : c.auc.toFixed(3)})`,
    x: c.x,
    y: c.y,
    line: { color: CHART_COLORS[i % CHART_COLORS.length], width: 2, shape: 'linear' },
    hovertemplate: `${esc(opts.x)} %{x:.3f}, ${esc(opts.y)} %{y:.3f}<extra>${esc(c.name)}</extra>`,
  }));
  if (opts.chance) data.push({ type: 'scatter', mode: 'lines', name: opts.chance.name, x: opts.chance.x, y: opts.chance.y, line: { color: '#94a3b8', dash: 'dash', width: 1.2 }, hoverinfo: 'skip' });
  return {
    data,
    layout: analysisLayout({ x: { title: `${opts.x} (0-1)`, range: [-0.02, 1.02] }, y: { title: `${opts.y} (0-1)`, range: [-0.02, 1.05] }, height: 340 }),
  };
}
