/** A run's status as a coloured badge. */
import type { RunStatus } from '../../../shared/model/training';

const LABEL: Record<RunStatus, string> = { running: 'Running', completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed' };

/** Renders the badge; the error of a failed run is its tooltip. */
export function RunStatusBadge({ status, error }: { status: RunStatus; error?: string | null }) {
  return (
    <span className={`status-badge status-${status}`} title={error ?? undefined} data-testid="run-status">
      {LABEL[status] ?? status}
    </span>
  );
}
