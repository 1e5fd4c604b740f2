/**
 * Plotly charts of an explanation: attention weights per input step (the chosen window as bars, the
 * average over the windows as a line), gradient saliency per step and per feature, and permutation
 * importance with its interval as error bars.
 */
import type { Data } from 'plotly.js-dist-min';
import type { Explanation } from '../../../shared/evaluation/analysis-types';
import { analysisLayout } from './analysis-chart-layout';
import { CHART_COLORS } from '../common/chart-layout';
import type { Chart } from './evaluation-charts';

const STEP_AXIS = { title: 'Input step (0 = the last step before the prediction)', zeroline: false };

/** Attention of the chosen window (bars) against the average profile (line). */
export function attentionChart(e: Explanation): Chart | null {
  if (!e.attention) return null;
  const data: Data[] = [
    { type: 'bar', name: 'This window', x: e.steps, y: e.attention.window, marker: { color: CHART_COLORS[0] }, hovertemplate: 'step %{x}: %{y:.3f}<extra>this window</extra>' },
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: `Average over ${e.windows.toLocaleString('en-US')} windows`,
      x: e.steps,
      y: e.attention.average,
      line: { color: CHART_COLORS[1], width: 2 },
      marker: { size: 4 },
      hovertemplate: 'step %{x}: %{y:.3f}<extra>average</extra>',
    },
  ];
  return { data, layout: analysisLayout({ x: STEP_AXIS, y: { title: 'Attention weight (share)', rangemode: 'tozero' }, height: 320, extra: { bargap: 0.2 } }) };
}

/** Gradient saliency of the chosen window per input step. */
export function saliencyStepChart(e: Explanation): Chart | null {
  if (!e.saliency) return null;
  return {
    data: [{ type: 'bar', name: 'Saliency', x: e.steps, y: e.saliency.perStep, marker: { color: '#17a398' }, hovertemplate: 'step %{x}: %{y:.3f}<extra></extra>' }],
    layout: analysisLayout({ x: STEP_AXIS, y: { title: 'Gradient saliency (share)', rangemode: 'tozero' }, height: 300, legend: false, extra: { bargap: 0.2 } }),
  };
}

/** Gradient saliency of the chosen window per input feature, largest at the top. */
export function saliencyFeatureChart(e: Explanation): Chart | null {
  if (!e.saliency || e.saliency.perFeature.length < 2) return null;
  const rows = e.model.featureNames.map((name, i) => ({ name, v: e.saliency!.perFeature[i] ?? 0 })).sort((a, b) => a.v - b.v);
  return {
    data: [{ type: 'bar', orientation: 'h', name: 'Saliency', x: rows.map((r) => r.v), y: rows.map((r) => r.name), marker: { color: '#17a398' }, hovertemplate: '%{y}: %{x:.3f}<extra></extra>' }],
    layout: analysisLayout({ x: { title: 'Gradient saliency (share)', rangemode: 'tozero' }, y: { title: 'Input feature', type: 'category' }, height: Math.max(220, 80 + rows.length * 26), legend: false }),
  };
}

/** Permutation importance: mean increase of the error when a feature is shuffled, with its ~95% interval. */
export function importanceChart(e: Explanation): Chart | null {
  const f = e.importance.features;
  if (f.length === 0) return null;
  const rows = [...f].sort((a, b) => a.mean - b.mean);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: 'Importance',
        x: rows.map((r) => r.mean),
        y: rows.map((r) => r.feature),
        marker: { color: rows.map((r) => (r.low > 0 ? CHART_COLORS[0] : '#9fb5ea')) },
        error_x: { type: 'data', symmetric: false, array: rows.map((r) => r.high - r.mean), arrayminus: rows.map((r) => r.mean - r.low), color: '#334155', thickness: 1.4, width: 5 },
        customdata: rows.map((r) => [r.low, r.high]),
        hovertemplate: '%{y}: +%{x:.4~g} (interval %{customdata[0]:.4~g} to %{customdata[1]:.4~g})<extra></extra>',
      },
    ],
    layout: analysisLayout({
      x: { title: `Increase of the ${e.importance.metric} when the feature is shuffled`, zeroline: true, zerolinecolor: '#94a3b8' },
      y: { title: 'Input feature', type: 'category' },
      height: Math.max(220, 80 + rows.length * 30),
      legend: false,
    }),
  };
}
