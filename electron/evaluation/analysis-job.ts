/**
 * The main-process side of an analysis: runs it in a worker thread (the window and the server stay
 * responsive while a model scores thousands of windows), relays its progress, and cancels it
 * politely, then by force. A worker that dies is reported as a clear error.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError, UserError, deserializeError } from '../../shared/errors';
import { requestFromWorker } from '../app/worker-request';
import { workerResourceLimits } from '../training/train-job';
import type { AnalysisWorkerMessage, AnalysisWorkerRequest, WorkerOperation, WorkerReq, WorkerRes } from './analysis-protocol';

/** How long a cancelled analysis may take to stop before its worker is terminated. */
export const ANALYSIS_CANCEL_GRACE_MS = 3000;

/** Runs `op` in a new worker; `signal` cancels it, `onProgress` receives its phases. */
export function runAnalysisInWorker<K extends WorkerOperation>(
  dbPath: string,
  op: K,
  req: WorkerReq<K>,
  signal: AbortSignal,
  onProgress: (phase: string, fraction: number | null) => void,
): Promise<WorkerRes<K>> {
  const limits = workerResourceLimits();
  const worker = new Worker(path.join(__dirname, 'analysis-worker.js'), { resourceLimits: limits });
  const id = `${op}-${Date.now()}`;
  return requestFromWorker<AnalysisWorkerMessage, WorkerRes<K>>({
    worker,
    signal,
    start: () => worker.postMessage({ type: 'run', id, dbPath, op, req } as AnalysisWorkerRequest),
    cancel: () => worker.postMessage({ type: 'cancel', id } satisfies AnalysisWorkerRequest),
    onMessage: (m) => {
      if (m.id !== id) return undefined;
      if (m.type === 'progress') {
        onProgress(m.phase, m.fraction);
        return undefined;
      }
      return m.ok ? { ok: true, value: m.value as WorkerRes<K> } : { ok: false, error: deserializeError(m.error) };
    },
    graceMs: ANALYSIS_CANCEL_GRACE_MS,
    cancelled: () => new CancelledError('The analysis was cancelled.'),
    crashed: (err) =>
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new UserError(`The analysis ran out of memory (its worker may use ${limits.maxOldGenerationSizeMb} MB) and was stopped. Use a smaller dataset or a larger stride.`)
        : new Error(`The analysis worker crashed: ${err.message}. The app itself is unaffected; try again.`),
    exited: (code) => new Error(`The analysis worker stopped unexpectedly (exit code ${code}) before reporting a result. Try again.`),
    terminateAfterMs: 500,
  });
}
