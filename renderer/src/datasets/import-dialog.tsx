/** The import dialog: preview a file, adjust the detected options, import it with progress and cancel. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress, PickedFile } from '../../../shared/api';
import type { DatasetDetail, ImportOptions, ImportPreview } from '../../../shared/dataset';
import { getApi } from '../common/api-client';
import { errorMessage, isCancelled } from '../common/error-context';
import { fmtBytes } from '../common/format';
import { AlertIcon, InfoIcon } from '../common/icons';
import { ImportOptionsForm, type OptionChange } from './import-options-form';
import { ImportProgress } from './import-progress';
import { ImportSampleTable } from './import-sample-table';
import { Modal } from '../common/modal';

type Status =
  | { kind: 'editing' }
  | { kind: 'importing'; jobId: string; progress: JobProgress | null; cancelling: boolean }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** Options whose change can alter the column names, so column choices made before must be re-detected. */
const STRUCTURAL: (keyof ImportOptions)[] = ['fileType', 'delimiter', 'header'];
const COLUMN_CHOICES: (keyof ImportOptions)[] = ['columns', 'timeColumn', 'entityColumn', 'labelColumn'];

/** Default dataset name: the file name without its extension. */
function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
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
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  // Only what the user changed is sent to the preview; everything else is detected.
  const [overrides, setOverrides] = useState<ImportOptions>({});
  const [name, setName] = useState(baseName(file.name));
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const mounted = useRef(true);
  // The job the user asked to cancel: its failure is a cancellation even if the error lost its kind
  // (Electron's contextBridge keeps only an error's message).
  const cancelRequested = useRef<string | null>(null);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  useEffect(() => {
    let stale = false;
    setLoading(true);
    const options = Object.keys(overrides).length > 0 ? overrides : undefined;
    getApi()
      .datasets.preview({ path: file.path, ...(options ? { options } : {}) })
      .then(
        (p) => {
          if (stale) return;
          setPreview(p);
          setPreviewError(null);
        },
        (err) => !stale && setPreviewError(errorMessage(err)),
      )
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [file.path, overrides]);

  const change = useCallback((c: OptionChange) => {
    setStatus({ kind: 'editing' });
    setOverrides((prev) => {
      const next: ImportOptions = { ...prev, [c.key]: c.value };
      if (STRUCTURAL.includes(c.key)) for (const k of COLUMN_CHOICES) delete next[k];
      return next;
    });
  }, []);

  const rename = useCallback(
    (index: number, newName: string) => {
      if (!preview) return;
      const old = preview.columns[index];
      const columns = preview.columns.map((c, i) => (i === index ? newName : c));
      setStatus({ kind: 'editing' });
      setOverrides((prev) => {
        const next: ImportOptions = { ...prev, columns };
        // Keep the roles the user (or the detector) gave this column under its new name.
        for (const k of ['timeColumn', 'entityColumn', 'labelColumn'] as const) {
          if (preview.options[k] === old) next[k] = newName;
        }
        return next;
      });
    },
    [preview],
  );

  const startImport = async () => {
    if (!preview) return;
    const api = getApi();
    const jobId = crypto.randomUUID();
    setStatus({ kind: 'importing', jobId, progress: null, cancelling: false });
    // Subscribe before starting so the first updates are not missed.
    const unsubscribe = api.events.onJobProgress((p) => {
      if (p.jobId !== jobId || !mounted.current) return;
      setStatus((s) => (s.kind === 'importing' && s.jobId === jobId ? { ...s, progress: p } : s));
    });
    const options: ImportOptions = { ...preview.options, name: name.trim() || baseName(file.name) };
    try {
      const detail = await api.datasets.import({ jobId, path: file.path, options });
      if (mounted.current) onImported(detail);
    } catch (err) {
      if (!mounted.current) return;
      const cancelled = isCancelled(err) || cancelRequested.current === jobId;
      setStatus(cancelled ? { kind: 'cancelled' } : { kind: 'failed', message: errorMessage(err) });
    } finally {
      unsubscribe();
    }
  };

  const cancelImport = async () => {
    if (status.kind !== 'importing') return;
    setStatus({ ...status, cancelling: true });
    cancelRequested.current = status.jobId;
    try {
      await getApi().jobs.cancel({ jobId: status.jobId });
    } catch (err) {
      setStatus({ kind: 'failed', message: `Could not cancel the import: ${errorMessage(err)}` });
    }
  };

  const importing = status.kind === 'importing';
  const footer = (
    <>
      <div className="footer-status">
        {importing && <ImportProgress progress={status.progress} cancelling={status.cancelling} />}
        {!importing && loading && preview && <span className="muted small">Updating preview…</span>}
      </div>
      {importing ? (
        <button
          type="button"
          className="button"
          onClick={cancelImport}
          disabled={status.cancelling}
          data-testid="import-cancel"
        >
          Cancel import
        </button>
      ) : (
        <>
          <button type="button" className="button" onClick={onClose} data-testid="import-close">
            Close
          </button>
          <button
            type="button"
            className="button primary"
            onClick={startImport}
            disabled={!preview || loading || previewError !== null}
            data-testid="import-confirm"
          >
            Import
          </button>
        </>
      )}
    </>
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
