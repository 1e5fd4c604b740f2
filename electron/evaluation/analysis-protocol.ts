/**
 * The typed protocol between the main process and an analysis worker thread: one `run` of one
 * operation, progress while it runs, exactly one result; errors cross as data.
 */
import type { Req, Res } from '../../shared/api';
import type { SerializedError } from '../../shared/errors';

/** The operations that run in an analysis worker. */
export const ANALYSIS_OPERATIONS = ['evaluation:run', 'forecast:run', 'risk:run', 'explain:run', 'predictions:run', 'drift:run'] as const;
export type AnalysisOperation = (typeof ANALYSIS_OPERATIONS)[number];

/** Messages to the worker. */
export type AnalysisWorkerRequest =
  | { [K in AnalysisOperation]: { type: 'run'; id: string; dbPath: string; op: K; req: Req<K> } }[AnalysisOperation]
  | { type: 'cancel'; id: string };

/** Messages from the worker. */
export type AnalysisWorkerMessage =
  | { type: 'progress'; id: string; phase: string; fraction: number | null }
  | { type: 'result'; id: string; ok: true; value: Res<AnalysisOperation> }
  | { type: 'result'; id: string; ok: false; error: SerializedError };
