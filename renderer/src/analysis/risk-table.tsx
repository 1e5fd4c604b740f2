/**
 * The ranked maintenance list: rank, entity, risk score with its level, time to failure with its
 * interval, what drives it, the recommended action and the reliability of the input. Sortable by
 * any column (click a header; again to reverse).
 */
import { useMemo, useState } from 'react';
import type { RiskReport, RiskRow } from '../../../shared/evaluation/analysis-types';
import { fmtInterval, fmtNumber, fmtSteps, fmtTimeValue } from '../common/format';
import { ReliabilityBadge } from './reliability-badge';

type SortKey = 'rank' | 'entity' | 'score' | 'ttf' | 'driver' | 'action' | 'reliability';
const FLAG_ORDER = { ok: 0, caution: 1, unreliable: 2 } as const;

/** The columns: header, sort value and the first direction of a click (desc for "worst first"). */
const COLUMNS: { key: SortKey; label: string; num?: boolean; first: 'asc' | 'desc'; value: (r: RiskRow, rank: number) => number | string }[] = [
  { key: 'rank', label: 'Rank', num: true, first: 'asc', value: (_, rank) => rank },
  { key: 'entity', label: 'Entity', first: 'asc', value: (r) => r.entity },
  { key: 'score', label: 'Risk', num: true, first: 'desc', value: (r) => r.score },
  { key: 'ttf', label: 'Time to failure', first: 'asc', value: (r) => r.timeToFailure?.steps ?? r.timeToFailure?.lower ?? Number.POSITIVE_INFINITY },
  { key: 'driver', label: 'Driver', first: 'asc', value: (r) => r.driver },
  { key: 'action', label: 'Recommended action', first: 'asc', value: (r) => r.action },
  { key: 'reliability', label: 'Reliability', first: 'desc', value: (r) => FLAG_ORDER[r.reliability] },
];

/** Steps as time: "6 h" for datetime data (a step is the median time between rows), "6 steps" otherwise. */
function stepsText(steps: number, report: RiskReport): string {
  const n = Math.round(steps);
  if (n === 0) return 'now';
  return report.timeKind === 'datetime' && report.step > 0 ? fmtInterval(n * report.step, 'datetime') : fmtSteps(n);
}

/** The time-to-failure cell: the central estimate, its interval and when that is. */
function TimeToFailure({ row, report }: { row: RiskRow; report: RiskReport }) {
  const t = row.timeToFailure;
  if (!t) return <span className="muted">none within the horizon</span>;
  const lower = stepsText(t.lower, report);
  const upper = t.upper === null ? 'beyond the horizon' : stepsText(t.upper, report);
  return (
    <div>
      <div className="strong">{t.steps === null ? `possible from ${stepsText(t.lower, report)}` : stepsText(t.steps, report)}</div>
      <div className="muted small">
        interval {lower === upper ? lower : `${lower} – ${upper}`}
        {t.at !== null && <> · ~{fmtTimeValue(report.timeKind === 'datetime' ? Math.round(t.at / 60_000) * 60_000 : Math.round(t.at), report.timeKind)}</>}
      </div>
    </div>
  );
}

/** Renders the table of a risk report. */
export function RiskTable({ report }: { report: RiskReport }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'rank', dir: 'asc' });
  const rows = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    const ranked = report.rows.map((row, i) => ({ row, rank: i + 1 }));
    const sign = sort.dir === 'asc' ? 1 : -1;
    return ranked.sort((a, b) => {
      const x = col.value(a.row, a.rank);
      const y = col.value(b.row, b.rank);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en', { numeric: true });
      return sign * c || a.rank - b.rank;
    });
  }, [report, sort]);
  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: COLUMNS.find((c) => c.key === key)!.first }));

  return (
    <div className="table-wrap">
      <table className="table compact risk-table" data-testid="risk-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className={c.num ? 'num' : undefined} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className={`sort-button${sort.key === c.key ? ' active' : ''}`} onClick={() => onSort(c.key)} data-testid={`risk-sort-${c.key}`}>
                  {c.label}
                  <span className="sort-arrow" aria-hidden="true">
                    {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, rank }) => (
            <tr key={row.entity} data-testid="risk-row" data-entity={row.entity} data-level={row.level}>
              <td className="num mono">{rank}</td>
              <td className="strong nowrap">{row.entity}</td>
              <td className="num">
                <span className="risk-score">
                  <span className="mono">{fmtNumber(row.score)}</span>
                  <span className={`risk-level risk-${row.level}`} data-testid="risk-level">
                    {row.level}
                  </span>
                </span>
              </td>
              <td>
                <TimeToFailure row={row} report={report} />
              </td>
              <td className="risk-driver">{row.driver}</td>
              <td className="risk-action">{row.action}</td>
              <td>
                <ReliabilityBadge flag={row.reliability} reasons={row.reliabilityReasons} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
