/**
 * What every report chart shares: linear scales with round tick values (calendar ticks for dates),
 * the plot frame with its gridlines, axis titles and legend, and SVG text escaping. Charts are
 * static inline SVG, so a report needs no scripts or network to show them and prints sharp.
 */
import { fmtDateTime, fmtNumber } from '../../../shared/format';

/** Escapes text for SVG and HTML. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Colours that stay apart on screen and in grey print. */
export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563', '#ca8a04'];

/** The drawing area inside the margins. */
export interface PlotBox {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Maps data values onto pixels. */
export interface Scale {
  (v: number): number;
  min: number;
  max: number;
  ticks: number[];
  label(v: number): string;
}

/** Round tick values (1, 2, 5 x 10^k) covering min..max, about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [];
  if (max - min < 1e-12 * Math.max(1, Math.abs(max))) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_STEPS = [60_000, 5 * 60_000, 15 * 60_000, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY];

/** Calendar ticks (whole minutes, hours, days, weeks...) for an epoch-ms range, in UTC. */
export function timeTicks(min: number, max: number, count = 5): number[] {
  const raw = (max - min) / count;
  const step = TIME_STEPS.find((s) => s >= raw) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) out.push(v);
  return out.length > 0 ? out : [min];
}

/** A scale of [min, max] (padded when flat) onto [from, to] pixels. */
export function linearScale(values: number[], from: number, to: number, options: { kind?: 'number' | 'datetime'; zero?: boolean; pad?: number; integer?: boolean } = {}): Scale {
  const finite = values.filter(Number.isFinite);
  let min = finite.length ? Math.min(...finite) : 0;
  let max = finite.length ? Math.max(...finite) : 1;
  if (options.zero) {
    min = Math.min(0, min);
    max = Math.max(0, max);
  }
  if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
    const d = Math.abs(max) > 0 ? Math.abs(max) * 0.05 : 1;
    min -= d;
    max += d;
  } else if (options.pad) {
    const d = (max - min) * options.pad;
    if (!(options.zero && min === 0)) min -= d;
    max += d;
  }
  const datetime = options.kind === 'datetime';
  const scale = ((v: number) => from + ((v - min) / (max - min)) * (to - from)) as Scale;
  scale.min = min;
  scale.max = max;
  scale.ticks = datetime ? timeTicks(min, max) : niceTicks(min, max).filter((t) => !options.integer || Number.isInteger(t));
  const dateOnly = datetime && scale.ticks.every((t) => t % DAY === 0);
  scale.label = datetime ? (v) => (dateOnly ? fmtDateTime(v).slice(0, 10) : fmtDateTime(v)) : (v) => fmtNumber(v);
  return scale;
}

/** The default chart size (the SVG scales to the page width). */
export function plotBox(width = 720, height = 260): PlotBox {
  return { width, height, left: 64, top: 14, right: width - 16, bottom: height - 44 };
}

/** Gridlines, tick labels and axis titles of a plot. */
export function axes(box: PlotBox, x: Scale, y: Scale, xLabel: string, yLabel: string, xTicks: { at: number; label: string }[] = x.ticks.map((t) => ({ at: t, label: x.label(t) }))): string {
  const parts: string[] = [];
  for (const t of y.ticks) {
    const py = y(t).toFixed(1);
    parts.push(`<line x1="${box.left}" x2="${box.right}" y1="${py}" y2="${py}" class="grid"/>`);
    parts.push(`<text x="${box.left - 6}" y="${py}" class="tick" text-anchor="end" dominant-baseline="middle">${esc(y.label(t))}</text>`);
  }
  for (const t of xTicks) {
    const px = x(t.at).toFixed(1);
    parts.push(`<line x1="${px}" x2="${px}" y1="${box.bottom}" y2="${box.bottom + 4}" class="axis"/>`);
    parts.push(`<text x="${px}" y="${box.bottom + 16}" class="tick" text-anchor="middle">${esc(t.label)}</text>`);
  }
  parts.push(`<line x1="${box.left}" x2="${box.right}" y1="${box.bottom}" y2="${box.bottom}" class="axis"/>`);
  parts.push(`<line x1="${box.left}" x2="${box.left}" y1="${box.top}" y2="${box.bottom}" class="axis"/>`);
  parts.push(`<text x="${(box.left + box.right) / 2}" y="${box.height - 6}" class="axis-title" text-anchor="middle">${esc(xLabel)}</text>`);
  const cy = (box.top + box.bottom) / 2;
  parts.push(`<text x="14" y="${cy}" class="axis-title" text-anchor="middle" transform="rotate(-90 14 ${cy})">${esc(yLabel)}</text>`);
  return parts.join('');
}

/** One legend entry: a colour and how it is drawn. */
export interface LegendItem {
  name: string;
  color: string;
  shape: 'line' | 'dash' | 'band' | 'dot' | 'bar';
}

/** Wraps plot parts in an SVG with a title and an HTML legend below it. */
export function figure(box: PlotBox, title: string, body: string, legend: LegendItem[]): string {
  const items = legend
    .map((l) => `<span class="legend-item"><span class="swatch swatch-${l.shape}" style="--c:${l.color}"></span>${esc(l.name)}</span>`)
    .join('');
  return (
    `<figure class="chart"><figcaption>${esc(title)}</figcaption>` +
    `<svg viewBox="0 0 ${box.width} ${box.height}" width="${box.width}" height="${box.height}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">${body}</svg>` +
    (items ? `<div class="legend">${items}</div>` : '') +
    `</figure>`
  );
}
