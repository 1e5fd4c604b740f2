/**
 * Deploy a version to an alias: choose the version, the alias (production, candidate or a name of
 * your own) and optionally a dataset to check it against; the quality gates run as you choose and
 * are listed (on the stored validation metrics, or measured on the test split as a job with
 * progress and cancel). A failed gate blocks the deploy unless you override it with a reason (recorded).
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import { isAliasName } from '../../../shared/registry/model-ref';
import { STANDARD_ALIASES, type DeployResult, type RegisteredModel } from '../../../shared/registry/types';
import { isBusy, useAnalysisJob } from '../common/analysis-job';
import { getApi } from '../common/api-client';
import { AlertIcon } from '../common/icons';
import { Modal } from '../common/modal';
import { AliasPicker, type AliasChoice } from './alias-picker';
import { DeployGates } from './deploy-gates';
import { useDeployGates } from './use-deploy-gates';
import { VersionSelect } from './version-select';

/** Waits this long after typing a custom alias before running the gates. */
const GATES_DELAY_MS = 250;

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
  const deployJob = useAnalysisJob<DeployResult>();

  const alias = choice === 'custom' ? custom.trim() : choice;
  const aliasOk = isAliasName(alias);
  const inService = model.aliases[alias] ?? null;
  const already = inService === version;
  const target = { name: model.name, version, alias, ...(datasetId !== null ? { datasetId } : {}), ...(onTest ? { evaluate: true } : {}) };
  // The gates run again whenever the version, alias, dataset or basis changes (a typed alias after a pause);
  // nothing to check when the alias already points at the version.
  const gatesJob = useDeployGates(target, !aliasOk || already, choice === 'custom' ? GATES_DELAY_MS : 0);

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
        <AliasPicker choice={choice} onChoice={setChoice} custom={custom} onCustom={setCustom} alias={alias} aliasOk={aliasOk} inService={inService} busy={busy} />

        <DeployGates gatesJob={gatesJob} running={running} onTest={onTest} onOnTest={setOnTest} already={already} version={version} alias={alias} busy={busy} />

        <DeployReason failed={failed} override={override} onOverride={setOverride} reason={reason} onReason={setReason} busy={busy} />
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

/** The override of failed gates (when one failed) and the reason recorded with the move. */
function DeployReason({
  failed,
  override,
  onOverride,
  reason,
  onReason,
  busy,
}: {
  failed: boolean;
  override: boolean;
  onOverride: (on: boolean) => void;
  reason: string;
  onReason: (text: string) => void;
  busy: boolean;
}) {
  return (
    <>
      {failed && (
        <label className="check override-check" data-testid="deploy-override">
          <input type="checkbox" checked={override} onChange={(e) => onOverride(e.target.checked)} disabled={busy} data-testid="deploy-override-check" />
          Override the failed gates (the override and its reason are recorded)
        </label>
      )}
      <label className="field">
        <span className="field-label">Reason{failed ? ' (required to override)' : ' (optional)'}</span>
        <textarea
          rows={2}
          value={reason}
          onChange={(e) => onReason(e.target.value)}
          placeholder={failed ? 'Why deploy despite the failed gates, e.g. "evaluated by hand on the March data"' : 'e.g. "retrained on the spring data"'}
          disabled={busy}
          data-testid="deploy-reason"
        />
      </label>
    </>
  );
}
