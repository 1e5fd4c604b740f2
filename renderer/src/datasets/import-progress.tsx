/** Progress of a running import: bar, phase, rows read and megabytes. */
import type { JobProgress } from '../../../shared/api';
import { fmtCount, fmtMB } from '../common/format';
import { ProgressBar } from '../common/progress-bar';

/** Renders the progress of an import job (or a starting state before the first update). */
export function ImportProgress({ progress, cancelling }: { progress: JobProgress | null; cancelling: boolean }) {
  const fraction = progress?.fraction ?? null;
  return (
    <div className="import-progress" data-testid="import-progress">
      <div className="import-progress-head">
        <span className="strong">{cancelling ? 'Cancelling…' : (progress?.phase ?? 'Starting import')}</span>
        {fraction !== null && <span className="mono">{Math.floor(fraction * 100)}%</span>}
      </div>
      <ProgressBar fraction={fraction} testId="import-progress-bar" />
      <div className="import-progress-meta muted small">
        {progress ? (
          <>
            {fmtCount(progress.rows)} rows · {fmtMB(progress.bytes)}
            {progress.totalBytes > 0 && ` of ${fmtMB(progress.totalBytes)}`}
          </>
        ) : (
          'Waiting for the first progress report…'
        )}
      </div>
    </div>
  );
}
