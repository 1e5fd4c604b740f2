/** The entities (assets, units, sequences) of a dataset, capped with "show more". */
import { useState } from 'react';
import type { EntityInfo, TimeKind } from '../../../shared/dataset';
import { fmtCount, fmtTimeValue } from '../common/format';

const PAGE = 25;

/** Renders the entities table; clicking a row shows that entity in the chart. */
export function EntitiesTable({
  entities,
  timeKind,
  selected,
  onSelect,
}: {
  entities: EntityInfo[];
  timeKind: TimeKind;
  selected: number;
  onSelect: (index: number) => void;
}) {
  const [limit, setLimit] = useState(PAGE);
  const shown = entities.slice(0, limit);
  const hasLabels = entities.some((e) => e.label !== null);
  return (
    <section className="card" data-testid="entities">
      <div className="card-header">
        <h2 className="card-title">Entities</h2>
        <span className="muted small">
          {fmtCount(entities.length)} in total · click one to chart it
        </span>
      </div>
      <div className="table-wrap">
        <table className="table clickable" data-testid="entities-table">
          <thead>
            <tr>
              <th>Name</th>
              {hasLabels && <th>Label</th>}
              <th className="num">Length</th>
              <th className="num">Start</th>
              <th className="num">End</th>
              <th className="num">Gaps</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr
                key={e.index}
                className={e.index === selected ? 'selected' : undefined}
                onClick={() => onSelect(e.index)}
                tabIndex={0}
                onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && onSelect(e.index)}
              >
                <td className="strong">{e.name}</td>
                {hasLabels && <td>{e.label !== null ? <span className="tag">{e.label}</span> : <span className="muted">—</span>}</td>}
                <td className="num">{fmtCount(e.length)}</td>
                <td className="num mono">{fmtTimeValue(e.start, timeKind)}</td>
                <td className="num mono">{fmtTimeValue(e.end, timeKind)}</td>
                <td className={`num${e.gaps > 0 ? ' text-warning' : ''}`}>{fmtCount(e.gaps)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entities.length > limit && (
        <div className="card-footer">
          <button type="button" className="button small" onClick={() => setLimit((l) => l + PAGE * 4)} data-testid="entities-more">
            Show more ({fmtCount(entities.length - limit)} hidden)
          </button>
        </div>
      )}
    </section>
  );
}
