/** Runs a job of the table (worker-jobs.ts) in a worker thread, as one job of the registry. */
import type { JobHandle } from '../app/job-registry';
import { runInWorker } from './run-in-worker';
import { WORKER_JOBS, type WorkerJobName, type WorkerJobs, type WorkerJobSpec } from './worker-jobs';

/** Runs worker job `name` for the registry's job `handle`; `onProgress` receives the job's own progress payloads. */
export function runWorkerJob<J extends WorkerJobName>(
  ctx: { dbPath: string; home: string },
  name: J,
  req: WorkerJobs[J]['req'],
  handle: Pick<JobHandle, 'signal' | 'onCancel'>,
  onProgress?: (p: WorkerJobs[J]['progress']) => void,
): Promise<WorkerJobs[J]['res']> {
  const spec = WORKER_JOBS[name] as WorkerJobSpec<J>;
  return runInWorker({ job: name, req, dbPath: ctx.dbPath, home: ctx.home, handle, onProgress, words: spec.words, graceMs: spec.graceMs, saveGrace: spec.saveGrace });
}
