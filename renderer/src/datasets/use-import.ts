/** The import dialog's plumbing: the preview of a file under the chosen options, and the import job with progress and cancel. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../shared/api';
import type { DatasetDetail, ImportOptions, ImportPreview } from '../../../shared/dataset';
import { getApi } from '../common/api-client';
import { errorMessage, isCancelled } from '../common/error-context';
import { useOperation } from '../common/use-operation';

/** The preview as the dialog shows it. */
export interface PreviewState {
  /** The last preview that could be read (kept while options change and after an error, so they can be fixed). */
  preview: ImportPreview | null;
  /** Why the file cannot be read with the current options, or null. */
  previewError: string | null;
  loading: boolean;
}

/** The start of `path` read with the detected options and the user's `overrides`. */
export function useImportPreview(path: string, overrides: ImportOptions): PreviewState {
  const options = Object.keys(overrides).length > 0 ? overrides : undefined;
  // Errors are shown in the dialog, not in the banner.
  const q = useOperation('datasets:preview', { path, ...(options ? { options } : {}) }, null, { keepPrevious: true });
  const [lastGood, setLastGood] = useState<ImportPreview | null>(null);
  if (q.data && q.data !== lastGood) setLastGood(q.data);
  return { preview: q.data ?? lastGood, previewError: q.isError ? errorMessage(q.error) : null, loading: q.isFetching };
}

/** Where the import stands. */
export type ImportStatus =
  | { kind: 'editing' }
  | { kind: 'importing'; jobId: string; progress: JobProgress | null; cancelling: boolean }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** The import of one file: `start` runs it as a job (progress as it goes), `cancel` stops it; `edit` clears an outcome. */
export function useImportJob(path: string, onImported: (detail: DatasetDetail) => void) {
  const [status, setStatus] = useState<ImportStatus>({ kind: 'editing' });
  const mounted = useRef(true);
  // The job the user asked to cancel: its failure is a cancellation even if the error lost its kind
  // (Electron's contextBridge keeps only an error's message).
  const cancelRequested = useRef<string | null>(null);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const start = async (options: ImportOptions) => {
    const api = getApi();
    const jobId = crypto.randomUUID();
    setStatus({ kind: 'importing', jobId, progress: null, cancelling: false });
    // Subscribe before starting so the first updates are not missed.
    const unsubscribe = api.events.onJobProgress((p) => {
      if (p.jobId !== jobId || !mounted.current) return;
      setStatus((s) => (s.kind === 'importing' && s.jobId === jobId ? { ...s, progress: p } : s));
    });
    try {
      const detail = await api.datasets.import({ jobId, path, options });
      if (mounted.current) onImported(detail);
    } catch (err) {
      if (!mounted.current) return;
      const cancelled = isCancelled(err) || cancelRequested.current === jobId;
      setStatus(cancelled ? { kind: 'cancelled' } : { kind: 'failed', message: errorMessage(err) });
    } finally {
      unsubscribe();
    }
  };

  const cancel = async () => {
    if (status.kind !== 'importing') return;
    setStatus({ ...status, cancelling: true });
    cancelRequested.current = status.jobId;
    try {
      await getApi().jobs.cancel({ jobId: status.jobId });
    } catch (err) {
      setStatus({ kind: 'failed', message: `Could not cancel the import: ${errorMessage(err)}` });
    }
  };

  const edit = useCallback(() => setStatus({ kind: 'editing' }), []);
  return { status, start, cancel, edit };
}
