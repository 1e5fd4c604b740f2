/** The import dialog: preview a file, adjust the detected options, import it with progress and cancel. */
import { useCallback, useState } from 'react';
import type { PickedFile } from '../../../shared/api';
import type { DatasetDetail, ImportOptions, ImportPreview } from '../../../shared/dataset';
import { fmtBytes } from '../common/format';
import { AlertIcon, InfoIcon } from '../common/icons';
import { Modal } from '../common/modal';
import { ImportOptionsForm, type OptionChange } from './import-options-form';
import { ImportProgress } from './import-progress';
import { ImportSampleTable } from './import-sample-table';
import { useImportJob, useImportPreview, type ImportStatus } from './use-import';

/** Options whose change can alter the column names, so column choices made before must be re-detected. */
const STRUCTURAL: (keyof ImportOptions)[] = ['fileType', 'delimiter', 'header'];
const COLUMN_CHOICES: (keyof ImportOptions)[] = ['columns', 'timeColumn', 'entityColumn', 'labelColumn'];

/** Default dataset name: the file name without its extension. */
function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}

/** The overrides after renaming column `index` of the preview: the roles it had follow it to its new name. */
function renamedColumn(prev: ImportOptions, preview: ImportPreview, index: number, newName: string): ImportOptions {
  const old = preview.columns[index];
  const next: ImportOptions = { ...prev, columns: preview.columns.map((c, i) => (i === index ? newName : c)) };
  for (const k of ['timeColumn', 'entityColumn', 'labelColumn'] as const) {
    if (preview.options[k] === old) next[k] = newName;
  }
  return next;
}

/** Renders the dialog for one picked file; calls onImported with the new dataset when the import succeeds. */
export function ImportDialog({
  file,
  onClose,
  onImported,
}: {
  file: PickedFile;
  onClose: () => void;
  onImported: (detail: DatasetDetail) => void;
}) {
  // Only what the user changed is sent to the preview; everything else is detected.
  const [overrides, setOverrides] = useState<ImportOptions>({});
  const [name, setName] = useState(baseName(file.name));
  const { preview, previewError, loading } = useImportPreview(file.path, overrides);
  const { status, start, cancel, edit } = useImportJob(file.path, onImported);

  const change = useCallback(
    (c: OptionChange) => {
      edit();
      setOverrides((prev) => {
        const next: ImportOptions = { ...prev, [c.key]: c.value };
        if (STRUCTURAL.includes(c.key)) for (const k of COLUMN_CHOICES) delete next[k];
        return next;
      });
    },
    [edit],
  );

  const rename = useCallback(
    (index: number, newName: string) => {
      if (!preview) return;
      edit();
      setOverrides((prev) => renamedColumn(prev, preview, index, newName));
    },
    [preview, edit],
  );

  const startImport = () => preview && void start({ ...preview.options, name: name.trim() || baseName(file.name) });
  const cancelImport = () => void cancel();

  const importing = status.kind === 'importing';
  const footer = (
    <ImportFooter status={status} updating={loading && preview !== null} canImport={!!preview && !loading && previewError === null} onCancel={cancelImport} onClose={onClose} onImport={startImport} />
  );

  return (
    <Modal
      title="Import file"
      subtitle={
        <>
          <span className="strong">{file.name}</span>
          {preview && <span className="muted">{fmtBytes(preview.sizeBytes)}</span>}
          <span className="muted ellipsis file-path-inline" title={file.path}>
            {file.path}
          </span>
        </>
      }
      onClose={importing ? undefined : onClose}
      footer={footer}
      size="lg"
      testId="import-dialog"
    >
      <ImportOutcome status={status} />
      {previewError && (
        <div className="alert alert-error" role="alert" data-testid="preview-error">
          <AlertIcon />
          <div>
            <strong>The file cannot be read with these options.</strong>
            <div className="alert-message">{previewError}</div>
          </div>
        </div>
      )}
      {!preview && loading && <div className="placeholder">Reading the start of the file…</div>}
      {preview && (
        <div className={`import-layout${loading ? ' is-loading' : ''}`}>
          <ImportOptionsForm preview={preview} overrides={overrides} name={name} onName={setName} onChange={change} disabled={importing} />
          <div className="import-preview">
            <ImportSampleTable preview={preview} onRename={rename} disabled={importing} />
            {preview.notes.length > 0 && (
              <div className="notes" data-testid="import-notes">
                <div className="notes-title">
                  <InfoIcon /> What was detected
                </div>
                <ul>
                  {preview.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </div>
      )}
    </Modal>
  );
}

/** How the last import ended, when it failed or was cancelled. */
function ImportOutcome({ status }: { status: ImportStatus }) {
  return (
    <>
      {status.kind === 'failed' && (
        <div className="alert alert-error" role="alert" data-testid="import-error">
          <AlertIcon />
          <div>
            <strong>The import failed.</strong>
            <div className="alert-message">{status.message}</div>
          </div>
        </div>
      )}
      {status.kind === 'cancelled' && (
        <div className="alert alert-info" role="status" data-testid="import-cancelled">
          <InfoIcon />
          <div>Import cancelled, nothing was stored.</div>
        </div>
      )}
    </>
  );
}

/** The dialog's footer: progress and Cancel while importing, else Close and Import. */
function ImportFooter({
  status,
  updating,
  canImport,
  onCancel,
  onClose,
  onImport,
}: {
  status: ImportStatus;
  /** A new preview is being read. */
  updating: boolean;
  canImport: boolean;
  onCancel: () => void;
  onClose: () => void;
  onImport: () => void;
}) {
  return (
    <>
      <div className="footer-status">
        {status.kind === 'importing' && <ImportProgress progress={status.progress} cancelling={status.cancelling} />}
        {status.kind !== 'importing' && updating && <span className="muted small">Updating preview…</span>}
      </div>
      {status.kind === 'importing' ? (
        <button type="button" className="button" onClick={onCancel} disabled={status.cancelling} data-testid="import-cancel">
          Cancel import
        </button>
      ) : (
        <>
          <button type="button" className="button" onClick={onClose} data-testid="import-close">
            Close
          </button>
          <button type="button" className="button primary" onClick={onImport} disabled={!canImport} data-testid="import-confirm">
            Import
          </button>
        </>
      )}
    </>
  );
}
