/** Plotly traces and layouts of the monitoring history of one served version: one small chart per measure. */
import type { Data, Layout } from 'plotly.js-dist-min';
import type { MonitoringSample } from '../../../shared/serving/types';
import { CHART_BASE, CHART_COLORS, GRID, LEGEND_TOP, LINE } from '../common/chart-layout';
import { msToPlotlyDate } from '../common/format';

/** A measure drawn over the minutes: its title, y-axis title and series. */
export interface MonitoringChart {
  key: string;
  title: string;
  data: Data[];
  layout: Layout;
}

function line(name: string, x: string[], y: (number | null)[], color: string, dash: 'solid' | 'dash' = 'solid'): Data {
  return { type: 'scatter', mode: 'lines+markers', name, x, y, line: { color, width: 2, dash }, marker: { size: 5, color }, hovertemplate: `%{y:.4~g}<extra>${name}</extra>` };
}

function frame(yTitle: string, extra: Partial<Layout> = {}): Layout {
  return {
    ...CHART_BASE,
    height: 220,
    margin: { l: 56, r: 12, t: 28, b: 40 },
    legend: LEGEND_TOP,
    showlegend: true,
    xaxis: { type: 'date', gridcolor: GRID, linecolor: LINE },
    yaxis: { title: { text: yTitle }, gridcolor: GRID, linecolor: LINE, rangemode: 'tozero' },
    ...extra,
  } as Layout;
}

/** The five charts of a version's minutes: requests, success rate, latency, throughput, memory. */
export function monitoringCharts(samples: readonly MonitoringSample[]): MonitoringChart[] {
  if (samples.length === 0) return [];
  const x = samples.map((s) => msToPlotlyDate(Date.parse(s.minute)));
  // At least half an hour in view, so one minute of history is not stretched over the whole axis.
  const times = samples.map((s) => Date.parse(s.minute));
  const last = Math.max(...times) + 60_000;
  const first = Math.min(Math.min(...times) - 60_000, last - 30 * 60_000);
  const xaxis = { type: 'date', range: [msToPlotlyDate(first), msToPlotlyDate(last)], gridcolor: GRID, linecolor: LINE } as const;
  const layout = (yTitle: string, extra: Partial<Layout> = {}) => frame(yTitle, { xaxis, ...extra });
  const [c0, c1, c2, c3] = CHART_COLORS;
  return [
    { key: 'requests', title: 'Requests per minute', data: [{ type: 'bar', name: 'successes', x, y: samples.map((s) => s.successes), marker: { color: c2 } }, { type: 'bar', name: 'failures', x, y: samples.map((s) => s.failures), marker: { color: c1 } }], layout: layout('requests', { barmode: 'stack' }) },
    { key: 'success', title: 'Success rate', data: [line('success rate', x, samples.map((s) => (s.requests > 0 ? (100 * s.successes) / s.requests : null)), c0)], layout: layout('% of requests', { yaxis: { title: { text: '% of requests' }, range: [0, 105], gridcolor: GRID, linecolor: LINE } }) },
    { key: 'latency', title: 'Latency', data: [line('p50', x, samples.map((s) => s.p50Ms), c0), line('p95', x, samples.map((s) => s.p95Ms), c1, 'dash')], layout: layout('ms') },
    { key: 'throughput', title: 'Throughput', data: [line('predictions/s', x, samples.map((s) => s.throughput), c3)], layout: layout('predictions per second') },
    { key: 'memory', title: 'Worker memory', data: [line('RSS', x, samples.map((s) => s.memory.rssMb), c0), line('heap', x, samples.map((s) => s.memory.heapMb), c2, 'dash'), line('tensors', x, samples.map((s) => s.memory.tensorMb), c3, 'dash')], layout: layout('MB') },
  ];
}
