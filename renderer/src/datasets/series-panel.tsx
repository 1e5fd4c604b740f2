/** The chart card: entity picker, feature column checkboxes and the series chart. */
import { useMemo, useState } from 'react';
import type { DatasetDetail, DatasetSummary } from '../../../shared/dataset';
import { fmtCount } from '../common/format';
import { ColumnPicker } from './column-picker';
import { SeriesChart } from './series-chart';

const DEFAULT_COLUMNS = 3;

/** The x axis title: the time column (UTC for dates), "Step" in a sequence, else "Row". */
export function axisTitle(s: DatasetSummary): string {
  if (s.timeColumn && s.timeKind === 'datetime') return `${s.timeColumn} (UTC)`;
  if (s.timeColumn) return s.timeColumn;
  return s.format === 'wide' ? 'Step' : 'Row';
}

/** Renders the controls and chart for one entity of a dataset. */
export function SeriesPanel({
  detail,
  entity,
  onEntity,
}: {
  detail: DatasetDetail;
  entity: number;
  onEntity: (index: number) => void;
}) {
  const numeric = useMemo(
    () => detail.columns.filter((c) => c.role === 'feature' && c.type === 'number').map((c) => c.name),
    [detail.columns],
  );
  const [selected, setSelected] = useState<string[]>(() => numeric.slice(0, DEFAULT_COLUMNS));
  const [stacked, setStacked] = useState(true);
  const s = detail.summary;
  const current = detail.entities.find((e) => e.index === entity);
  const toggle = (name: string) =>
    setSelected((prev) => (prev.includes(name) ? prev.filter((c) => c !== name) : numeric.filter((c) => c === name || prev.includes(c))));

  return (
    <section className="card" data-testid="series-panel">
      <div className="card-header">
        <h2 className="card-title">Signals</h2>
        <div className="card-header-tools">
          {current && (
            <span className="muted small">
              {detail.entities.length > 1 && <>{current.name} · </>}
              {fmtCount(current.length)} steps{current.label !== null && <> · label {current.label}</>}
            </span>
          )}
          {selected.length > 1 && (
            <div className="segmented-small" role="radiogroup" aria-label="Chart layout" data-testid="chart-layout">
              <button type="button" role="radio" aria-checked={stacked} className={stacked ? 'active' : ''} onClick={() => setStacked(true)}>
                Stacked
              </button>
              <button type="button" role="radio" aria-checked={!stacked} className={!stacked ? 'active' : ''} onClick={() => setStacked(false)}>
                Overlay
              </button>
            </div>
          )}
        </div>
      </div>
      <div className="chart-controls">
        {detail.entities.length > 1 && (
          <label className="field inline">
            <span className="field-label">{s.format === 'wide' ? 'Sequence' : 'Entity'}</span>
            <select value={entity} onChange={(e) => onEntity(Number(e.target.value))} data-testid="entity-picker">
              {detail.entities.map((e) => (
                <option key={e.index} value={e.index}>
                  {e.name} — {fmtCount(e.length)} steps{e.label !== null ? ` · ${e.label}` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {numeric.length > 0 && (
          <ColumnPicker columns={numeric} selected={selected} onToggle={toggle} onClear={() => setSelected([])} />
        )}
      </div>
      {numeric.length === 0 ? (
        <div className="placeholder">This dataset has no numeric feature columns to chart.</div>
      ) : selected.length === 0 ? (
        <div className="placeholder">Select at least one column to chart.</div>
      ) : (
        <SeriesChart
          datasetId={s.id}
          entity={entity}
          columns={selected}
          stacked={stacked}
          xTitle={axisTitle(s)}
        />
      )}
    </section>
  );
}
