/** Asks how to stop a running training: discard it, or keep the best model so far. */
import { useState } from 'react';
import { Modal } from '../common/modal';

/** Renders the dialog; `onConfirm(keepBest)` stops the run. */
export function TrainCancelDialog({
  busy,
  canKeep,
  onConfirm,
  onClose,
}: {
  busy: boolean;
  /** At least one epoch has finished, so there is a best model to keep. */
  canKeep: boolean;
  onConfirm: (keepBest: boolean) => void;
  onClose: () => void;
}) {
  const [keepBest, setKeepBest] = useState(canKeep);
  return (
    <Modal
      title="Stop training?"
      onClose={busy ? undefined : onClose}
      size="sm"
      testId="train-cancel-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Keep training
          </button>
          <button type="button" className="button danger" onClick={() => onConfirm(keepBest && canKeep)} disabled={busy} data-testid="train-cancel-confirm">
            {busy ? 'Stopping…' : 'Stop training'}
          </button>
        </>
      }
    >
      <p>The run stops within one batch.</p>
      <label className={`check${canKeep ? '' : ' disabled'}`}>
        <input type="checkbox" checked={keepBest && canKeep} disabled={!canKeep || busy} onChange={(e) => setKeepBest(e.target.checked)} data-testid="train-keep-best" />
        <span>
          <strong>Keep the best model so far</strong>
          <span className="muted small block">
            {canKeep ? 'Saves the weights of the epoch with the lowest validation loss.' : 'No epoch has finished yet, so there is nothing to keep.'}
          </span>
        </span>
      </label>
    </Modal>
  );
}
