/**
 * The train / validation / test split drawn on the data: one column of one entity as a compact line
 * chart with the split's periods shaded (chronological), or the lists of entities per split (entity-wise).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DatasetDetail } from '../../../shared/dataset';
import type { TrainingEstimate } from '../../../shared/model/training';
import { buildLayout, buildTraces, SPLIT_COLORS, SPLIT_PARTS, splitShapes } from '../common/chart-layout';
import { useReportError } from '../common/error-context';
import { fmtCount, fmtPct } from '../common/format';
import { loadPlotly, plotConfig, usePlotlyPurge } from '../common/plotly-loader';
import { useSeries } from '../datasets/dataset-queries';
import { axisTitle } from '../datasets/series-panel';

const MAX_POINTS = 1500;
const HEIGHT = 240;

/** Renders the split chart of `column` for the entity chosen in its picker. */
export function SplitChart({ detail, column, estimate }: { detail: DatasetDetail; column: string; estimate: TrainingEstimate }) {
  const report = useReportError();
  const split = estimate.split;
  const byName = useMemo(() => new Map(detail.entities.map((e) => [e.name, e.index])), [detail]);
  // Entities the picker offers: those with boundaries (chronological), else every entity of the dataset.
  const choices = useMemo(() => {
    const named = split.mode === 'chronological' ? split.boundaries.filter((b) => byName.has(b.entity)).map((b) => b.entity) : [];
    return named.length > 0 ? named : detail.entities.map((e) => e.name);
  }, [split, byName, detail]);
  const [picked, setPicked] = useState<string | null>(null);
  const entityName = picked !== null && choices.includes(picked) ? picked : (choices[0] ?? null);
  const entity = entityName !== null ? (byName.get(entityName) ?? 0) : 0;
  // A single series may be named differently in the split than in the profile: use its only boundary.
  const bounds =
    split.mode === 'chronological' ? (split.boundaries.find((b) => b.entity === entityName) ?? (split.boundaries.length === 1 ? split.boundaries[0] : null)) : null;

  const el = useRef<HTMLDivElement>(null);
  const key = `${detail.summary.id}|${entity}|${column}`;
  const result = useSeries({ datasetId: detail.summary.id, entity, columns: [column], maxPoints: MAX_POINTS }, 'Loading the split chart').data ?? null;
  const validationStart = bounds?.validationStart ?? null;
  const testStart = bounds?.testStart ?? null;
  const hasBounds = bounds !== null;
  const xTitle = axisTitle(detail.summary);

  useEffect(() => {
    const div = el.current;
    if (!div || !result) return;
    let cancelled = false;
    const xs = result.traces[0]?.x ?? [];
    const datetime = result.xKind === 'datetime';
    const layout = buildLayout({ result, stacked: false, xTitle, uirevision: key, yRevision: key });
    layout.height = HEIGHT;
    layout.margin = { l: 56, r: 16, t: 8, b: 44 };
    layout.showlegend = false;
    layout.shapes = hasBounds && xs.length > 0 ? splitShapes({ validationStart, testStart }, xs[0], xs[xs.length - 1], datetime) : [];
    loadPlotly()
      .then((Plotly) => {
        if (!cancelled) return Plotly.react(div, buildTraces(result, false), layout, plotConfig('lstm-studio-split'));
      })
      .catch((err) => !cancelled && report('Drawing the split chart', err));
    return () => {
      cancelled = true;
    };
  }, [result, hasBounds, validationStart, testStart, xTitle, key, report]);

  usePlotlyPurge(el);

  return (
    <div className="split-chart" data-testid="split-chart" data-mode={split.mode}>
      <div className="split-chart-head">
        <span className="field-label">
          Split on <code>{column}</code>
        </span>
        {choices.length > 1 && (
          <select value={entityName ?? ''} onChange={(e) => setPicked(e.target.value)} aria-label="Entity" data-testid="split-entity">
            {choices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="split-legend" data-testid="split-legend">
        {SPLIT_PARTS.map((part) => (
          <span key={part} className="split-legend-item">
            <span className="split-swatch" style={{ background: SPLIT_COLORS[part].swatch }} aria-hidden="true" />
            {part} {fmtPct(split.fractions[part], 0)}
            <span className="muted"> · {fmtCount(estimate.windows[part])} windows</span>
          </span>
        ))}
      </div>
      <div className="chart-canvas split-canvas">
        <div ref={el} className="plot" style={{ height: HEIGHT }} />
        {!result && <div className="chart-overlay">Loading chart…</div>}
      </div>
      {split.mode === 'entity' && split.entities && (
        <ul className="split-entities small" data-testid="split-entities">
          {SPLIT_PARTS.map((part) => (
            <li key={part}>
              <strong>{part}:</strong> {split.entities![part].join(', ') || '—'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
