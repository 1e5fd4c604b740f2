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

/**
 * How long a cancel for a job id that is not running yet is remembered: over HTTP the cancel can
 * overtake the request that starts the job, which must then start cancelled.
 */
export const EARLY_CANCEL_MS = 60_000;

/** Runs long jobs by id, throttles their progress events and cancels them on request. */
export class JobRegistry {
  private readonly running = new Map<string, RunningJob>();
  /** Cancels that arrived before their job started, by job id, with the time they arrived. */
  private readonly early = new Map<string, number>();
  /** Ids of the jobs that ended last (a late cancel of one of them is not remembered). */
  private readonly ended: string[] = [];

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
    const cancelledAt = this.early.get(jobId);
    this.early.delete(jobId);
    if (cancelledAt !== undefined && Date.now() - cancelledAt <= EARLY_CANCEL_MS) controller.abort();
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
      this.ended.push(jobId);
      if (this.ended.length > 100) this.ended.shift();
    }
  }

  /**
   * Asks a job to stop; returns false when no such job is running (the cancel is then remembered
   * for a minute, in case the job's start is still on its way).
   */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) {
      if (this.ended.includes(jobId)) return false;
      const now = Date.now();
      for (const [id, at] of this.early) if (now - at > EARLY_CANCEL_MS) this.early.delete(id);
      this.early.set(jobId, now);
      return false;
    }
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
