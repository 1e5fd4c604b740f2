/**
 * The walk-forward backtest card: the actual series with the forecast the model would have made
 * from each origin (every `stride` steps) and its interval, for a chosen entity.
 */
import { useEffect, useMemo, useState } from 'react';
import type { TimeKind } from '../../../shared/dataset';
import type { Backtest } from '../../../shared/evaluation/analysis-types';
import { BACKTEST_VIEW, backtestChart } from './evaluation-charts';
import { fmtCount } from '../common/format';
import { Plot } from '../common/plot';

/** Renders the chart and the entity and stride pickers; `onChange` re-runs the evaluation with them. */
export function BacktestSection({
  b,
  entities,
  timeKind,
  timeColumn,
  busy,
  onChange,
}: {
  b: Backtest;
  /** Entities with evaluated windows. */
  entities: string[];
  timeKind: TimeKind;
  timeColumn: string | null;
  busy: boolean;
  onChange: (opts: { entity: string; stride: number }) => void;
}) {
  const chart = useMemo(() => backtestChart(b, timeKind, timeColumn), [b, timeKind, timeColumn]);
  const [entity, setEntity] = useState(b.entity);
  const [stride, setStride] = useState(String(b.stride));
  useEffect(() => {
    setEntity(b.entity);
    setStride(String(b.stride));
  }, [b]);
  const strideValue = Number(stride);
  const strideOk = Number.isInteger(strideValue) && strideValue >= 1;
  const changed = entity !== b.entity || strideValue !== b.stride;
  const options = entities.includes(b.entity) ? entities : [b.entity, ...entities];
  return (
    <section className="card" data-testid="backtest" data-entity={b.entity} data-stride={b.stride}>
      <div className="card-header">
        <div>
          <h2 className="card-title">Walk-forward backtest</h2>
          <div className="muted small">
            {fmtCount(b.origins.length)} historical forecasts of {b.target} over the evaluated period, one every {fmtCount(b.stride)} step{b.stride === 1 ? '' : 's'}
            {b.origins.length > BACKTEST_VIEW && ` · showing the latest ${BACKTEST_VIEW}: drag the slider below for the rest`}
          </div>
        </div>
        <form
          className="card-header-tools"
          onSubmit={(e) => {
            e.preventDefault();
            if (strideOk) onChange({ entity, stride: strideValue });
          }}
        >
          {options.length > 1 && (
            <label className="field inline small">
              <span className="field-label">Entity</span>
              <select value={entity} onChange={(e) => setEntity(e.target.value)} data-testid="backtest-entity" disabled={busy}>
                {options.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field inline small" title="Steps between forecast origins (the horizon tiles the period)">
            <span className="field-label">Stride</span>
            <input type="number" min={1} step={1} value={stride} onChange={(e) => setStride(e.target.value)} className={`num-input${strideOk ? '' : ' invalid'}`} data-testid="backtest-stride" disabled={busy} />
          </label>
          <button type="submit" className="button small" disabled={busy || !changed || !strideOk} data-testid="backtest-update">
            Update
          </button>
        </form>
      </div>
      <Plot data={chart.data} layout={chart.layout} testId="backtest-chart" filename="lstm-studio-backtest" />
    </section>
  );
}
