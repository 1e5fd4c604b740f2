/** The memory limit of every job's worker thread, so running out of memory ends the worker, not the app. */
import * as os from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';

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
