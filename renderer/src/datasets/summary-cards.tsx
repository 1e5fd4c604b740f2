/** Key facts of a dataset as a row of cards: size, time axis, sampling, regularity, gaps, fingerprint. */
import type { DatasetDetail } from '../../../shared/dataset';
import { fmtCount, fmtInterval, fmtPct } from '../common/format';
import { StatCard as Card } from '../common/stat-card';

const KIND_LABEL = { datetime: 'Date & time', index: 'Step index', row: 'Row order' } as const;

/** "1 column", "3 columns". */
function plural(n: number, word: string): string {
  return `${fmtCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Renders the summary cards of a dataset. */
export function SummaryCards({ detail }: { detail: DatasetDetail }) {
  const s = detail.summary;
  const regular = detail.regularity;
  return (
    <div className="stat-grid" data-testid="summary-cards">
      <Card label="Rows" value={fmtCount(s.rows)} sub={plural(detail.columns.length, 'column')} testId="summary-rows" />
      <Card
        label="Entities"
        value={fmtCount(s.entities)}
        sub={
          s.entityColumn ? <code>{s.entityColumn}</code> : s.entities > 1 ? (s.format === 'wide' ? 'one per row' : 'sequences') : 'single series'
        }
        testId="summary-entities"
      />
      <Card
        label="Time column"
        value={s.timeColumn ? <span className="ellipsis">{s.timeColumn}</span> : 'None'}
        sub={KIND_LABEL[s.timeKind]}
        testId="summary-time"
        title={s.timeColumn ?? undefined}
      />
      <Card
        label="Sampling"
        value={fmtInterval(detail.interval, s.timeKind)}
        sub="most common step"
        testId="summary-interval"
      />
      <Card
        label="Regularity"
        value={fmtPct(regular)}
        sub={
          <span className={regular !== null && regular < 0.95 ? 'text-warning' : undefined}>steps at the interval</span>
        }
        testId="summary-regularity"
      />
      <Card
        label="Gaps"
        value={fmtCount(detail.gapCount)}
        sub={<span className={detail.gapCount > 0 ? 'text-warning' : undefined}>over 1.5 × the step</span>}
        testId="summary-gaps"
      />
      <Card
        label="Fingerprint"
        value={<code className="fingerprint">{s.fingerprint ? s.fingerprint.slice(0, 12) : '—'}</code>}
        sub="SHA-256 of source"
        testId="summary-fingerprint"
        title={s.fingerprint}
      />
    </div>
  );
}
