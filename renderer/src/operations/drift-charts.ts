/** Plotly traces and layout of a drift check: each feature's test statistic against its threshold. */
import type { Data } from 'plotly.js-dist-min';
import type { DriftTest, FeatureDrift } from '../../../shared/drift/types';
import { analysisLayout } from '../analysis/analysis-chart-layout';
import { esc } from '../common/chart-layout';
import type { Chart } from '../analysis/evaluation-charts';
import { fmtNumber } from '../common/format';

const DRIFTED = '#d1495b';
const STABLE = '#17a398';
/** p-values below this are shown as "< 1e-16" (and drawn at 16 on the −log10 axis): doubles carry no more. */
const P_FLOOR = 1e-16;

/** What a test's statistic is (long and short), and which side of the threshold drifts. */
export function testLabel(test: DriftTest): { statistic: string; short: string; rule: (threshold: number) => string } {
  return test === 'ks'
    ? { statistic: 'KS p-value', short: 'KS p-value', rule: (t) => `drift if p < ${t}` }
    : { statistic: 'Wasserstein distance / training std', short: 'Wasserstein / std', rule: (t) => `drift if ≥ ${t}` };
}

/** A feature's statistic as text: p-values too small to tell apart read "< 1e-16". */
export function fmtStatistic(f: Pick<FeatureDrift, 'test' | 'statistic' | 'untested'>): string {
  if (f.untested !== undefined) return 'not tested';
  return f.test === 'ks' && f.statistic < P_FLOOR ? `< ${P_FLOOR}` : fmtNumber(f.statistic);
}

/**
 * Bars of every feature decided by `test` (red when drifted) with the threshold as a dashed line,
 * drawn so that a taller bar is more drift: the normalised Wasserstein distance as it is, a KS
 * p-value as −log10 p (p < 0.05 is above 1.3).
 */
export function driftStatisticChart(features: FeatureDrift[], test: DriftTest): Chart {
  const shown = features.filter((f) => f.test === test && f.untested === undefined);
  const names = shown.map((f) => f.name);
  const threshold = shown[0]?.threshold ?? 0;
  const ks = test === 'ks';
  const height = (v: number) => (ks ? -Math.log10(Math.max(v, P_FLOOR)) : v);
  const label = testLabel(test);
  const data: Data[] = [
    {
      type: 'bar',
      name: ks ? '−log10 of the KS p-value' : label.statistic,
      x: names,
      y: shown.map((f) => height(f.statistic)),
      marker: { color: shown.map((f) => (f.drifted ? DRIFTED : STABLE)) },
      customdata: shown.map((f) => `${fmtStatistic(f)}, ${f.drifted ? 'drifted' : 'no drift'}`),
      hovertemplate: `%{x}: ${label.short} %{customdata}<extra></extra>`,
    },
  ];
  return {
    data,
    layout: analysisLayout({
      x: { title: 'Feature', type: 'category' },
      legend: false,
      y: { title: ks ? '−log10 p-value (higher: more drift)' : `${label.short} (higher: more drift)`, rangemode: 'tozero' },
      height: 300,
      extra: {
        // A few features would make very wide bars.
        bargap: names.length <= 2 ? 0.8 : names.length <= 5 ? 0.6 : 0.4,
        // The threshold spans the plot whatever the number of features.
        shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: height(threshold), y1: height(threshold), line: { color: '#334155', dash: 'dash', width: 2 } }],
        annotations: [
          { xref: 'paper', x: 1, xanchor: 'right', y: height(threshold), yanchor: 'bottom', text: esc(`threshold: ${label.rule(threshold)}`), showarrow: false, font: { size: 11, color: '#334155' } },
        ],
      },
    }),
  };
}

/** Names the bins between the training deciles: "< 61.2", "61.2 – 65.0", ..., "≥ 80.1". */
function binLabels(edges: number[]): string[] {
  if (edges.length === 0) return ['all values'];
  return [`< ${fmtNumber(edges[0])}`, ...edges.slice(1).map((e, i) => `${fmtNumber(edges[i])} – ${fmtNumber(e)}`), `≥ ${fmtNumber(edges[edges.length - 1])}`];
}

/**
 * The training and the new distribution of one feature over its training deciles, as grouped bars
 * of the share of values per bin: about 10% each for training; drift piles the new values up elsewhere.
 */
export function driftBinsChart(f: FeatureDrift & { bins: NonNullable<FeatureDrift['bins']> }): Chart {
  const labels = binLabels(f.bins.edges);
  const bar = (name: string, shares: number[], color: string): Data => ({
    type: 'bar',
    name,
    x: labels,
    y: shares.map((v) => v * 100),
    marker: { color },
    hovertemplate: `%{x}: %{y:.1f}% of the ${esc(name.toLowerCase())}<extra></extra>`,
  });
  return {
    data: [bar('Training values', f.bins.reference, '#94a3b8'), bar('New values', f.bins.current, f.drifted ? DRIFTED : STABLE)],
    layout: analysisLayout({
      x: { title: `${f.name}: bins between the training deciles`, type: 'category', tickangle: -30 },
      y: { title: 'Share of values (%)', rangemode: 'tozero' },
      height: 320,
      extra: { barmode: 'group', bargap: 0.25 },
    }),
  };
}
