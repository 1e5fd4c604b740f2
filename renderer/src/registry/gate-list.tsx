/** The quality gates of a deploy, one line each: status, what was checked and what was found. */
import type { GateResult, GateStatus } from '../../../shared/registry/types';
import { InlineCode } from '../common/inline-code';

const MARK: Record<GateStatus, string> = { pass: '✓', fail: '✕', warn: '!', skip: '–' };
const LABEL: Record<GateStatus, string> = { pass: 'Pass', fail: 'Fail', warn: 'Warning', skip: 'Skipped' };

/** Renders the gates; `compact` drops the details into tooltips (history rows). */
export function GateList({ gates, compact, testId = 'gate-list' }: { gates: GateResult[]; compact?: boolean; testId?: string }) {
  if (compact) {
    return (
      <span className="gate-marks" data-testid={testId}>
        {gates.map((g) => (
          <span key={g.gate} className={`gate-mark gate-${g.status}`} title={`${LABEL[g.status]}: ${g.title}. ${g.detail}`}>
            {MARK[g.status]}
          </span>
        ))}
      </span>
    );
  }
  return (
    <ul className="gate-list" data-testid={testId}>
      {gates.map((g) => (
        <li key={g.gate} className={`gate gate-${g.status}`} data-testid="gate" data-gate={g.gate} data-status={g.status}>
          <span className="gate-icon" aria-label={LABEL[g.status]}>
            {MARK[g.status]}
          </span>
          <div className="gate-text">
            <div className="gate-title">
              {g.title} <span className="gate-status">{LABEL[g.status]}</span>
            </div>
            <div className="gate-detail">
              <InlineCode text={g.detail} />
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
