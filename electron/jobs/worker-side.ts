/**
 * The worker thread's half of the job protocol: takes one request, runs its runner with a
 * database connection of its own, relays progress and cancels, answers with exactly one result or
 * error, then closes the connection and the port (the thread ends by itself).
 */
import type { MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { serializeError } from '../../shared/errors';
import { openDatabase } from '../store/database';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What a runner gets besides its request. */
export interface WorkerJobContext<P> {
  /** The project database, opened on first use in this thread. */
  readonly db: Database.Database;
  /** The app's home folder. */
  readonly home: string;
  /** Aborted at the first cancel. */
  readonly signal: AbortSignal;
  /** Whether the latest cancel asked to keep what the job made so far (read once the work has stopped). */
  keepBest(): boolean;
  progress(p: P): void;
  /** Work to do after the result is sent (an import's checkpoint): failures there are ignored. */
  afterResult(fn: () => void): void;
}

/** The plain function a worker job runs (DESIGN 9): no ports or messages inside. */
export type WorkerRunner<Req = never, Res = unknown, P = never> = (req: Req, job: WorkerJobContext<P>) => Promise<Res>;

/** Serves one job on `port`; `load` finds the runner of a job by name. */
export function serveWorkerJob(port: MessagePort, load: (job: string) => Promise<WorkerRunner<unknown, unknown, unknown>>): void {
  const controller = new AbortController();
  let keepBest = false;
  let started = false;
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'cancel') {
      keepBest = msg.keepBest;
      controller.abort();
      return;
    }
    if (started) return;
    started = true;
    void run(msg);
  });

  async function run(msg: Extract<ToWorker, { type: 'request' }>): Promise<void> {
    const send = (m: FromWorker) => port.postMessage(m);
    const after: (() => void)[] = [];
    let db: Database.Database | undefined;
    const job: WorkerJobContext<unknown> = {
      get db() {
        return (db ??= openDatabase(msg.dbPath));
      },
      home: msg.home,
      signal: controller.signal,
      keepBest: () => keepBest,
      progress: (progress) => send({ type: 'progress', id: msg.id, progress }),
      afterResult: (fn) => after.push(fn),
    };
    try {
      const runner = await load(msg.job);
      const value = await runner(msg.req, job);
      send({ type: 'result', id: msg.id, value });
      for (const fn of after) {
        try {
          fn();
        } catch {
          // the result is sent and the work committed; what follows is housekeeping
        }
      }
    } catch (err) {
      send({ type: 'error', id: msg.id, error: serializeError(err) });
    } finally {
      db?.close();
      port.close();
    }
  }
}
