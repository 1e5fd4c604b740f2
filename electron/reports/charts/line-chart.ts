/**
 * Line and scatter charts as static SVG: series (lines, dashed lines or dots), shaded interval
 * bands, horizontal reference lines (alarm limits) and an optional y = x diagonal. Long series are
 * reduced with min-max buckets so peaks survive and the file stays small.
 */
import { minMaxDownsample } from '../../../shared/stats/downsample';
import { PALETTE, axes, esc, figure, linearScale, plotBox, type LegendItem } from './svg-frame';

/** One drawn series; null or NaN y breaks the line. */
export interface LineSeries {
  name: string;
  x: number[];
  y: (number | null)[];
  color?: string;
  style?: 'line' | 'dash' | 'dot';
  /** Left out of the legend (e.g. many backtest origins drawn alike). */
  hideLegend?: boolean;
}

/** A shaded band between lower and upper. */
export interface Band {
  name: string;
  x: number[];
  lower: number[];
  upper: number[];
  color?: string;
  hideLegend?: boolean;
}

/** What a line chart shows. */
export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  xKind?: 'number' | 'datetime';
  series: LineSeries[];
  bands?: Band[];
  /** Horizontal reference lines, such as alarm limits. */
  rules?: { y: number; label: string }[];
  /** Draw y = x (predicted against actual). */
  diagonal?: boolean;
  /** Keep zero on the y axis. */
  zero?: boolean;
  /** Only whole-number ticks on the x axis (steps, epochs). */
  integerX?: boolean;
  height?: number;
}

/** Most points kept per series. */
const MAX_POINTS = 1200;

/** Renders the chart as a <figure> with an inline SVG. */
export function lineChart(o: LineChartOptions): string {
  const box = plotBox(720, o.height ?? 260);
  const series = o.series.map((s) => (s.x.length > MAX_POINTS ? { ...s, ...minMaxDownsample(s.x, s.y.map((v) => v ?? NaN), MAX_POINTS) } : s));
  const bands = o.bands ?? [];
  const xs = [...series.flatMap((s) => s.x), ...bands.flatMap((b) => b.x)];
  const ys = [...series.flatMap((s) => s.y.filter((v): v is number => v !== null)), ...bands.flatMap((b) => [...b.lower, ...b.upper]), ...(o.rules ?? []).map((r) => r.y)];
  if (o.diagonal) ys.push(...xs);
  const x = linearScale(xs, box.left, box.right, { kind: o.xKind, integer: o.integerX });
  const y = linearScale(ys, box.bottom, box.top, { zero: o.zero, pad: 0.05 });
  const parts: string[] = [axes(box, x, y, o.xLabel, o.yLabel)];
  const legend: LegendItem[] = [];
  const colorOf = (i: number, c?: string) => c ?? PALETTE[i % PALETTE.length];

  bands.forEach((b, i) => {
    const color = b.color ?? PALETTE[(i + 1) % PALETTE.length];
    const top = b.x.map((v, k) => `${x(v).toFixed(1)},${y(b.upper[k]).toFixed(1)}`);
    const bottom = b.x.map((v, k) => `${x(v).toFixed(1)},${y(b.lower[k]).toFixed(1)}`).reverse();
    if (b.x.length > 0) parts.push(`<polygon points="${[...top, ...bottom].join(' ')}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    if (!b.hideLegend) legend.push({ name: b.name, color, shape: 'band' });
  });
  if (o.diagonal) {
    const lo = Math.max(x.min, y.min);
    const hi = Math.min(x.max, y.max);
    if (hi > lo) parts.push(`<line x1="${x(lo).toFixed(1)}" y1="${y(lo).toFixed(1)}" x2="${x(hi).toFixed(1)}" y2="${y(hi).toFixed(1)}" class="rule"/>`);
  }
  for (const r of o.rules ?? []) {
    const py = y(r.y).toFixed(1);
    parts.push(`<line x1="${box.left}" x2="${box.right}" y1="${py}" y2="${py}" class="rule"/><text x="${box.right - 4}" y="${Number(py) - 4}" class="tick" text-anchor="end">${esc(r.label)}</text>`);
  }
  series.forEach((s, i) => {
    const color = colorOf(i, s.color);
    if (s.style === 'dot') {
      const dots = s.x.map((v, k) => (s.y[k] === null || !Number.isFinite(s.y[k]!) ? '' : `<circle cx="${x(v).toFixed(1)}" cy="${y(s.y[k]!).toFixed(1)}" r="2.2"/>`)).join('');
      parts.push(`<g fill="${color}" fill-opacity="0.7">${dots}</g>`);
    } else {
      parts.push(`<path d="${pathOf(s, x, y)}" fill="none" stroke="${color}" stroke-width="${s.style === 'dash' ? 1.6 : 1.5}"${s.style === 'dash' ? ' stroke-dasharray="5 3"' : ''} stroke-linejoin="round"/>`);
    }
    if (!s.hideLegend) legend.push({ name: s.name, color, shape: s.style === 'dot' ? 'dot' : s.style === 'dash' ? 'dash' : 'line' });
  });
  return figure(box, o.title, `<g class="plot">${parts.join('')}</g>`, legend);
}

/** The SVG path of a series, broken at missing values. */
function pathOf(s: { x: number[]; y: (number | null)[] }, x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (let k = 0; k < s.x.length; k++) {
    const v = s.y[k];
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(s.x[k]).toFixed(1)} ${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}
