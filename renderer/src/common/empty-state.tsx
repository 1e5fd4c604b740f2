/** What a list shows before it has anything: an icon, a title, a sentence and the action that fills it. */
import type { ReactNode } from 'react';

/** The empty state of a card; `action` is its one button. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  testId,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action: { label: string; icon: ReactNode; onClick: () => void; disabled?: boolean };
  testId: string;
}) {
  return (
    <div className="empty-state" data-testid={testId}>
      {icon}
      <h3>{title}</h3>
      <p>{children}</p>
      <button type="button" className="button primary" onClick={action.onClick} disabled={action.disabled}>
        {action.icon}
        {action.label}
      </button>
    </div>
  );
}
