/** A horizontal progress bar; indeterminate (animated) when the fraction is unknown; and a job's phase above one. */
import type { AnalysisJob } from './analysis-job';

/** Renders progress 0..1, or an indeterminate bar for null. */
export function ProgressBar({ fraction, testId }: { fraction: number | null; testId?: string }) {
  const pct = fraction === null ? null : Math.max(0, Math.min(1, fraction)) * 100;
  return (
    <div
      className={`progress${pct === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
      data-testid={testId}
    >
      <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

/** What a running job is doing and how far it got: its phase, a percentage and the bar. */
export function JobProgressView({ job, testId }: { job: Pick<AnalysisJob<unknown>, 'status' | 'progress'>; testId: string }) {
  const fraction = job.progress?.fraction ?? null;
  return (
    <div className="analysis-progress" data-testid={testId}>
      <div className="import-progress-head">
        <span className="strong">{job.status === 'cancelling' ? 'Cancelling…' : (job.progress?.phase ?? 'Starting')}</span>
        {fraction !== null && <span className="mono">{Math.floor(fraction * 100)}%</span>}
      </div>
      <ProgressBar fraction={fraction} testId={`${testId}-bar`} />
    </div>
  );
}
