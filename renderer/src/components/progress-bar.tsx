/** A horizontal progress bar; indeterminate (animated) when the fraction is unknown. */

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
