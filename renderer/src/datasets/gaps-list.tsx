/** The largest gaps in the time axis, longest first. */
import type { TimeGap, TimeKind } from '../../../shared/dataset';
import { fmtInterval, fmtTimeValue } from '../common/format';

/** Renders the largest gaps as a compact table. */
export function GapsList({ gaps, timeKind, showEntity }: { gaps: TimeGap[]; timeKind: TimeKind; showEntity: boolean }) {
  return (
    <section className="card" data-testid="gaps">
      <div className="card-header">
        <h2 className="card-title">Largest gaps</h2>
        <span className="muted small">Time steps longer than 1.5 × the sampling interval</span>
      </div>
      <div className="table-wrap">
        <table className="table compact">
          <thead>
            <tr>
              {showEntity && <th>Entity</th>}
              <th>From</th>
              <th>To</th>
              <th className="num">Length</th>
            </tr>
          </thead>
          <tbody>
            {gaps.map((g, i) => (
              <tr key={i}>
                {showEntity && <td>{g.entity}</td>}
                <td className="mono">{fmtTimeValue(g.from, timeKind)}</td>
                <td className="mono">{fmtTimeValue(g.to, timeKind)}</td>
                <td className="num strong">{fmtInterval(g.length, timeKind)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
