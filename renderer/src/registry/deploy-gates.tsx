/** The quality gates section of the deploy dialog: verdict, basis, the test-split option, progress and each gate. */
import type { DeployResult, GateReport } from '../../../shared/registry/types';
import type { AnalysisJob } from '../common/analysis-job';
import { AlertIcon } from '../common/icons';
import { JobProgressView } from '../common/progress-bar';
import { GateList } from './gate-list';

/** Renders the gates of the current choice; `running` is the job in flight (gates or the deploy itself). */
export function DeployGates({
  gatesJob,
  running,
  onTest,
  onOnTest,
  already,
  version,
  alias,
  busy,
}: {
  gatesJob: AnalysisJob<GateReport>;
  running: AnalysisJob<GateReport> | AnalysisJob<DeployResult> | null;
  onTest: boolean;
  onOnTest: (on: boolean) => void;
  already: boolean;
  version: number;
  alias: string;
  busy: boolean;
}) {
  const report = gatesJob.status === 'done' ? gatesJob.result : null;
  const checking = running === gatesJob;
  return (
    <div className="deploy-gates">
      <div className="deploy-gates-head">
        <span className="field-label">Quality gates</span>
        {report && (
          <span className={`status-badge ${report.passed ? 'status-completed' : 'status-failed'}`} data-testid="gate-verdict">
            {report.passed ? 'All gates pass' : 'A gate failed'}
          </span>
        )}
        {report && <span className="muted small" data-testid="gate-basis">on the {report.basis === 'test' ? 'test split' : 'validation split'} metrics</span>}
        <label className="check small deploy-on-test" title="Evaluates this version (and the one in service) on the held-out test split of its training data before the gates decide: slower, but both are measured on the same windows.">
          <input type="checkbox" checked={onTest} onChange={(e) => onOnTest(e.target.checked)} disabled={busy} data-testid="deploy-on-test" />
          Measure on the test split
        </label>
      </div>
      {already && (
        <div className="alert alert-info" data-testid="deploy-already">
          <AlertIcon />
          <div className="alert-message">
            v{version} is already {alias}. Choose another version or alias.
          </div>
        </div>
      )}
      {checking && !onTest && <div className="muted small">Running the gates…</div>}
      {running && onTest && <JobProgressView job={running} testId="deploy-progress" />}
      {gatesJob.status === 'cancelled' && <div className="muted small">Cancelled: the gates were not measured. Untick the test split, or change a choice to run them again.</div>}
      {gatesJob.status === 'failed' && <div className="field-error" data-testid="deploy-gates-error">{gatesJob.error}</div>}
      {report && <GateList gates={report.gates} />}
      {report && report.notes.length > 0 && (
        <ul className="gate-notes muted small">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
