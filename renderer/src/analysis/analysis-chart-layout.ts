/**
 * The common Plotly layout of the analysis charts (evaluation, forecast, explain): fonts, grid,
 * titled axes, a legend on top, and time axes as dates for datetime datasets.
 */
import type { Layout } from 'plotly.js-dist-min';
import type { TimeKind } from '../../../shared/dataset';
import { CHART_BASE, GRID, LEGEND_TOP, LINE, esc } from '../common/chart-layout';
import { msToPlotlyDate } from '../common/format';

/** One axis of a chart: its title (with units) and optional Plotly axis settings. */
export interface AxisSpec {
  title: string;
  /** A datetime axis: values are epoch ms, drawn as dates. */
  date?: boolean;
  [setting: string]: unknown;
}

/** The layout of an analysis chart with the given axes; `extra` is merged last. */
export function analysisLayout(opts: { x: AxisSpec; y: AxisSpec; height?: number; legend?: boolean; extra?: Layout }): Layout {
  const axis = (a: AxisSpec): Record<string, unknown> => {
    const { title, date, ...rest } = a;
    return { gridcolor: GRID, linecolor: LINE, zeroline: false, automargin: true, ...(date ? { type: 'date' } : {}), title: { text: esc(title), standoff: 8 }, ...rest };
  };
  const legend = opts.legend ?? true;
  return {
    ...CHART_BASE,
    height: opts.height ?? 340,
    margin: { l: 64, r: 24, t: legend ? 12 : 8, b: 56 },
    hovermode: 'closest',
    showlegend: legend,
    legend: LEGEND_TOP,
    xaxis: axis(opts.x),
    yaxis: axis(opts.y),
    ...opts.extra,
  };
}

/** Times for a Plotly axis: date strings for datetime data, the numbers otherwise (nulls kept as gaps). */
export function timeValues(values: readonly (number | null)[], kind: TimeKind): (number | string | null)[] {
  return kind === 'datetime' ? values.map((v) => (v === null ? null : msToPlotlyDate(v))) : [...values];
}

/** The title of a time axis: "timestamp (UTC)", "cycle (step)", "Row". */
export function timeAxisTitle(kind: TimeKind, timeColumn?: string | null): string {
  if (kind === 'datetime') return `${timeColumn ?? 'Time'} (UTC)`;
  if (kind === 'index') return `${timeColumn ?? 'Time'} (step)`;
  return 'Row (no time column)';
}

/** The title of a value axis in a target's own units: "value (target units)". */
export function unitsTitle(name: string, what?: string): string {
  return what ? `${what} (${name} units)` : `${name} (target units)`;
}
