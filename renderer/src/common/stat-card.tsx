/** One key figure as a card (label, big value, small line), styled like the dataset summary cards. */
import type { ReactNode } from 'react';

/** Renders a stat card; `compact` is the smaller variant used in side panels. */
export function StatCard({
  label,
  value,
  sub,
  testId,
  title,
  compact,
}: {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  testId?: string;
  title?: string;
  compact?: boolean;
}) {
  return (
    <div className={`stat-card${compact ? ' compact' : ''}`} data-testid={testId} title={title}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {sub && <div className="stat-sub">{sub}</div>}
    </div>
  );
}
