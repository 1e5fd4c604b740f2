/**
 * The one protocol between the back end and every job's worker thread: a tagged union carrying the
 * job's id. To the worker: one `request`, then any number of `cancel`s (each with its options).
 * From the worker: any number of `progress`, then exactly one `result` or `error` (errors cross as
 * data, DESIGN 6).
 */
import type { SerializedError } from '../../shared/errors';

/** Messages to a job's worker. */
export type ToWorker =
  | { type: 'request'; id: string; job: string; req: unknown; dbPath: string; home: string }
  /** Stop (politely): the job rolls back, or keeps what it made so far with keepBest. */
  | { type: 'cancel'; id: string; keepBest: boolean };

/** Messages from a job's worker: progress of its own kind `P`, then its value `T` or its error. */
export type FromWorker<P = unknown, T = unknown> =
  | { type: 'progress'; id: string; progress: P }
  | { type: 'result'; id: string; value: T }
  | { type: 'error'; id: string; error: SerializedError };
