import type { JobKind, JobProgress } from '../../shared/api';
import { serializeError } from '../../shared/errors';
import type { EventBus } from './event-bus';

/** Minimum time between two progress events of one job (about 8 a second). */
export const PROGRESS_INTERVAL_MS = 125;

/** A running job as its worker sees it: report progress, watch for cancellation. */
export interface JobHandle {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Reports progress; throttled to ~8 a second unless `force` (used for the last update). */
  progress(update: Omit<JobProgress, 'jobId' | 'kind'>, force?: boolean): void;
}

interface RunningJob {
  controller: AbortController;
  done: Promise<unknown>;
}

/** Runs long jobs by id, throttles their progress events and cancels them on request. */
export class JobRegistry {
  private readonly running = new Map<string, RunningJob>();

  constructor(private readonly events: EventBus) {}

  /** Runs `work` as job `jobId`, emitting `job:progress` and a final `job:finished`. */
  async run<T>(jobId: string, kind: JobKind, work: (job: JobHandle) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new Error(`Job ${jobId} is already running.`);
    const controller = new AbortController();
    let last = 0;
    const handle: JobHandle = {
      jobId,
      signal: controller.signal,
      progress: (update, force) => {
        const now = Date.now();
        if (!force && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        this.events.emit('job:progress', { jobId, kind, ...update });
      },
    };
    const done = work(handle);
    this.running.set(jobId, { controller, done });
    try {
      // A job that finished its work (e.g. committed) succeeded, even if a cancel arrived too late.
      const value = await done;
      this.events.emit('job:finished', { jobId, kind, ok: true });
      return value;
    } catch (err) {
      this.events.emit('job:finished', { jobId, kind, ok: false, error: serializeError(err) });
      throw err;
    } finally {
      this.running.delete(jobId);
    }
  }

  /** Asks a job to stop; returns false when no such job is running. */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** Cancels every running job and waits for them to end. */
  async cancelAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const j of all) j.controller.abort();
    await Promise.allSettled(all.map((j) => j.done));
  }
}
