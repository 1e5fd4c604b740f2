/** Roll an alias back to the version it pointed at before, with a reason (recorded). */
import { useState } from 'react';
import { rollbackTarget } from '../../../shared/registry/alias-stack';
import type { AliasEvent, RegisteredModel } from '../../../shared/registry/types';
import { getApi } from '../common/api-client';
import { useAction } from '../common/use-action';
import { AlertIcon } from '../common/icons';
import { Modal } from '../common/modal';

/** The dialog; `onDone` runs after the alias moved back. */
export function RollbackDialog({
  model,
  history,
  alias: initialAlias,
  onClose,
  onDone,
}: {
  model: RegisteredModel;
  /** Every recorded move of the model's aliases. */
  history: AliasEvent[];
  alias: string;
  onClose: () => void;
  onDone: (event: AliasEvent) => void;
}) {
  const aliases = Object.keys(model.aliases).sort();
  const [alias, setAlias] = useState(aliases.includes(initialAlias) ? initialAlias : (aliases[0] ?? initialAlias));
  const [reason, setReason] = useState('');
  const action = useAction();
  const { busy, error } = action;

  const current = model.aliases[alias] ?? null;
  const exists = new Set(model.versions.map((v) => v.version));
  const target = rollbackTarget(history, alias, (v) => exists.has(v));
  const rollback = () => action.run(async () => onDone(await getApi().models.rollback({ name: model.name, alias, reason: reason.trim() })));

  return (
    <Modal
      title={`Roll back ${model.name}`}
      onClose={busy ? undefined : onClose}
      size="sm"
      testId="rollback-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={() => void rollback()} disabled={busy || target === null} data-testid="rollback-confirm">
            {busy ? 'Rolling back…' : target === null ? 'Nothing to roll back to' : `Roll back to v${target}`}
          </button>
        </>
      }
    >
      <div className="deploy-form">
        <p className="muted small dialog-lead">Moves an alias back to the version it pointed at before; the move is recorded with its reason.</p>
        <label className="field">
          <span className="field-label">Alias</span>
          <select value={alias} onChange={(e) => setAlias(e.target.value)} disabled={busy} data-testid="rollback-alias">
            {aliases.map((a) => (
              <option key={a} value={a}>
                {a} (now v{model.aliases[a]})
              </option>
            ))}
          </select>
        </label>
        <p className="rollback-move" data-testid="rollback-move">
          {current === null ? (
            `Nothing is deployed as ${alias}.`
          ) : target === null ? (
            `${alias} has no earlier version that still exists: deploy another version instead.`
          ) : (
            <>
              <strong>{alias}</strong>: v{current} → <strong>v{target}</strong>
            </>
          )}
        </p>
        <label className="field">
          <span className="field-label">Reason</span>
          <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder='e.g. "v3 misses the night-time peaks"' disabled={busy} data-testid="rollback-reason" />
        </label>
        {error && (
          <div className="alert alert-error" data-testid="rollback-error">
            <AlertIcon />
            <div className="alert-message">{error}</div>
          </div>
        )}
      </div>
    </Modal>
  );
}
