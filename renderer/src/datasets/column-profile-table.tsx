/** Per-column statistics computed at import: role, type, counts, missing share and moments. */
import { useState } from 'react';
import type { ColumnProfile } from '../../../shared/dataset';
import { fmtCount, fmtDateTime, fmtNumber, fmtPct } from '../common/format';

const PAGE = 20;

/** Formats a statistic according to the column's type (dates for datetime columns). */
function stat(c: ColumnProfile, v: number | null, moment = false): string {
  if (c.type === 'category') return '—';
  if (c.type === 'datetime') return moment ? '—' : fmtDateTime(v);
  return fmtNumber(v);
}

/** Share of missing values 0..1, computed from the counts so it does not depend on how missingPct is scaled. */
function missingShare(c: ColumnProfile): number {
  const total = c.count + c.missing;
  return total > 0 ? c.missing / total : 0;
}

/** Renders the column profile table. */
export function ColumnProfileTable({ columns }: { columns: ColumnProfile[] }) {
  const [limit, setLimit] = useState(PAGE);
  const shown = columns.slice(0, limit);
  return (
    <section className="card" data-testid="column-profile">
      <div className="card-header">
        <h2 className="card-title">Column profile</h2>
        <span className="muted small">
          {fmtCount(columns.length)} column{columns.length === 1 ? '' : 's'}
        </span>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="profile-table">
          <thead>
            <tr>
              <th>Column</th>
              <th>Role</th>
              <th>Type</th>
              <th className="num">Count</th>
              <th className="num">Missing</th>
              <th className="num">Min</th>
              <th className="num">Max</th>
              <th className="num">Mean</th>
              <th className="num">Std</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.name} data-testid={`profile-row-${c.name}`}>
                <td>
                  <code className="strong">{c.name}</code>
                  {c.categories && c.categories.length > 0 && (
                    <div className="muted small ellipsis cat-list" title={c.categories.join(', ')}>
                      {c.categories.length} categories: {c.categories.slice(0, 5).join(', ')}
                      {c.categories.length > 5 && ', …'}
                    </div>
                  )}
                </td>
                <td>
                  <span className={`role-badge role-${c.role}`}>{c.role}</span>
                </td>
                <td className="muted">{c.type}</td>
                <td className="num">{fmtCount(c.count)}</td>
                <td className={`num${c.missing > 0 ? ' text-warning' : ''}`} title={`${fmtCount(c.missing)} missing`}>
                  {fmtPct(missingShare(c))}
                </td>
                <td className="num mono">{stat(c, c.min)}</td>
                <td className="num mono">{stat(c, c.max)}</td>
                <td className="num mono">{stat(c, c.mean, true)}</td>
                <td className="num mono">{stat(c, c.std, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {columns.length > limit && (
        <div className="card-footer">
          <button type="button" className="button small" onClick={() => setLimit(columns.length)} data-testid="profile-more">
            Show all {fmtCount(columns.length)} columns
          </button>
        </div>
      )}
    </section>
  );
}
