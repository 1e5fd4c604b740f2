/** The dataset page header: breadcrumb, name with inline rename, source facts and delete. */
import { useState } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import { useReportError } from '../common/error-context';
import { fmtBytes, fmtLocalDate } from '../common/format';
import { ConfirmDialog } from '../common/confirm-dialog';
import { EditIcon, TrashIcon } from '../common/icons';
import { useDeleteDataset, useRenameDataset } from './dataset-queries';

/** Renders the header; rename saves on Enter or blur, delete asks for confirmation first. */
export function DatasetHeader({
  summary,
  onBack,
  onDeleted,
}: {
  summary: DatasetSummary;
  onBack: () => void;
  onDeleted: () => void;
}) {
  const report = useReportError();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(summary.name);
  const rename = useRenameDataset();
  const saving = rename.isPending;
  const [confirming, setConfirming] = useState(false);
  const del = useDeleteDataset();
  const deleting = del.isPending;

  const save = async () => {
    const name = draft.trim();
    if (!name || name === summary.name) {
      setEditing(false);
      setDraft(summary.name);
      return;
    }
    try {
      await rename.mutateAsync({ id: summary.id, name });
      setEditing(false);
    } catch (err) {
      report('Renaming the dataset', err);
    }
  };

  const remove = async () => {
    try {
      await del.mutateAsync({ id: summary.id });
      setConfirming(false);
      onDeleted();
    } catch (err) {
      report('Deleting the dataset', err);
      setConfirming(false);
    }
  };

  return (
    <div className="page-header dataset-header">
      <div className="dataset-title-block">
        <nav className="breadcrumb" aria-label="Breadcrumb">
          <button type="button" className="link" onClick={onBack}>
            Datasets
          </button>
          <span aria-hidden="true">/</span>
          <span className="ellipsis">{summary.name}</span>
        </nav>
        {editing ? (
          <input
            className="title-input"
            value={draft}
            autoFocus
            disabled={saving}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={save}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
              if (e.key === 'Escape') {
                setDraft(summary.name);
                setEditing(false);
              }
            }}
            aria-label="Dataset name"
            data-testid="rename-input"
          />
        ) : (
          <h1 className="page-title title-editable" data-testid="dataset-name">
            <span>{summary.name}</span>
            <button
              type="button"
              className="icon-button"
              onClick={() => {
                setDraft(summary.name);
                setEditing(true);
              }}
              title="Rename"
              aria-label="Rename dataset"
              data-testid="rename-button"
            >
              <EditIcon />
            </button>
          </h1>
        )}
        <div className="page-subtitle meta-line">
          <span className="tag">{summary.format === 'wide' ? 'Wide · one sequence per row' : 'Long · one step per row'}</span>
          {summary.sourcePath && (
            <span className="ellipsis" title={summary.sourcePath}>
              {summary.sourcePath}
            </span>
          )}
          {summary.sizeBytes > 0 && <span>{fmtBytes(summary.sizeBytes)}</span>}
          <span>Imported {fmtLocalDate(summary.createdAt)}</span>
        </div>
      </div>
      <button type="button" className="button danger-outline" onClick={() => setConfirming(true)} data-testid="delete-button">
        <TrashIcon />
        Delete
      </button>
      {confirming && (
        <ConfirmDialog
          title="Delete dataset?"
          confirmLabel={deleting ? 'Deleting…' : 'Delete dataset'}
          busy={deleting}
          danger
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
        >
          <p>
            <strong>{summary.name}</strong> and everything stored for it will be removed from this project. The source file on
            disk is not touched.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
