/** A Plotly chart of loss curves, redrawn in place as curves grow (live training, run comparison). */
import { useEffect, useRef, useState } from 'react';
import { useReportError } from '../error-context';
import { buildLossLayout, buildLossTraces, type LossCurve } from '../loss-chart-layout';
import { loadPlotly, plotConfig, usePlotlyPurge } from '../plotly-loader';

/** Renders the curves; `maxEpoch` fixes the x axis to the planned epochs while a run is live. */
export function LossChart({
  curves,
  height = 320,
  maxEpoch = null,
  emptyText = 'No epochs yet.',
  testId = 'loss-chart',
}: {
  curves: LossCurve[];
  height?: number;
  maxEpoch?: number | null;
  emptyText?: string;
  testId?: string;
}) {
  const report = useReportError();
  const el = useRef<HTMLDivElement>(null);
  const [log, setLog] = useState(false);
  const hasPoints = curves.some((c) => c.x.length > 0);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    let cancelled = false;
    loadPlotly()
      .then((Plotly) => {
        if (cancelled) return;
        return Plotly.react(div, buildLossTraces(curves), buildLossLayout({ curves, height, log, uirevision: `${testId}|${log}`, maxEpoch }), plotConfig('lstm-studio-loss'));
      })
      .catch((err) => !cancelled && report('Drawing the loss chart', err));
    return () => {
      cancelled = true;
    };
  }, [curves, height, log, maxEpoch, testId, report]);

  usePlotlyPurge(el);

  return (
    <div className="chart loss-chart" data-testid={testId}>
      <div className="loss-chart-tools">
        <label className="check small">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} data-testid={`${testId}-log`} />
          Log scale
        </label>
      </div>
      <div className="chart-canvas" style={{ minHeight: height }}>
        <div ref={el} className="plot" style={{ height, visibility: hasPoints ? 'visible' : 'hidden' }} />
        {!hasPoints && <div className="chart-overlay">{emptyText}</div>}
      </div>
    </div>
  );
}
