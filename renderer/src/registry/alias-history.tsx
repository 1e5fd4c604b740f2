/** Every recorded move of a model's aliases, newest first: time, alias, the move, its reason and the gates it passed or overrode. */
import { Fragment, useState } from 'react';
import type { AliasEvent } from '../../../shared/registry/types';
import { fmtLocalDate } from '../common/format';
import { AliasBadge } from './alias-badges';
import { GateList } from './gate-list';

/** The history table; `version` keeps the moves to or from that version. Click a row for its gates. */
export function AliasHistory({ events, version, testId = 'alias-history' }: { events: AliasEvent[] | null; version?: number; testId?: string }) {
  const [open, setOpen] = useState<number | null>(null);
  const shown = (events ?? []).filter((e) => version === undefined || e.toVersion === version || e.fromVersion === version).reverse();
  return (
    <section className="card" data-testid={testId}>
      <div className="card-header">
        <h2 className="card-title">Alias history</h2>
        <span className="muted small">{version === undefined ? 'Every deploy and rollback, newest first' : `Moves to or from v${version}`} · click a move for its gates</span>
      </div>
      {events === null ? (
        <div className="placeholder">Loading…</div>
      ) : shown.length === 0 ? (
        <div className="placeholder" data-testid="alias-history-empty">
          {version === undefined ? 'No alias has been moved yet: deploy a version to start the history.' : 'No alias has pointed at this version yet.'}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table compact clickable">
            <thead>
              <tr>
                <th>Time</th>
                <th>Alias</th>
                <th>Move</th>
                <th>Reason</th>
                <th>Gates</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <Fragment key={e.id}>
                  <tr
                    onClick={() => setOpen(open === e.id ? null : e.id)}
                    onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && setOpen(open === e.id ? null : e.id)}
                    tabIndex={0}
                    className={open === e.id ? 'selected' : undefined}
                    data-testid="alias-event"
                    data-action={e.action}
                  >
                    <td className="nowrap muted">{fmtLocalDate(e.at)}</td>
                    <td>
                      <AliasBadge alias={e.alias} />
                    </td>
                    <td className="nowrap">
                      <span className={`move-action move-${e.action}`}>{e.action === 'deploy' ? 'Deploy' : 'Rollback'}</span>{' '}
                      <span className="mono">
                        {e.fromVersion === null ? '—' : `v${e.fromVersion}`} → v{e.toVersion}
                      </span>
                      {e.forced && (
                        <span className="forced-badge" title="Deployed although a gate failed" data-testid="alias-event-forced">
                          override
                        </span>
                      )}
                    </td>
                    <td className="event-reason" data-testid="alias-event-reason">
                      {e.reason || <span className="muted">—</span>}
                    </td>
                    <td>{e.gates.length > 0 ? <GateList gates={e.gates} compact testId="alias-event-gates" /> : <span className="muted small">{e.action === 'rollback' ? 'none (rollback)' : '—'}</span>}</td>
                  </tr>
                  {open === e.id && (
                    <tr className="event-detail">
                      <td colSpan={5}>{e.gates.length > 0 ? <GateList gates={e.gates} /> : <span className="muted small">A rollback runs no gates: it returns to a version that was in service before.</span>}</td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
