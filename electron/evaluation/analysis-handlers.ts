/** The analysis operations of the API contract: each runs as a job (progress, cancel) in a worker thread (electron/jobs). */
import { randomUUID } from 'node:crypto';
import type { Handlers, Req, Res } from '../../shared/api';
import { UserError } from '../../shared/errors';
import type { AppContext } from '../app/context';
import { runWorkerJob } from '../jobs/worker-job';
import { ANALYSIS_OPERATIONS, type AnalysisOperation, type WorkerReq } from './analysis-protocol';

/** Implements the analysis operations (ANALYSIS_OPERATIONS): evaluation, forecast, risk, explain, predictions, drift and scoring. */
export function createAnalysisHandlers(ctx: AppContext): Pick<Handlers, AnalysisOperation> {
  const handler = <K extends AnalysisOperation>(op: K) =>
    async (req: Req<K>) => {
      checkRequest(op, req);
      const jobId = typeof req.jobId === 'string' && req.jobId ? req.jobId : `${op}-${randomUUID()}`;
      return ctx.jobs.run(jobId, 'analysis', (job) => runWorkerJob(ctx, op, req as WorkerReq<K>, job, (p) => job.progress(p, p.fraction === 0)) as Promise<Res<K>>);
    };
  return Object.fromEntries(ANALYSIS_OPERATIONS.map((op) => [op, handler(op)])) as unknown as Pick<Handlers, AnalysisOperation>;
}

/** Requests come as untyped JSON over HTTP: the model and dataset must be named. */
function checkRequest(op: string, req: { model?: unknown; datasetId?: unknown }): void {
  if (typeof req.model !== 'string' || !req.model.trim()) throw new UserError(`${op} needs \`model\`: a model reference such as pumps-forecast@1.`);
  if (!Number.isInteger(req.datasetId)) throw new UserError(`${op} needs \`datasetId\`: the id of an imported dataset.`);
}
