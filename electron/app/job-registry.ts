/**
 * The one job system: every long operation (import, training, estimate, analyses, reports) runs
 * as a job here, by id, with the same throttled `job:progress` event, the same cancel (with its
 * options) and one `job:finished` carrying `{ ok: true } | { ok: false, error }`.
 */
import type { CancelOptions, JobInfo, JobKind, JobProgress, JobResult } from '../../shared/api';
import { serializeError, type SerializedError } from '../../shared/errors';
import type { EventBus } from './event-bus';

/** Minimum time between two progress events of one job (about 8 a second). */
export const PROGRESS_INTERVAL_MS = 125;

/** A progress update as a job reports it: the registry adds the id and kind (rows and bytes default to 0). */
export type ProgressUpdate = Omit<JobProgress, 'jobId' | 'kind' | 'rows' | 'bytes' | 'totalBytes'> & Partial<Pick<JobProgress, 'rows' | 'bytes' | 'totalBytes'>>;

/** A job's result, its error also as it was thrown (so a caller can rethrow it unchanged). */
export type SettledJob<T> = Extract<JobResult<T>, { ok: true }> | { ok: false; error: SerializedError; thrown: unknown };

/** A running job as its work sees it: report progress, watch for cancellation. */
export interface JobHandle {
  readonly jobId: string;
  /** Aborted at the first cancel. */
  readonly signal: AbortSignal;
  /** Whether the latest cancel asked to keep what the job has made so far (training: its best model). */
  keepBest(): boolean;
  /** Calls `listener` at every cancel (a job may be cancelled again, with other options); returns an unsubscribe. */
  onCancel(listener: (options: Required<CancelOptions>) => void): () => void;
  /** Reports progress; throttled to ~8 a second unless `force` (used for the first and last update). */
  progress(update: ProgressUpdate, force?: boolean): void;
}

interface RunningJob {
  info: JobInfo;
  controller: AbortController;
  options: Required<CancelOptions>;
  listeners: Set<(options: Required<CancelOptions>) => void>;
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
  /** Cancels that arrived before their job started, by job id: when they arrived and their options. */
  private readonly early = new Map<string, { at: number; options: Required<CancelOptions> }>();
  /** Ids of the jobs that ended last (a late cancel of one of them is not remembered). */
  private readonly ended: string[] = [];

  constructor(private readonly events: EventBus) {}

  /** Runs `work` as job `jobId`: resolves with its value or rejects with its error, emitting `job:finished` either way. */
  async run<T>(jobId: string, kind: JobKind, work: (job: JobHandle) => Promise<T>): Promise<T> {
    const result = await this.settle(jobId, kind, work);
    if (result.ok) return result.value;
    throw result.thrown;
  }

  /**
   * Runs `work` as job `jobId` and resolves with its result, never rejecting (the error also as
   * the thrown value, so the caller can rethrow it as it was).
   */
  async settle<T>(jobId: string, kind: JobKind, work: (job: JobHandle) => Promise<T>): Promise<SettledJob<T>> {
    if (this.running.has(jobId)) {
      const thrown = new Error(`Job ${jobId} is already running.`);
      return { ok: false, error: serializeError(thrown), thrown };
    }
    const job = this.start(jobId, kind);
    try {
      job.done = work(this.handle(job));
      // A job that finished its work (e.g. committed) succeeded, even if a cancel arrived too late.
      const value = await job.done;
      this.events.emit('job:finished', { jobId, kind, ok: true });
      return { ok: true, value: value as T };
    } catch (thrown) {
      const error = serializeError(thrown);
      this.events.emit('job:finished', { jobId, kind, ok: false, error });
      return { ok: false, error, thrown };
    } finally {
      this.running.delete(jobId);
      this.ended.push(jobId);
      if (this.ended.length > 100) this.ended.shift();
    }
  }

  /**
   * Asks a job to stop (again, possibly with other options); returns false when no such job is
   * running (the cancel is then remembered for a minute, in case the job's start is on its way).
   */
  cancel(jobId: string, options: CancelOptions = {}): boolean {
    const resolved = { keepBest: options.keepBest === true };
    const job = this.running.get(jobId);
    if (!job) {
      if (this.ended.includes(jobId)) return false;
      const now = Date.now();
      for (const [id, e] of this.early) if (now - e.at > EARLY_CANCEL_MS) this.early.delete(id);
      this.early.set(jobId, { at: now, options: resolved });
      return false;
    }
    job.options = resolved;
    job.info.cancelling = true;
    job.controller.abort();
    for (const l of job.listeners) l(resolved);
    return true;
  }

  /** The jobs running now, oldest first. */
  list(): JobInfo[] {
    return [...this.running.values()].map((j) => ({ ...j.info }));
  }

  /** Cancels every running job and waits for them to end. */
  async cancelAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const j of all) this.cancel(j.info.jobId);
    await Promise.allSettled(all.map((j) => j.done));
  }

  private start(jobId: string, kind: JobKind): RunningJob {
    const job: RunningJob = {
      info: { jobId, kind, startedAt: new Date().toISOString(), progress: null, cancelling: false },
      controller: new AbortController(),
      options: { keepBest: false },
      listeners: new Set(),
      done: Promise.resolve(),
    };
    this.running.set(jobId, job);
    const early = this.early.get(jobId);
    this.early.delete(jobId);
    if (early && Date.now() - early.at <= EARLY_CANCEL_MS) {
      job.options = early.options;
      job.info.cancelling = true;
      job.controller.abort();
    }
    return job;
  }

  private handle(job: RunningJob): JobHandle {
    const { jobId, kind } = job.info;
    let last = -Infinity;
    return {
      jobId,
      signal: job.controller.signal,
      keepBest: () => job.options.keepBest,
      onCancel: (listener) => {
        job.listeners.add(listener);
        return () => job.listeners.delete(listener);
      },
      progress: (update, force) => {
        const now = Date.now();
        if (!force && now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        const progress: JobProgress = { jobId, kind, rows: 0, bytes: 0, totalBytes: 0, ...update };
        job.info.progress = progress;
        this.events.emit('job:progress', progress);
      },
    };
  }
}
