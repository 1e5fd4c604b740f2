/**
 * Deploy a version to an alias: choose the version, the alias (production, candidate or a name of
 * your own) and optionally a dataset to check it against; the quality gates run as you choose and
 * are listed. A failed gate blocks the deploy unless you override it with a reason (recorded).
 */
import { useEffect, useState } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import { isAliasName } from '../../../shared/registry/model-ref';
import { STANDARD_ALIASES, type DeployResult, type GateReport, type RegisteredModel } from '../../../shared/registry/types';
import { getApi } from '../api-client';
import { errorMessage } from '../error-context';
import { useAction } from '../use-action';
import { GateList } from './gate-list';
import { AlertIcon } from './icons';
import { Modal } from './modal';
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
  const [report, setReport] = useState<GateReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [gatesError, setGatesError] = useState<string | null>(null);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const { busy, error } = action;

  const alias = choice === 'custom' ? custom.trim() : choice;
  const aliasOk = isAliasName(alias);
  const inService = model.aliases[alias] ?? null;

  useEffect(() => {
    setReport(null);
    setGatesError(null);
    if (!aliasOk) return;
    let stale = false;
    setChecking(true);
    const timer = setTimeout(() => {
      getApi()
        .models.gates({ name: model.name, version, alias, ...(datasetId !== null ? { datasetId } : {}) })
        .then(
          (r) => !stale && setReport(r),
          (err) => !stale && setGatesError(errorMessage(err)),
        )
        .finally(() => !stale && setChecking(false));
    }, choice === 'custom' ? GATES_DELAY_MS : 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [model.name, version, alias, aliasOk, choice, datasetId]);

  const failed = report !== null && !report.passed;
  const blocked = !report || checking || busy || (failed && (!override || reason.trim() === '')) || inService === version;
  const deploy = () =>
    action.run(async () => {
      const result = await getApi().models.deploy({
        name: model.name,
        version,
        alias,
        reason: reason.trim(),
        ...(failed ? { force: true } : {}),
        ...(datasetId !== null ? { datasetId } : {}),
      });
      onDeployed(result);
    });

  return (
    <Modal
      title={`Deploy ${model.name}`}
      subtitle="Points an alias at a version after its quality gates pass. Every move is recorded with its time, reason and gates."
      onClose={busy ? undefined : onClose}
      size="md"
      testId="deploy-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${failed ? 'danger' : 'primary'}`}
            onClick={() => void deploy()}
            disabled={blocked}
            title={inService === version ? `v${version} is already ${alias}.` : failed && !override ? 'A gate failed: tick the override and give a reason, or fix what failed.' : undefined}
            data-testid="deploy-confirm"
          >
            {busy ? 'Deploying…' : failed ? 'Deploy with override' : `Deploy v${version} as ${aliasOk ? alias : '…'}`}
          </button>
        </>
      }
    >
      <div className="deploy-form">
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
            {report && <span className="muted small">on the {report.basis === 'test' ? 'test split' : 'validation split'} metrics</span>}
          </div>
          {inService === version && (
            <div className="alert alert-info" data-testid="deploy-already">
              <AlertIcon />
              <div className="alert-message">
                v{version} is already {alias}. Choose another version or alias.
              </div>
            </div>
          )}
          {checking && !report && <div className="muted small">Running the gates…</div>}
          {gatesError && <div className="field-error">{gatesError}</div>}
          {report && <GateList gates={report.gates} />}
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
        {error && (
          <div className="alert alert-error" data-testid="deploy-error">
            <AlertIcon />
            <div className="alert-message">{error}</div>
          </div>
        )}
      </div>
    </Modal>
  );
}
