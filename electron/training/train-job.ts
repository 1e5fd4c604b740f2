/**
 * The main-process side of a training worker: spawns the worker thread with a memory limit (so an
 * out-of-memory ends the worker, not the app), relays its messages, and cancels it politely, then
 * by force. A worker that dies without a result is reported as a clear error.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { CancelledError, UserError, deserializeError } from '../../shared/errors';
import type { TrainingEstimate } from '../../shared/model/training';
import type { TrainOutcome, TrainWorkerMessage, TrainWorkerRequest } from './train-protocol';

/** How long a cancelled worker may take to stop training before it is terminated. */
export const CANCEL_GRACE_MS = 10_000;
/** How long a worker cancelled with keepBest may take to evaluate and save the kept model. */
export const SAVE_GRACE_MS = 120_000;

/**
 * The worker's V8 heap limit: 4 GB, or 60% of the machine's memory when that is less.
 * LSTM_STUDIO_WORKER_HEAP_MB overrides it (for small machines, and to test running out of memory).
 */
export function workerResourceLimits(env: NodeJS.ProcessEnv = process.env): ResourceLimits {
  const override = Number(env.LSTM_STUDIO_WORKER_HEAP_MB);
  if (Number.isInteger(override) && override > 0) return { maxOldGenerationSizeMb: override };
  const totalMb = Math.floor(os.totalmem() / (1024 * 1024));
  return { maxOldGenerationSizeMb: Math.max(512, Math.min(4096, Math.floor(totalMb * 0.6))) };
}

/** A running worker call: its outcome, and a way to stop it. */
export interface WorkerCall<T> {
  readonly done: Promise<T>;
  /** Asks the worker to stop; terminates it if it has not stopped within the grace period. */
  cancel(keepBest: boolean): void;
}

/** Messages the caller follows while the worker runs (everything but the result). */
export type WorkerEvent = Exclude<TrainWorkerMessage, { type: 'result' }>;

type StartRequest = Extract<TrainWorkerRequest, { type: 'start' }>;
type EstimateRequest = Extract<TrainWorkerRequest, { type: 'estimate' }>;

/** Runs one training in a worker; `onEvent` receives progress, the split and each epoch. */
export function runTrainingWorker(request: StartRequest, onEvent: (m: WorkerEvent) => void): WorkerCall<TrainOutcome> {
  return callWorker(request, onEvent, (m) => (m.kind === 'train' ? m.outcome : null));
}

/** Prepares the data, builds the model and measures its speed in a worker (the UI stays responsive). */
export function runEstimateWorker(request: EstimateRequest): WorkerCall<TrainingEstimate> {
  return callWorker(request, () => {}, (m) => (m.kind === 'estimate' ? m.estimate : null));
}

type OkResult = Extract<TrainWorkerMessage, { type: 'result'; ok: true }>;

function callWorker<T>(request: StartRequest | EstimateRequest, onEvent: (m: WorkerEvent) => void, pick: (m: OkResult) => T | null): WorkerCall<T> {
  const limits = workerResourceLimits();
  const worker = new Worker(path.join(__dirname, 'train-worker.js'), { resourceLimits: limits });
  const runId = request.runId;
  let settled = false;
  let killTimer: NodeJS.Timeout | undefined;
  let cancelRequested = false;
  let saving = false;
  let forced = false;
  let resolveDone!: (v: T) => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<T>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  const finish = (fn: () => void) => {
    if (settled) return;
    settled = true;
    clearTimeout(killTimer);
    fn();
    // The worker ends by itself after its result; make sure a stuck one does not linger.
    setTimeout(() => void worker.terminate(), 1000).unref();
  };
  const armKill = (ms: number) => {
    clearTimeout(killTimer);
    killTimer = setTimeout(() => {
      forced = true;
      void worker.terminate();
    }, ms);
  };

  worker.on('message', (m: TrainWorkerMessage) => {
    if (m.runId !== runId) return;
    if (m.type !== 'result') {
      if (m.type === 'progress' && m.progress.phase === 'saving' && !saving) {
        saving = true;
        // Training has stopped once the worker saves what it kept: give the save its own, longer grace.
        if (cancelRequested) armKill(SAVE_GRACE_MS);
      }
      onEvent(m);
      return;
    }
    if (!m.ok) return finish(() => rejectDone(deserializeError(m.error)));
    const value = pick(m);
    if (value === null) return finish(() => rejectDone(new Error(`The training worker answered a ${request.type} request with a ${m.kind} result.`)));
    finish(() => resolveDone(value));
  });
  worker.on('error', (err: Error & { code?: string }) => {
    // Running out of memory is something the user can act on (a smaller model or window): a UserError.
    const error =
      err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new UserError(
            `Training ran out of memory (the training worker may use ${limits.maxOldGenerationSizeMb!.toLocaleString('en-US')} MB) and was stopped; no model was saved. ` +
              'Use a smaller window, batch size or model, fewer features, or a larger stride.',
          )
        : new Error(`The training worker crashed: ${err.message}. No model was saved; the app itself is unaffected.`);
    finish(() => rejectDone(error));
  });
  worker.on('exit', (code) => {
    if (forced) {
      return finish(() => rejectDone(new CancelledError('Training did not stop in time after the cancel and was stopped by force; no model was saved.')));
    }
    finish(() => rejectDone(new Error(`The training worker stopped unexpectedly (exit code ${code}) before reporting a result; no model was saved. Try again, or try a smaller model.`)));
  });
  worker.postMessage(request satisfies TrainWorkerRequest);

  return {
    done,
    cancel(keepBest) {
      if (settled) return;
      if (!cancelRequested) armKill(saving ? SAVE_GRACE_MS : CANCEL_GRACE_MS);
      cancelRequested = true;
      worker.postMessage({ type: 'cancel', runId, keepBest } satisfies TrainWorkerRequest);
    },
  };
}
