/**
 * The typed protocol between the main process and an analysis worker thread: one `run` of one
 * operation, progress while it runs, exactly one result; errors cross as data.
 */
import type { Req, Res } from '../../shared/api';
import type { SerializedError } from '../../shared/errors';
import type { ReportRequest } from '../../shared/reports/types';
import type { ReportData } from '../reports/gather-report';

/** The operations that run in an analysis worker. */
export const ANALYSIS_OPERATIONS = ['evaluation:run', 'forecast:run', 'risk:run', 'explain:run', 'predictions:run', 'drift:run', 'scoring:run'] as const;
export type AnalysisOperation = (typeof ANALYSIS_OPERATIONS)[number];

/** Work of the analysis worker that is not an operation of the contract: the analyses a report is made of. */
export interface WorkerOnlyOperations {
  'reports:gather': { req: ReportRequest; res: ReportData };
}

/** Everything the analysis worker runs. */
export type WorkerOperation = AnalysisOperation | keyof WorkerOnlyOperations;
export type WorkerReq<K extends WorkerOperation> = K extends AnalysisOperation ? Req<K> : K extends keyof WorkerOnlyOperations ? WorkerOnlyOperations[K]['req'] : never;
export type WorkerRes<K extends WorkerOperation> = K extends AnalysisOperation ? Res<K> : K extends keyof WorkerOnlyOperations ? WorkerOnlyOperations[K]['res'] : never;

/** Messages to the worker. */
export type AnalysisWorkerRequest =
  | { [K in WorkerOperation]: { type: 'run'; id: string; dbPath: string; op: K; req: WorkerReq<K> } }[WorkerOperation]
  | { type: 'cancel'; id: string };

/** Messages from the worker. */
export type AnalysisWorkerMessage =
  | { type: 'progress'; id: string; phase: string; fraction: number | null }
  | { type: 'result'; id: string; ok: true; value: WorkerRes<WorkerOperation> }
  | { type: 'result'; id: string; ok: false; error: SerializedError };
