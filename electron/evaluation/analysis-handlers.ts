/** The analysis operations of the API contract: each runs as a job (progress, cancel) in a worker thread. */
import { randomUUID } from 'node:crypto';
import type { Handlers, Req } from '../../shared/api';
import { UserError } from '../../shared/errors';
import type { AppContext } from '../app/context';
import { runAnalysisInWorker } from './analysis-job';
import { ANALYSIS_OPERATIONS, type AnalysisOperation, type WorkerReq } from './analysis-protocol';

/** Implements evaluation:run, forecast:run, risk:run, explain:run and predictions:run. */
export function createAnalysisHandlers(ctx: AppContext): Pick<Handlers, AnalysisOperation> {
  const handler = <K extends AnalysisOperation>(op: K) =>
    async (req: Req<K>) => {
      checkRequest(op, req);
      const jobId = typeof req.jobId === 'string' && req.jobId ? req.jobId : `${op}-${randomUUID()}`;
      return ctx.jobs.run(jobId, 'analysis', (job) =>
        runAnalysisInWorker(ctx.dbPath, op, req as WorkerReq<K>, job.signal, (phase, fraction) => job.progress({ phase, fraction, rows: 0, bytes: 0, totalBytes: 0 }, fraction === 0)),
      );
    };
  return Object.fromEntries(ANALYSIS_OPERATIONS.map((op) => [op, handler(op)])) as unknown as Pick<Handlers, AnalysisOperation>;
}

/** Requests come as untyped JSON over HTTP: the model and dataset must be named. */
function checkRequest(op: string, req: { model?: unknown; datasetId?: unknown }): void {
  if (typeof req.model !== 'string' || !req.model.trim()) throw new UserError(`${op} needs \`model\`: a model reference such as pumps-forecast@1.`);
  if (!Number.isInteger(req.datasetId)) throw new UserError(`${op} needs \`datasetId\`: the id of an imported dataset.`);
}
