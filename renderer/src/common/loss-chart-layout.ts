/** Plotly traces and layout of loss curves (loss per epoch, validation loss, running batch loss). */
import type { Data, Layout } from 'plotly.js-dist-min';
import { CHART_BASE, CHART_COLORS, GRID, LEGEND_TOP, LINE, esc } from './chart-layout';

/** One curve of a loss chart. */
export interface LossCurve {
  name: string;
  x: number[];
  y: (number | null)[];
  color: string;
  /** 'dash' for validation loss, 'dot' for the running batch loss. */
  dash?: 'solid' | 'dash' | 'dot';
  /** Draw a marker on each point (epoch curves). */
  markers?: boolean;
  /** A faint line behind the others (batch loss). */
  faint?: boolean;
  /** Curves of one run share a legend group and toggle together. */
  group?: string;
}

/** The colour of the i-th run in a comparison. */
export function runColor(i: number): string {
  return CHART_COLORS[i % CHART_COLORS.length];
}

/** Plotly traces for loss curves (SVG scatter: the CSP forbids the eval that WebGL traces need). */
export function buildLossTraces(curves: LossCurve[]): Data[] {
  return curves.map((c) => ({
    type: 'scatter',
    mode: c.markers ? 'lines+markers' : 'lines',
    name: c.name,
    x: c.x,
    y: c.y,
    connectgaps: true,
    legendgroup: c.group,
    opacity: c.faint ? 0.45 : 1,
    line: { width: c.faint ? 1 : 2, color: c.color, dash: c.dash ?? 'solid', shape: 'linear' },
    marker: { size: 6, color: c.color },
    hovertemplate: `%{y:.5~g}<extra>${esc(c.name)}</extra>`,
  }));
}

/**
 * The x range of a loss chart: the planned epochs of a live run (`maxEpoch`, from 0 so the batch loss
 * fits), else the recorded epochs with a little padding.
 */
function xRange(curves: LossCurve[], maxEpoch: number | null): [number, number] | null {
  if (maxEpoch !== null) return [0, Math.max(1, maxEpoch)];
  const xs = curves.flatMap((c) => c.x);
  if (xs.length === 0) return null;
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = Math.max(0.15, (hi - lo) * 0.03);
  return [lo - pad, hi + pad];
}

/** The layout of a loss chart: epochs across (whole-number ticks), loss up (log scale when asked), legend on top. */
export function buildLossLayout(opts: { curves: LossCurve[]; height: number; log: boolean; uirevision: string; maxEpoch: number | null }): Layout {
  const axis = { gridcolor: GRID, linecolor: LINE, zeroline: false, automargin: true };
  const range = xRange(opts.curves, opts.maxEpoch);
  const span = range ? range[1] - range[0] : 0;
  return {
    ...CHART_BASE,
    uirevision: opts.uirevision,
    height: opts.height,
    margin: { l: 64, r: 20, t: 8, b: 48 },
    hovermode: 'x unified',
    showlegend: true,
    legend: LEGEND_TOP,
    xaxis: {
      ...axis,
      title: { text: 'Epoch', standoff: 8 },
      ...(range ? { range, autorange: false } : {}),
      ...(span <= 12 ? { tick0: 0, dtick: 1 } : { tickformat: 'd' }),
      hoverformat: '.3~f',
    },
    yaxis: { ...axis, title: { text: opts.log ? 'Loss (log)' : 'Loss', standoff: 8 }, type: opts.log ? 'log' : 'linear', autorange: true },
  };
}
