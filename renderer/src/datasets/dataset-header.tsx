/** The dataset page header: breadcrumb, name with inline rename, source facts and delete. */
import { useState } from 'react';
import type { DatasetSummary } from '../../../shared/dataset';
import { getApi } from '../common/api-client';
import { useReportError } from '../common/error-context';
import { fmtBytes, fmtLocalDate } from '../common/format';
import { ConfirmDialog } from '../common/confirm-dialog';
import { EditIcon, TrashIcon } from '../common/icons';

/** Renders the header; rename saves on Enter or blur, delete asks for confirmation first. */
export function DatasetHeader({
  summary,
  onBack,
  onRenamed,
  onDeleted,
}: {
  summary: DatasetSummary;
  onBack: () => void;
  onRenamed: (name: string) => void;
  onDeleted: () => void;
}) {
  const report = useReportError();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(summary.name);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const save = async () => {
    const name = draft.trim();
    if (!name || name === summary.name) {
      setEditing(false);
      setDraft(summary.name);
      return;
    }
    setSaving(true);
    try {
      const updated = await getApi().datasets.rename({ id: summary.id, name });
      onRenamed(updated.name);
      setEditing(false);
    } catch (err) {
      report('Renaming the dataset', err);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    setDeleting(true);
    try {
      await getApi().datasets.delete({ id: summary.id });
      setConfirming(false);
      onDeleted();
    } catch (err) {
      report('Deleting the dataset', err);
      setDeleting(false);
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
