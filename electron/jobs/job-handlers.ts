/** The handlers of the operations that are worker jobs as they are (JOB_OPERATIONS): each runs as a job of the registry, in a worker. */
import { randomUUID } from 'node:crypto';
import type { Handlers, Req, Res } from '../../shared/api';
import type { AppContext } from '../app/context';
import { runWorkerJob } from './worker-job';
import { JOB_OPERATIONS, WORKER_JOBS, type JobOperation, type WorkerJobSpec, type WorkerJobs } from './worker-jobs';

/** Implements every operation of JOB_OPERATIONS: checks the request, and its `jobId` (or a new one) names the job. */
export function createJobHandlers(ctx: AppContext): Pick<Handlers, JobOperation> {
  const handler = <K extends JobOperation>(op: K) =>
    async (req: Req<K>): Promise<Res<K>> => {
      (WORKER_JOBS[op] as WorkerJobSpec<K>).check?.(req as WorkerJobs[K]['req']);
      const jobId = typeof req.jobId === 'string' && req.jobId ? req.jobId : `${op}-${randomUUID()}`;
      return ctx.jobs.run(jobId, JOB_OPERATIONS[op], (job) => runWorkerJob(ctx, op, req as WorkerJobs[K]['req'], job, (p) => job.progress(p, p.fraction === 0)) as Promise<Res<K>>);
    };
  return Object.fromEntries(Object.keys(JOB_OPERATIONS).map((op) => [op, handler(op as JobOperation)])) as unknown as Pick<Handlers, JobOperation>;
}
