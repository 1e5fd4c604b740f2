/**
 * Deploy a version to an alias: choose the version, the alias (production, candidate or a name of
 * your own) and optionally a dataset to check it against; the quality gates run as you choose and
 * are listed (on the stored validation metrics, or measured on the test split as a job with
 * progress and cancel). A failed gate blocks the deploy unless you override it with a reason (recorded).
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import { isAliasName } from '../../../shared/registry/model-ref';
import { STANDARD_ALIASES, type DeployResult, type GateReport, type RegisteredModel } from '../../../shared/registry/types';
import { getApi } from '../common/api-client';
import { isBusy, useAnalysisJob } from '../common/analysis-job';
import { GateList } from './gate-list';
import { AlertIcon } from '../common/icons';
import { Modal } from '../common/modal';
import { JobProgressView } from '../common/progress-bar';
import { VersionSelect } from './version-select';

/** Waits this long after typing a custom alias before running the gates. */
const GATES_DELAY_MS = 250;

type AliasChoice = (typeof STANDARD_ALIASES)[number] | 'custom';

/** The dialog; `onDeployed` runs after the alias moved. */
export function DeployDialog({
  model,
  version: initialVersion,
  alias: initialAlias = 'production',
  datasets,
  onClose,
  onDeployed,
}: {
  model: RegisteredModel;
  version: number;
  alias?: string;
  datasets: DatasetSummary[] | null;
  onClose: () => void;
  onDeployed: (result: DeployResult) => void;
}) {
  const standard = (STANDARD_ALIASES as readonly string[]).includes(initialAlias);
  const [version, setVersion] = useState(initialVersion);
  const [choice, setChoice] = useState<AliasChoice>(standard ? (initialAlias as AliasChoice) : 'custom');
  const [custom, setCustom] = useState(standard ? '' : initialAlias);
  const [datasetId, setDatasetId] = useState<number | null>(null);
  const [onTest, setOnTest] = useState(false);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const gatesJob = useAnalysisJob<GateReport>();
  const deployJob = useAnalysisJob<DeployResult>();

  const alias = choice === 'custom' ? custom.trim() : choice;
  const aliasOk = isAliasName(alias);
  const inService = model.aliases[alias] ?? null;
  const already = inService === version;
  const target = { name: model.name, version, alias, ...(datasetId !== null ? { datasetId } : {}), ...(onTest ? { evaluate: true } : {}) };
  const targetKey = JSON.stringify(target);

  // The gates run again whenever the version, alias, dataset or basis changes (a typed alias after a pause).
  const { reset: resetGates, run: runGates } = gatesJob;
  useEffect(() => {
    resetGates();
    // Nothing to check when the alias already points at the version.
    if (!aliasOk || already) return;
    const timer = setTimeout(() => void runGates((jobId) => getApi().models.gates({ ...(JSON.parse(targetKey) as typeof target), jobId })), choice === 'custom' ? GATES_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [targetKey, aliasOk, already, choice, resetGates, runGates]);

  const deployed = deployJob.status === 'done' ? deployJob.result : null;
  const reported = useRef(false);
  useEffect(() => {
    if (!deployed || reported.current) return;
    reported.current = true;
    onDeployed(deployed);
  }, [deployed, onDeployed]);

  const report = gatesJob.status === 'done' ? gatesJob.result : null;
  const checking = isBusy(gatesJob.status);
  const busy = isBusy(deployJob.status) || deployed !== null;
  const failed = report !== null && !report.passed;
  const blocked = !report || checking || busy || (failed && (!override || reason.trim() === '')) || already;
  const deploy = () => void deployJob.run((jobId) => getApi().models.deploy({ ...target, reason: reason.trim(), ...(failed ? { force: true } : {}), jobId }));
  // A job that measures on the test split can take a while: it shows its progress and can be cancelled.
  const running = checking ? gatesJob : isBusy(deployJob.status) ? deployJob : null;

  return (
    <Modal
      title={`Deploy ${model.name}`}
      onClose={running ? undefined : onClose}
      size="md"
      testId="deploy-dialog"
      footer={
        <>
          {running && onTest ? (
            <button type="button" className="button danger-outline" onClick={() => void running.cancel()} disabled={running.status === 'cancelling'} data-testid="deploy-cancel-job">
              {running.status === 'cancelling' ? 'Stopping…' : running === gatesJob ? 'Stop measuring' : 'Stop the deploy'}
            </button>
          ) : (
            <button type="button" className="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
          )}
          <button
            type="button"
            className={`button ${failed ? 'danger' : 'primary'}`}
            onClick={() => void deploy()}
            disabled={blocked}
            title={already ? `v${version} is already ${alias}.` : failed && !override ? 'A gate failed: tick the override and give a reason, or fix what failed.' : undefined}
            data-testid="deploy-confirm"
          >
            {busy ? 'Deploying…' : failed ? 'Deploy with override' : `Deploy v${version} as ${aliasOk ? alias : '…'}`}
          </button>
        </>
      }
    >
      <div className="deploy-form">
        <p className="muted small dialog-lead">Points an alias at a version after its quality gates pass. Every move is recorded with its time, reason and gates.</p>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Version</span>
            <VersionSelect model={model} value={version} onChange={setVersion} disabled={busy} testId="deploy-version" />
          </label>
          <label className="field">
            <span className="field-label">Check against a dataset</span>
            <select value={datasetId ?? ''} onChange={(e) => setDatasetId(e.target.value === '' ? null : Number(e.target.value))} disabled={busy} data-testid="deploy-dataset">
              <option value="">None (skip the compatibility gate)</option>
              {(datasets ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="field">
          <span className="field-label">Alias</span>
          <div className="alias-choice">
            <div className="segmented-small" role="radiogroup" aria-label="Alias" data-testid="deploy-alias">
              {[...STANDARD_ALIASES, 'custom' as const].map((a) => (
                <button key={a} type="button" role="radio" aria-checked={choice === a} className={choice === a ? 'active' : ''} onClick={() => setChoice(a)} disabled={busy} data-testid={`deploy-alias-${a}`}>
                  {a === 'custom' ? 'Other…' : a}
                </button>
              ))}
            </div>
            {choice === 'custom' && (
              <input
                type="text"
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
                placeholder="e.g. staging"
                className={custom && !aliasOk ? 'invalid' : ''}
                disabled={busy}
                autoFocus
                data-testid="deploy-alias-custom"
              />
            )}
            <span className="muted small" data-testid="deploy-in-service">
              {aliasOk ? (inService === null ? `Nothing is ${alias} yet.` : `Now: v${inService}.`) : ''}
            </span>
          </div>
          {choice === 'custom' && custom && !aliasOk && <span className="field-error">1 to 40 lowercase letters, digits, “_” or “-”, starting with a letter.</span>}
        </div>

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
              <input type="checkbox" checked={onTest} onChange={(e) => setOnTest(e.target.checked)} disabled={busy} data-testid="deploy-on-test" />
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

        {failed && (
          <label className="check override-check" data-testid="deploy-override">
            <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} disabled={busy} data-testid="deploy-override-check" />
            Override the failed gates (the override and its reason are recorded)
          </label>
        )}
        <label className="field">
          <span className="field-label">Reason{failed ? ' (required to override)' : ' (optional)'}</span>
          <textarea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={failed ? 'Why deploy despite the failed gates, e.g. "evaluated by hand on the March data"' : 'e.g. "retrained on the spring data"'}
            disabled={busy}
            data-testid="deploy-reason"
          />
        </label>
        {deployJob.status === 'cancelled' && <div className="muted small">Cancelled: nothing was deployed.</div>}
        {deployJob.status === 'failed' && (
          <div className="alert alert-error" data-testid="deploy-error">
            <AlertIcon />
            <div className="alert-message">{deployJob.error}</div>
          </div>
        )}
      </div>
    </Modal>
  );
}
