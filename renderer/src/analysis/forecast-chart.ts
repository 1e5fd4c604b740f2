/** The Plotly chart of a forecast: recent history, the forecast from the last observation, and its shaded interval. */
import type { ForecastResult } from '../../../shared/evaluation/analysis-types';
import { analysisLayout, timeAxisTitle, timeValues, unitsTitle } from './analysis-chart-layout';
import { CHART_COLORS, LEGEND_TOP, esc } from '../common/chart-layout';
import type { Chart } from './evaluation-charts';

/** History, band and forecast of one target; the forecast line starts at the last observed value. */
export function forecastChart(f: ForecastResult, target: ForecastResult['targets'][number], timeColumn: string | null): Chart {
  const t = (v: number[]) => timeValues(v, f.timeKind);
  const { history, forecast } = target;
  const lastTime = history.time[history.time.length - 1];
  const lastValue = history.values[history.values.length - 1];
  const joined = lastTime !== undefined && Number.isFinite(lastValue);
  const pointX = joined ? [lastTime, ...forecast.time] : forecast.time;
  const pointY = joined ? [lastValue, ...forecast.point] : forecast.point;
  const banded = forecast.lower.every(Number.isFinite);
  const pct = Math.round(f.coverage * 100);
  const data = [
    { type: 'scatter', mode: 'lines', name: 'History', x: t(history.time), y: history.values, connectgaps: false, line: { color: '#334155', width: 1.5 }, hovertemplate: `%{y:.5~g}<extra>${esc(target.name)}</extra>` },
    ...(banded
      ? [
          { type: 'scatter', mode: 'lines', name: `${pct}% interval`, x: t(forecast.time), y: forecast.upper, line: { width: 0 }, hovertemplate: '%{y:.5~g}<extra>upper</extra>', showlegend: false },
          {
            type: 'scatter',
            mode: 'lines',
            name: `${pct}% interval`,
            x: t(forecast.time),
            y: forecast.lower,
            fill: 'tonexty',
            fillcolor: 'rgba(228, 87, 46, 0.16)',
            line: { width: 0 },
            hovertemplate: '%{y:.5~g}<extra>lower</extra>',
          },
        ]
      : []),
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'Forecast',
      x: t(pointX),
      y: pointY,
      line: { color: CHART_COLORS[1], width: 2.2 },
      marker: { size: 6 },
      hovertemplate: '%{y:.5~g}<extra>forecast</extra>',
    },
  ];
  const now = joined ? t([lastTime])[0] : null;
  return {
    data,
    layout: analysisLayout({
      x: { title: timeAxisTitle(f.timeKind, timeColumn), date: f.timeKind === 'datetime' },
      y: { title: unitsTitle(target.name) },
      height: 400,
      extra: {
        hovermode: 'x unified',
        // A filled trace would otherwise reverse the legend.
        legend: { ...LEGEND_TOP, traceorder: 'normal' },
        shapes: now === null ? [] : [{ type: 'line', xref: 'x', yref: 'paper', x0: now, x1: now, y0: 0, y1: 1, line: { color: '#94a3b8', width: 1, dash: 'dot' } }],
        annotations: now === null ? [] : [{ x: now, y: 1, xref: 'x', yref: 'paper', text: 'last observation', showarrow: false, xanchor: 'right', yanchor: 'top', font: { size: 11, color: '#64748b' } }],
      },
    }),
  };
}
