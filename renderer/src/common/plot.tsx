/** A Plotly chart of given traces and layout, redrawn in place when they change (analysis pages). */
import { useRef } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import { usePlotlyChart } from './plotly-loader';

/** Renders one chart; `filename` names its PNG export. Memoise `data` and `layout` to avoid redraws. */
export function Plot({ data, layout, testId, filename = 'lstm-studio-chart' }: { data: Data[]; layout: Layout; testId: string; filename?: string }) {
  const el = useRef<HTMLDivElement>(null);
  usePlotlyChart(el, data, layout, filename);
  return (
    <div className="chart" data-testid={testId}>
      <div ref={el} className="plot" style={{ height: typeof layout.height === 'number' ? layout.height : 340 }} />
    </div>
  );
}
