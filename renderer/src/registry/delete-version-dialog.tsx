/** Deletes a model version after confirmation; the back end refuses while an alias points at it, and says so here. */
import type { ModelSummary } from '../../../shared/model/training';
import { getApi } from '../common/api-client';
import { useAction } from '../common/use-action';
import { ConfirmDialog } from '../common/confirm-dialog';
import { AlertIcon } from '../common/icons';

/** The confirmation; `onDeleted` runs once the version is gone. */
export function DeleteVersionDialog({ version, onClose, onDeleted }: { version: ModelSummary; onClose: () => void; onDeleted: () => void }) {
  const action = useAction();
  const { busy, error } = action;
  const remove = () =>
    action.run(async () => {
      await getApi().models.delete({ name: version.name, version: version.version });
      onDeleted();
    });
  return (
    <ConfirmDialog title={`Delete ${version.name} v${version.version}?`} confirmLabel="Delete version" danger busy={busy} onConfirm={() => void remove()} onCancel={onClose}>
      <p>
        The saved model and its files are removed for good. Its training run stays in the run history, and the alias history keeps the moves that involved it.
      </p>
      {version.aliases.length > 0 && !error && (
        <p className="text-warning" data-testid="delete-aliased">
          {version.aliases.join(' and ')} point{version.aliases.length === 1 ? 's' : ''} at this version: move {version.aliases.length === 1 ? 'it' : 'them'} first.
        </p>
      )}
      {error && (
        <div className="alert alert-error" data-testid="delete-error">
          <AlertIcon />
          <div className="alert-message">{error}</div>
        </div>
      )}
    </ConfirmDialog>
  );
}
