import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportOptions } from '../../shared/dataset';
import { CancelledError, deserializeError } from '../../shared/errors';
import type { JobHandle } from '../app/job-registry';
import { requestFromWorker } from '../app/worker-request';
import type { ImportWorkerMessage, ImportWorkerRequest } from './import-protocol';

/** How long a cancelled worker may take to roll back before it is terminated. */
const CANCEL_GRACE_MS = 5000;

/**
 * Runs an import in a worker thread (so the UI and the main process stay responsive), forwarding its
 * progress to the job and cancelling it politely, then by force. Resolves with the new dataset's id.
 */
export function importDataset(dbPath: string, file: string, options: ImportOptions, job: JobHandle): Promise<number> {
  const worker = new Worker(path.join(__dirname, 'import-worker.js'));
  return requestFromWorker<ImportWorkerMessage, number>({
    worker,
    signal: job.signal,
    start: () => worker.postMessage({ type: 'start', dbPath, file, options } satisfies ImportWorkerRequest),
    cancel: () => worker.postMessage({ type: 'cancel' } satisfies ImportWorkerRequest),
    onMessage: (m) => {
      if (m.type === 'progress') {
        job.progress(m.progress, m.progress.phase === 'Done');
        return undefined;
      }
      return m.ok ? { ok: true, value: m.datasetId } : { ok: false, error: deserializeError(m.error) };
    },
    graceMs: CANCEL_GRACE_MS,
    cancelled: () => new CancelledError('Import cancelled; nothing was stored.'),
    crashed: (err) => new Error(`The import worker crashed: ${err.message}`),
    exited: (code) => new Error(`The import worker stopped unexpectedly (exit code ${code}). Nothing was stored; try again.`),
  });
}
