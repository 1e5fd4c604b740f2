/** The entry of every job's worker thread: serves one job of the table (worker-jobs.ts). */
import { parentPort } from 'node:worker_threads';
import { serveWorkerJob } from './worker-side';
import { WORKER_JOBS, isWorkerJob } from './worker-jobs';

serveWorkerJob(parentPort!, async (name) => {
  if (!isWorkerJob(name)) throw new Error(`There is no worker job named ${name}.`);
  return (await WORKER_JOBS[name].load()) as never;
});
