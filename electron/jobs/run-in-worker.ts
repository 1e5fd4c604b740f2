/**
 * The back end's half of the job protocol: runs one job in a new worker thread with a memory limit
 * (running out of memory ends the worker, not the app), relays its progress, passes every cancel on
 * (politely), terminates it when it has not stopped within the grace period (a longer one once it
 * saves what it kept), and reports a worker that crashes or exits without answering as a clear error.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError, UserError, deserializeError } from '../../shared/errors';
import type { JobHandle } from '../app/job-registry';
import { workerResourceLimits } from './worker-limits';
import type { FromWorker, ToWorker } from './worker-protocol';

/** The words of one kind of job's errors. */
export interface WorkerJobWords {
  /** The job as the subject of a sentence: "Training", "The import". */
  what: string;
  /** Its worker: "training worker". */
  worker: string;
  /** What is (not) left behind when it fails: "no model was saved". */
  lost: string;
  /** What to do when it runs out of memory. */
  memoryAdvice: string;
}

/** How long a finished worker may take to end by itself (after housekeeping such as a checkpoint) before it is terminated. */
export const LINGER_MS = 30_000;

/** One job for a worker. */
export interface WorkerCallOptions<P> {
  /** The worker's entry script (default: the job worker, which runs every job of the table). */
  script?: string;
  /** The job's name and request, as the worker's runner takes them. */
  job: string;
  req: unknown;
  dbPath: string;
  home: string;
  /** The registry's handle of the job: its cancels reach the worker. */
  handle: Pick<JobHandle, 'signal' | 'onCancel'>;
  onProgress?: (p: P) => void;
  words: WorkerJobWords;
  /** How long a cancelled worker may take to stop before it is terminated. */
  graceMs: number;
  /** A longer grace once the worker says it saves what it kept (a training's best model). */
  saveGrace?: { ms: number; saving(p: P): boolean };
}

/** Runs a job in a new worker; resolves with its value or rejects with its error (kind kept: user, cancelled, internal). */
export function runInWorker<T, P>(o: WorkerCallOptions<P>): Promise<T> {
  const { handle, words } = o;
  if (handle.signal.aborted) return Promise.reject(new CancelledError(`${words.what} was cancelled before it started; ${words.lost}.`));
  const limits = workerResourceLimits();
  const worker = new Worker(o.script ?? path.join(__dirname, 'job-worker.js'), { resourceLimits: limits });
  const id = randomUUID();
  const post = (m: ToWorker) => worker.postMessage(m);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let cancelled = false;
    let saving = false;
    let forced = false;
    let killTimer: NodeJS.Timeout | undefined;
    const armKill = (ms: number) => {
      clearTimeout(killTimer);
      killTimer = setTimeout(() => {
        forced = true;
        void worker.terminate();
      }, ms);
    };
    const stopListening = handle.onCancel(({ keepBest }) => {
      if (settled) return;
      if (!cancelled) armKill(saving && o.saveGrace ? o.saveGrace.ms : o.graceMs);
      cancelled = true;
      post({ type: 'cancel', id, keepBest });
    });
    const finish = (outcome: { value: T } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      stopListening();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.value);
      setTimeout(() => void worker.terminate(), LINGER_MS).unref();
    };
    worker.on('message', (m: FromWorker<P, T>) => {
      if (m.id !== id) return;
      if (m.type === 'progress') {
        if (o.saveGrace && !saving && o.saveGrace.saving(m.progress)) {
          saving = true;
          // The work has stopped once the worker saves what it kept: give the save its own, longer grace.
          if (cancelled) armKill(o.saveGrace.ms);
        }
        o.onProgress?.(m.progress);
      } else if (m.type === 'result') finish({ value: m.value });
      else finish({ error: deserializeError(m.error) });
    });
    worker.on('error', (err: Error & { code?: string }) =>
      finish({
        error:
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new UserError(`${words.what} ran out of memory (the ${words.worker} may use ${limits.maxOldGenerationSizeMb!.toLocaleString('en-US')} MB) and was stopped; ${words.lost}. ${words.memoryAdvice}`)
            : new Error(`The ${words.worker} crashed: ${err.message}. ${capitalise(words.lost)}; the app itself is unaffected. Try again.`),
      }),
    );
    worker.on('exit', (code) =>
      finish({
        error: forced
          ? new CancelledError(`${words.what} did not stop in time after the cancel and was stopped by force; ${words.lost}.`)
          : new Error(`The ${words.worker} stopped unexpectedly (exit code ${code}) before reporting a result; ${words.lost}. Try again.`),
      }),
    );
    post({ type: 'request', id, job: o.job, req: o.req, dbPath: o.dbPath, home: o.home });
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
