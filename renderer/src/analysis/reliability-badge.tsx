/** The reliability flag of a prediction as a coloured badge; its reasons and checks are the tooltip. */
import type { Reliability, ReliabilityCounts, ReliabilityFlag } from '../../../shared/evaluation/analysis-types';
import { fmtCount, fmtNumber, fmtPct } from '../common/format';

const LABEL: Record<ReliabilityFlag, string> = { ok: 'OK', caution: 'Caution', unreliable: 'Unreliable' };
export const FLAGS: readonly ReliabilityFlag[] = ['ok', 'caution', 'unreliable'];

/** The tooltip of a full reliability check: the reasons, then the measured figures. */
export function reliabilityTitle(r: Reliability): string {
  const lines = r.reasons.length > 0 ? [...r.reasons] : ['The input window looks like the training data.'];
  lines.push(`Missing inputs ${fmtPct(r.missing)} · outside the training range ${fmtPct(r.outOfRange)} · largest |z| ${fmtNumber(r.maxAbsZ)}`);
  if (r.confidence !== undefined) lines.push(`Confidence ${fmtPct(r.confidence)} · uncertainty ${fmtPct(r.uncertainty ?? NaN)}`);
  return lines.join('\n');
}

/** Renders the flag; `reasons` (or a full `detail`) become the hover text. */
export function ReliabilityBadge({ flag, reasons, detail, testId = 'reliability-badge' }: { flag: ReliabilityFlag; reasons?: string[]; detail?: Reliability; testId?: string }) {
  const title = detail ? reliabilityTitle(detail) : reasons && reasons.length > 0 ? reasons.join('\n') : flag === 'ok' ? 'The input window looks like the training data.' : undefined;
  return (
    <span className={`status-badge reliability-badge reliability-${flag}`} title={title} data-testid={testId} data-flag={flag}>
      <span className="reliability-dot" aria-hidden="true" />
      {LABEL[flag]}
    </span>
  );
}

/** How many predictions got each flag, as badges with counts and a proportional bar. */
export function ReliabilityCountsView({ counts }: { counts: ReliabilityCounts }) {
  const total = FLAGS.reduce((s, f) => s + counts[f], 0);
  return (
    <div className="reliability-counts" data-testid="reliability-counts">
      <div className="reliability-bar" aria-hidden="true">
        {FLAGS.map((f) => (counts[f] > 0 ? <span key={f} className={`reliability-${f}`} style={{ flexGrow: counts[f] }} /> : null))}
      </div>
      <div className="reliability-legend">
        {FLAGS.map((f) => (
          <span key={f} className="reliability-legend-item" data-testid={`reliability-count-${f}`}>
            <ReliabilityBadge flag={f} testId={`reliability-badge-${f}`} />
            <span className="mono">{fmtCount(counts[f])}</span>
            <span className="muted small">{total > 0 ? fmtPct(counts[f] / total, 0) : ''}</span>
          </span>
        ))}
      </div>
    </div>
  );
}
