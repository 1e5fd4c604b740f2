import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportOptions } from '../../shared/dataset';
import { CancelledError, deserializeError } from '../../shared/errors';
import type { JobHandle } from '../app/job-registry';
import type { ImportWorkerMessage, ImportWorkerRequest } from './import-protocol';

/** How long a cancelled worker may take to roll back before it is terminated. */
const CANCEL_GRACE_MS = 5000;

/**
 * Runs an import in a worker thread (so the UI and the main process stay responsive), forwarding its
 * progress to the job and cancelling it politely, then by force. Resolves with the new dataset's id.
 */
export function importDataset(dbPath: string, file: string, options: ImportOptions, job: JobHandle): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'import-worker.js'));
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      job.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'cancel' } satisfies ImportWorkerRequest);
      killTimer = setTimeout(() => {
        void worker.terminate();
        finish(() => reject(new CancelledError('Import cancelled; nothing was stored.')));
      }, CANCEL_GRACE_MS);
    };
    job.signal.addEventListener('abort', onAbort);
    worker.on('message', (m: ImportWorkerMessage) => {
      if (m.type === 'progress') {
        job.progress(m.progress, m.progress.phase === 'Done');
        return;
      }
      if (!m.ok) return finish(() => reject(deserializeError(m.error)));
      finish(() => resolve(m.datasetId));
    });
    worker.on('error', (err) => finish(() => reject(new Error(`The import worker crashed: ${err.message}`))));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`The import worker stopped unexpectedly (exit code ${code}). Nothing was stored; try again.`))),
    );
    worker.postMessage({ type: 'start', dbPath, file, options } satisfies ImportWorkerRequest);
    if (job.signal.aborted) onAbort(); // cancelled before it started
  });
}
