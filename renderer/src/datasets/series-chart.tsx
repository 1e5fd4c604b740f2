/**
 * A Plotly line chart of some columns of one entity. The back end downsamples to ~2,000 points per
 * trace; zooming re-requests the visible range so detail appears, and double-click goes back to all.
 */
import { useEffect, useRef, useState } from 'react';
import type { SeriesResult } from '../../../shared/dataset';
import { useReportError } from '../common/error-context';
import { buildLayout, buildTraces, chartHeight } from '../common/chart-layout';
import { fmtCount } from '../common/format';
import { loadPlotly, plotConfig, usePlotlyPurge } from '../common/plotly-loader';
import { useSeriesView } from './dataset-queries';
import { useZoomRange, type ZoomView } from './use-zoom-range';

const MAX_POINTS = 2000;

/** Renders the chart and its caption for the given dataset, entity and columns. */
export function SeriesChart({
  datasetId,
  entity,
  columns,
  xTitle,
  stacked,
}: {
  datasetId: number;
  entity: number;
  columns: string[];
  xTitle: string;
  /** One panel per column instead of all lines on one axis. */
  stacked: boolean;
}) {
  const report = useReportError();
  const key = `${datasetId}|${entity}|${columns.join('\u0000')}`;
  // The zoomed range belongs to one key; a new entity or column set starts unzoomed.
  const [view, setView] = useState<ZoomView>({ key, range: null });
  const range = view.key === key ? view.range : null;
  // The latest data with the x range it was requested for (kept on screen while a new range loads).
  const series = useSeriesView({ datasetId, entity, columns, maxPoints: MAX_POINTS, ...(range ? { range } : {}) });
  const shown = series.data ?? null;
  const result = shown?.result ?? null;
  const loading = series.isFetching;
  const el = useRef<HTMLDivElement>(null);
  const keyRef = useRef(key);
  keyRef.current = key;
  const xKindRef = useRef<SeriesResult['xKind'] | null>(null);

  // Draw (or update in place, keeping the user's zoom through uirevision).
  useEffect(() => {
    const div = el.current;
    if (!div || !result) return;
    let cancelled = false;
    xKindRef.current = result.xKind;
    const data = buildTraces(result, stacked);
    const layout = buildLayout({
      result,
      stacked,
      xTitle,
      uirevision: `${key}|${stacked}`,
      yRevision: `${key}|${stacked}|${shown?.range ? shown.range.join(':') : 'all'}`,
    });
    loadPlotly()
      .then((Plotly) => {
        if (cancelled) return;
        return Plotly.react(div, data, layout, plotConfig('lstm-studio-chart'));
      })
      .catch((err) => !cancelled && report('Drawing the chart', err));
    return () => {
      cancelled = true;
    };
  }, [shown, result, stacked, xTitle, key, report]);

  // Zoom -> re-request detail for the visible x range (debounced).
  useZoomRange(el, xKindRef, keyRef, setView);

  usePlotlyPurge(el);

  const resetZoom = () => {
    const div = el.current;
    setView({ key, range: null });
    if (div) void loadPlotly().then((P) => P.relayout(div, { 'xaxis.autorange': true, 'yaxis.autorange': true }));
  };

  const points = result?.traces[0]?.x.length ?? 0;
  const zoomed = shown?.range != null;
  return (
    <div className="chart" data-testid="series-chart">
      <div className={`chart-canvas${loading ? ' is-loading' : ''}`}>
        <div ref={el} className="plot" style={{ height: chartHeight(stacked ? columns.length : 1) }} />
        {!result && <div className="chart-overlay">Loading chart…</div>}
      </div>
      <div className="chart-caption" data-testid="chart-caption">
        {result && (
          <>
            <span>
              Showing {fmtCount(points)} of {fmtCount(result.totalPoints)} points
              {result.downsampled ? ' (downsampled)' : ''}
              {zoomed ? ' in the zoomed range' : ''}
            </span>
            <span className="muted">
              {zoomed ? (
                <button type="button" className="link" onClick={resetZoom} data-testid="reset-zoom">
                  Reset zoom
                </button>
              ) : (
                'Drag to zoom for full detail · double-click to reset'
              )}
            </span>
          </>
        )}
      </div>
    </div>
  );
}
