/** How a run's windows were split into train, validation and test: shares, counts and where each split starts. */
import { useState } from 'react';
import type { TimeKind } from '../../../shared/dataset';
import type { SplitInfo } from '../../../shared/model/training';
import { fmtCount, fmtPct, fmtTimeValue } from '../common/format';

const PAGE = 12;
const PARTS = ['train', 'validation', 'test'] as const;

/** Renders the split card; `timeKind` formats the boundaries (dates or steps). */
export function RunSplit({ split, timeKind }: { split: SplitInfo | null; timeKind: TimeKind }) {
  const [limit, setLimit] = useState(PAGE);
  return (
    <section className="card" data-testid="run-split">
      <div className="card-header">
        <h2 className="card-title">Data split</h2>
        {split && <span className="tag">{split.mode === 'entity' ? 'by entity' : 'chronological'}</span>}
      </div>
      {!split ? (
        <div className="placeholder">No split was recorded for this run.</div>
      ) : (
        <>
          <div className="split-bar" aria-hidden="true">
            {PARTS.map((p) => (
              <div key={p} className={`split-part split-${p}`} style={{ flexGrow: Math.max(split.fractions[p], 0.001) }} />
            ))}
          </div>
          <div className="split-legend">
            {PARTS.map((p) => (
              <div key={p} className="split-legend-item" data-testid={`split-${p}`}>
                <span className={`split-swatch split-${p}`} />
                <span className="strong">{p[0].toUpperCase() + p.slice(1)}</span>
                <span className="muted">
                  {fmtPct(split.fractions[p], 0)} · {fmtCount(split.windows[p])} windows
                </span>
              </div>
            ))}
          </div>
          {split.entities && (
            <dl className="split-entities">
              {PARTS.map((p) => (
                <div key={p}>
                  <dt>{p}</dt>
                  <dd className="ellipsis" title={split.entities![p].join(', ')}>
                    {split.entities![p].length > 0 ? split.entities![p].join(', ') : '—'}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {split.mode === 'chronological' && split.boundaries.length > 0 && (
            <div className="table-wrap">
              <table className="table compact">
                <thead>
                  <tr>
                    <th>Entity</th>
                    <th>Validation starts</th>
                    <th>Test starts</th>
                  </tr>
                </thead>
                <tbody>
                  {split.boundaries.slice(0, limit).map((b) => (
                    <tr key={b.entity}>
                      <td className="strong">{b.entity}</td>
                      <td className="mono">{fmtTimeValue(b.validationStart, timeKind)}</td>
                      <td className="mono">{fmtTimeValue(b.testStart, timeKind)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {split.boundaries.length > limit && split.mode === 'chronological' && (
            <div className="card-footer">
              <button type="button" className="button small" onClick={() => setLimit(split.boundaries.length)}>
                Show all {fmtCount(split.boundaries.length)} entities
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
