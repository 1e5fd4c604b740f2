/**
 * A job worker for the protocol's unit tests: the real worker half (serveWorkerJob) with small
 * runners that report progress, honour or ignore a cancel, save slowly, crash, exit or run out of memory.
 */
import { parentPort } from 'node:worker_threads';
import { CancelledError } from '../../shared/errors';
import { serveWorkerJob, type WorkerJobContext, type WorkerRunner } from '../../electron/jobs/worker-side';

const until = (signal: AbortSignal) => new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const RUNNERS: Record<string, WorkerRunner<unknown, unknown, unknown>> = {
  /** Three progress updates, then the request back. */
  echo: async (req, job) => {
    for (let i = 1; i <= 3; i++) job.progress({ step: i });
    return req;
  },
  /** Waits for a cancel, then stops as cancelled, or returns what it kept with keepBest. */
  wait: async (_req, job) => {
    job.progress({ step: 'waiting' });
    await until(job.signal);
    if (job.keepBest()) return 'kept';
    throw new CancelledError('Test job cancelled; nothing was kept.');
  },
  /** Never stops (ignores the cancel). */
  stubborn: (_req, job: WorkerJobContext<unknown>) => {
    job.progress({ step: 'stubborn' });
    setInterval(() => {}, 1000);
    return new Promise(() => {});
  },
  /** At a cancel, says it saves, then takes 600 ms to save what it kept. */
  saving: async (_req, job) => {
    job.progress({ step: 'training' });
    await until(job.signal);
    job.progress({ step: 'saving' });
    await sleep(600);
    return 'saved';
  },
  /** Throws outside the job's promise: the worker dies of an uncaught error. */
  crash: async (_req, job) => {
    job.progress({ step: 'crashing' });
    setTimeout(() => {
      throw new Error('boom in the worker');
    }, 10);
    return new Promise(() => {});
  },
  /** Ends the thread without an answer. */
  exit: async () => process.exit(3),
  /** Allocates until the heap limit ends the worker. */
  oom: async () => {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(1.5));
  },
  /** Answers after it ran `afterResult` housekeeping, which fails harmlessly. */
  housekeeping: async (_req, job) => {
    job.afterResult(() => {
      throw new Error('housekeeping failed');
    });
    return 'done';
  },
};

serveWorkerJob(parentPort!, async (name) => {
  const runner = RUNNERS[name];
  if (!runner) throw new Error(`There is no test job named ${name}.`);
  return runner;
});
