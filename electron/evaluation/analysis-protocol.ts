/**
 * The analyses that run as worker jobs (electron/jobs/worker-jobs.ts): the operations of the
 * contract, and the work a report is gathered from. Each runner is in analysis-runner.ts.
 */
import type { Req, Res } from '../../shared/api';
import type { ReportRequest } from '../../shared/reports/types';
import type { ReportData } from '../reports/gather-report';

/** The operations that run in an analysis worker. */
export const ANALYSIS_OPERATIONS = ['evaluation:run', 'forecast:run', 'risk:run', 'explain:run', 'predictions:run', 'drift:run', 'scoring:run'] as const;
export type AnalysisOperation = (typeof ANALYSIS_OPERATIONS)[number];

/** Work of the analysis worker that is not an operation of the contract: the analyses a report is made of. */
export interface WorkerOnlyOperations {
  'reports:gather': { req: ReportRequest; res: ReportData };
}

/** The names of the worker-only operations. */
export const WORKER_ONLY_OPERATIONS = ['reports:gather'] as const satisfies readonly (keyof WorkerOnlyOperations)[];

/** Everything the analysis worker runs. */
export type WorkerOperation = AnalysisOperation | keyof WorkerOnlyOperations;
export type WorkerReq<K extends WorkerOperation> = K extends AnalysisOperation ? Req<K> : K extends keyof WorkerOnlyOperations ? WorkerOnlyOperations[K]['req'] : never;
export type WorkerRes<K extends WorkerOperation> = K extends AnalysisOperation ? Res<K> : K extends keyof WorkerOnlyOperations ? WorkerOnlyOperations[K]['res'] : never;
