/** Builds Plotly traces and layout for series charts: overlaid on one axis or stacked one panel per column. */
import type { Data, Layout } from 'plotly.js-dist-min';
import type { SeriesResult } from '../../../shared/dataset';
import { msToPlotlyDate } from './format';

/** Line colours, in trace order. */
export const CHART_COLORS = ['#2457d6', '#e4572e', '#17a398', '#f0a202', '#7b4fc9', '#d1495b', '#3a86ff', '#5c946e', '#a05195', '#666666'];
/** Font, grid and axis-line colours shared by every chart. */
export const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, Helvetica, Arial, sans-serif';
export const GRID = '#eef2f7';
export const LINE = '#cbd5e1';
const PANEL_GAP = 0.06;

/** The look every chart shares: font, transparent paper on a white plot, hover labels. */
export const CHART_BASE: Layout = {
  autosize: true,
  font: { family: FONT, size: 12, color: '#334155' },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: '#ffffff',
  hoverlabel: { bgcolor: '#ffffff', bordercolor: LINE, font: { family: FONT, size: 12 } },
};

/** A horizontal legend above the plot, left-aligned. */
export const LEGEND_TOP = { orientation: 'h', x: 0, xanchor: 'left', y: 1.0, yanchor: 'bottom', bgcolor: 'rgba(0,0,0,0)' } as const;

/** Height in pixels of a chart with `panels` stacked panels (one panel for overlay). */
export function chartHeight(panels: number): number {
  return panels <= 1 ? 380 : Math.max(380, 60 + panels * 130);
}

/** Escapes text for Plotly's HTML-like labels. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plotly traces for a series result; in stacked mode each trace gets its own y axis. */
export function buildTraces(result: SeriesResult, stacked: boolean): Data[] {
  const datetime = result.xKind === 'datetime';
  return result.traces.map((t, i) => ({
    type: 'scatter',
    mode: 'lines',
    name: t.column,
    x: datetime ? t.x.map(msToPlotlyDate) : t.x,
    y: t.y,
    yaxis: stacked && i > 0 ? `y${i + 1}` : 'y',
    connectgaps: false,
    line: { width: 1.4, color: CHART_COLORS[i % CHART_COLORS.length] },
    hovertemplate: `%{y:.5~g}<extra>${esc(t.column)}</extra>`,
  }));
}

/** The Plotly layout: axes, titles, legend or panel labels; `uirevision` keeps the user's zoom across updates. */
export function buildLayout(opts: {
  result: SeriesResult;
  stacked: boolean;
  xTitle: string;
  /** Keeps the user's x zoom while it is unchanged. */
  uirevision: string;
  /** Changes whenever new detail for a zoomed range arrives, so the y axes refit to the data in view. */
  yRevision: string;
}): Layout {
  const { result, xTitle, uirevision, yRevision } = opts;
  const n = result.traces.length;
  const stacked = opts.stacked && n > 1;
  const datetime = result.xKind === 'datetime';
  const axisBase = { gridcolor: GRID, linecolor: LINE, zeroline: false, automargin: true };
  const yBase = { ...axisBase, autorange: true, uirevision: yRevision };
  const layout: Layout = {
    ...CHART_BASE,
    uirevision,
    height: chartHeight(stacked ? n : 1),
    margin: { l: 64, r: 24, t: stacked ? 20 : 8, b: 56 },
    hovermode: 'x unified',
    hoversubplots: 'axis',
    showlegend: !stacked,
    legend: LEGEND_TOP,
    xaxis: {
      ...axisBase,
      type: datetime ? 'date' : 'linear',
      title: { text: esc(xTitle), standoff: 8 },
      anchor: stacked ? `y${n}` : 'y',
      showspikes: true,
      spikemode: 'across',
      spikethickness: 1,
      spikecolor: '#94a3b8',
      spikedash: 'dot',
      spikesnap: 'cursor',
    },
  };
  if (!stacked) {
    layout.yaxis = { ...yBase, title: { text: esc(n === 1 ? result.traces[0].column : 'Value'), standoff: 8 } };
    return layout;
  }
  // Panels from top (first column) to bottom (last column), all sharing the x axis.
  const h = (1 - PANEL_GAP * (n - 1)) / n;
  const annotations: Record<string, unknown>[] = [];
  result.traces.forEach((t, i) => {
    const top = 1 - i * (h + PANEL_GAP);
    const key = i === 0 ? 'yaxis' : `yaxis${i + 1}`;
    layout[key] = { ...yBase, domain: [Math.max(0, top - h), top], anchor: 'x', nticks: 4 };
    annotations.push({
      text: `<b>${esc(t.column)}</b>`,
      xref: 'paper',
      yref: 'paper',
      x: 0,
      y: top,
      xanchor: 'left',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 12, color: CHART_COLORS[i % CHART_COLORS.length] },
    });
  });
  layout.annotations = annotations;
  return layout;
}

/** The parts of a train/validation/test split, in time order. */
export const SPLIT_PARTS = ['train', 'validation', 'test'] as const;
export type SplitPart = (typeof SPLIT_PARTS)[number];

/** Background colours of the split regions (faint, so the line stays readable) and their legend swatches. */
export const SPLIT_COLORS: Record<SplitPart, { fill: string; swatch: string }> = {
  train: { fill: 'rgba(36, 87, 214, 0.07)', swatch: '#9fb5ea' },
  validation: { fill: 'rgba(240, 162, 2, 0.16)', swatch: '#f5c96b' },
  test: { fill: 'rgba(209, 73, 91, 0.13)', swatch: '#e79aa4' },
};

/**
 * Shaded background rectangles for a chronological split of one entity: train from the series start
 * to `validationStart`, validation to `testStart`, test to the end. Boundaries are epoch ms for
 * datetime axes (converted like the traces) or steps/rows; a missing boundary drops its region.
 */
export function splitShapes(
  bounds: { validationStart: number | null; testStart: number | null },
  start: number,
  end: number,
  datetime: boolean,
): Record<string, unknown>[] {
  const { validationStart, testStart } = bounds;
  const trainEnd = validationStart ?? testStart ?? end;
  const ranges: [SplitPart, number, number][] = [['train', start, trainEnd]];
  if (validationStart !== null) ranges.push(['validation', validationStart, testStart ?? end]);
  if (testStart !== null) ranges.push(['test', testStart, end]);
  const x = (v: number) => (datetime ? msToPlotlyDate(v) : v);
  return ranges
    .filter(([, a, b]) => b > a)
    .map(([part, a, b]) => ({
      type: 'rect',
      xref: 'x',
      yref: 'paper',
      x0: x(a),
      x1: x(b),
      y0: 0,
      y1: 1,
      layer: 'below',
      line: { width: 0 },
      fillcolor: SPLIT_COLORS[part].fill,
      name: part,
    }));
}
