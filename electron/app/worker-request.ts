/**
 * One request to a worker thread that answers once: the answer settles the call a single time, a
 * cancel is asked for politely (the worker rolls back) and enforced after a grace period, and a
 * worker that crashes or exits without answering is reported as a clear error.
 */
import type { Worker } from 'node:worker_threads';

/** What the worker's answer settles the call with. */
export type WorkerOutcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/** How to talk to one kind of worker. */
export interface WorkerRequestSpec<M, T> {
  worker: Worker;
  signal: AbortSignal;
  /** Posts the request (after the listeners are attached). */
  start(): void;
  /** Posts the worker's cancel message. */
  cancel(): void;
  /** Reads a message: its outcome when it is the answer, undefined for anything else (progress). */
  onMessage(m: M): WorkerOutcome<T> | undefined;
  /** How long a cancelled worker may take to stop before it is terminated. */
  graceMs: number;
  /** The error of a cancel the worker did not honour in time. */
  cancelled(): Error;
  /** The error of a worker that crashed (Node's 'error' event). */
  crashed(err: Error & { code?: string }): Error;
  /** The error of a worker that exited without answering. */
  exited(code: number): Error;
  /** Terminates the worker this long after the call settles; without it the worker ends by itself. */
  terminateAfterMs?: number;
}

/** Runs the exchange; resolves with the worker's answer or rejects with its error. */
export function requestFromWorker<M, T>(spec: WorkerRequestSpec<M, T>): Promise<T> {
  const { worker, signal } = spec;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (outcome: WorkerOutcome<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      signal.removeEventListener('abort', onAbort);
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
      if (spec.terminateAfterMs !== undefined) setTimeout(() => void worker.terminate(), spec.terminateAfterMs).unref();
    };
    const onAbort = () => {
      spec.cancel();
      killTimer = setTimeout(() => {
        if (spec.terminateAfterMs === undefined) void worker.terminate();
        finish({ ok: false, error: spec.cancelled() });
      }, spec.graceMs);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: M) => {
      const outcome = spec.onMessage(m);
      if (outcome) finish(outcome);
    });
    worker.on('error', (err: Error & { code?: string }) => finish({ ok: false, error: spec.crashed(err) }));
    worker.on('exit', (code) => finish({ ok: false, error: spec.exited(code) }));
    spec.start();
    if (signal.aborted) onAbort(); // cancelled before it started
  });
}
