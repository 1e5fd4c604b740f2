/** A Plotly chart of loss curves, redrawn in place as curves grow (live training, run comparison). */
import { useMemo, useRef, useState } from 'react';
import { buildLossLayout, buildLossTraces, type LossCurve } from './loss-chart-layout';
import { usePlotlyChart } from './plotly-loader';

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
  const el = useRef<HTMLDivElement>(null);
  const [log, setLog] = useState(false);
  const hasPoints = curves.some((c) => c.x.length > 0);
  const data = useMemo(() => buildLossTraces(curves), [curves]);
  const layout = useMemo(() => buildLossLayout({ curves, height, log, uirevision: `${testId}|${log}`, maxEpoch }), [curves, height, log, maxEpoch, testId]);
  usePlotlyChart(el, data, layout, 'lstm-studio-loss', 'Drawing the loss chart');

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
