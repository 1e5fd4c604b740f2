/**
 * Bar charts as static SVG: grouped bars per category (the model against its baselines, attention
 * per step), optionally horizontal for long names (feature importance), with error bars.
 */
import { PALETTE, axes, esc, figure, linearScale, plotBox, type LegendItem } from './svg-frame';

/** One group member drawn in every category. */
export interface BarSeries {
  name: string;
  values: number[];
  /** Error bar ends, per category. */
  low?: number[];
  high?: number[];
  color?: string;
}

/** What a bar chart shows. */
export interface BarChartOptions {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** The category axis and value axis titles. */
  categoryLabel: string;
  valueLabel: string;
  /** Bars grow to the right, names on the left (for long names). */
  horizontal?: boolean;
  /** Show every n-th category label only (dense step axes). */
  labelEvery?: number;
}

/** Renders the chart as a <figure> with an inline SVG. */
export function barChart(o: BarChartOptions): string {
  return o.horizontal ? horizontalBars(o) : verticalBars(o);
}

function valuesOf(o: BarChartOptions): number[] {
  return o.series.flatMap((s) => [...s.values, ...(s.low ?? []), ...(s.high ?? [])]).filter(Number.isFinite);
}

function legendOf(o: BarChartOptions): LegendItem[] {
  return o.series.length > 1 ? o.series.map((s, i) => ({ name: s.name, color: s.color ?? PALETTE[i % PALETTE.length], shape: 'bar' as const })) : [];
}

function verticalBars(o: BarChartOptions): string {
  const box = plotBox(720, 250);
  const n = Math.max(1, o.categories.length);
  const band = (box.right - box.left) / n;
  const y = linearScale(valuesOf(o), box.bottom, box.top, { zero: true, pad: 0.08 });
  const every = o.labelEvery ?? Math.max(1, Math.ceil(n / 16));
  const centre = (i: number) => box.left + band * (i + 0.5);
  const xScale = Object.assign((i: number) => centre(i), { min: 0, max: n, ticks: [], label: String });
  const ticks = o.categories.map((c, i) => ({ at: i, label: c })).filter((_, i) => i % every === 0);
  const parts = [axes(box, xScale, y, o.categoryLabel, o.valueLabel, ticks)];
  const width = (band * 0.8) / o.series.length;
  o.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const bars = s.values.map((v, i) => {
      if (!Number.isFinite(v)) return '';
      const x0 = box.left + band * i + band * 0.1 + width * k;
      const top = Math.min(y(v), y(0));
      return `<rect x="${x0.toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(0.5, width - 1).toFixed(1)}" height="${Math.abs(y(v) - y(0)).toFixed(1)}"/>` + errorBar(s, i, x0 + width / 2, y, false);
    });
    parts.push(`<g fill="${color}" stroke="${color}">${bars.join('')}</g>`);
  });
  return figure(box, o.title, parts.join(''), legendOf(o));
}

function horizontalBars(o: BarChartOptions): string {
  const n = Math.max(1, o.categories.length);
  const rowHeight = 22;
  const longest = Math.max(...o.categories.map((c) => c.length), 4);
  const box = { ...plotBox(720, 60 + n * rowHeight), left: Math.min(260, 20 + longest * 6.5) };
  const x = linearScale(valuesOf(o), box.left, box.right, { zero: true, pad: 0.08 });
  const yScale = Object.assign((i: number) => box.top + rowHeight * (i + 0.5), { min: 0, max: n, ticks: [], label: String });
  const parts = [axes(box, x, yScale, o.valueLabel, '')];
  o.categories.forEach((c, i) => parts.push(`<text x="${box.left - 6}" y="${yScale(i).toFixed(1)}" class="tick" text-anchor="end" dominant-baseline="middle">${esc(c)}</text>`));
  const height = (rowHeight * 0.7) / o.series.length;
  o.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const bars = s.values.map((v, i) => {
      if (!Number.isFinite(v)) return '';
      const y0 = box.top + rowHeight * i + rowHeight * 0.15 + height * k;
      const left = Math.min(x(v), x(0));
      return `<rect x="${left.toFixed(1)}" y="${y0.toFixed(1)}" width="${Math.abs(x(v) - x(0)).toFixed(1)}" height="${Math.max(0.5, height - 1).toFixed(1)}"/>` + errorBar(s, i, y0 + height / 2, x, true);
    });
    parts.push(`<g fill="${color}" stroke="${color}">${bars.join('')}</g>`);
  });
  return figure(box, o.title, parts.join(''), legendOf(o));
}

/** The error bar of category i at `across` (the bar's centre line), along the value scale. */
function errorBar(s: BarSeries, i: number, across: number, scale: (v: number) => number, horizontal: boolean): string {
  const lo = s.low?.[i];
  const hi = s.high?.[i];
  if (lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) return '';
  const a = scale(lo).toFixed(1);
  const b = scale(hi).toFixed(1);
  const c = across.toFixed(1);
  const cap = (at: string) => (horizontal ? `M${at} ${across - 3}V${across + 3}` : `M${across - 3} ${at}H${across + 3}`);
  const line = horizontal ? `M${a} ${c}H${b}` : `M${c} ${a}V${b}`;
  return `<path d="${line}${cap(a)}${cap(b)}" stroke="#111827" stroke-width="1" fill="none"/>`;
}
