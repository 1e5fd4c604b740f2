/**
 * The one worker protocol (electron/jobs): a real worker thread per job, driven through the job
 * registry as every operation is: progress relayed, a cancel while queued or running, keepBest,
 * the grace period and the longer one of a save, and a worker that crashes, exits or runs out of
 * memory settling its job as `{ ok: false, error }` with a message a person can act on.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { JobFinished, JobProgress } from '../../shared/api';
import { EventBus } from '../../electron/app/event-bus';
import { JobRegistry, type JobHandle } from '../../electron/app/job-registry';
import { runInWorker, type WorkerCallOptions } from '../../electron/jobs/run-in-worker';

const SCRIPT = path.join(__dirname, '..', 'helpers', 'test-job-worker.js');
const WORDS = { what: 'The test job', worker: 'test worker', lost: 'nothing was kept', memoryAdvice: 'Use less data.' };

/** A registry whose events are collected. */
function registry() {
  const events = new EventBus();
  const progress: JobProgress[] = [];
  const finished: JobFinished[] = [];
  events.on('job:progress', (p) => progress.push(p));
  events.on('job:finished', (f) => finished.push(f));
  return { jobs: new JobRegistry(events), progress, finished };
}

/** Runs test job `job` in a worker as the registry's job `jobId`, relaying its progress. */
function inWorker(handle: JobHandle, job: string, extra: Partial<WorkerCallOptions<{ step: unknown }>> = {}) {
  return runInWorker<unknown, { step: unknown }>({
    script: SCRIPT,
    job,
    req: { hello: 'worker' },
    dbPath: '',
    home: '',
    handle,
    onProgress: (p) => handle.progress({ phase: String(p.step), fraction: null }, true),
    words: WORDS,
    graceMs: 5000,
    ...extra,
  });
}

/** Resolves at the job's first progress event. */
function started(progress: JobProgress[], jobId: string): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (progress.some((p) => p.jobId === jobId)) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
  });
}

test('a job in a worker relays its progress and ends with { ok: true, value }', async () => {
  const { jobs, progress, finished } = registry();
  const result = await jobs.settle('echo-1', 'analysis', (job) => inWorker(job, 'echo'));
  assert.deepEqual(result, { ok: true, value: { hello: 'worker' } });
  assert.deepEqual(progress.map((p) => [p.jobId, p.kind, p.phase, p.rows]), [1, 2, 3].map((i) => ['echo-1', 'analysis', String(i), 0]));
  assert.deepEqual(finished, [{ jobId: 'echo-1', kind: 'analysis', ok: true }]);
  assert.deepEqual(jobs.list(), []);
});

test('a cancel while the job runs stops it politely: the worker rolls back and the job ends cancelled', async () => {
  const { jobs, progress, finished } = registry();
  const running = jobs.settle('wait-1', 'import', (job) => inWorker(job, 'wait'));
  await started(progress, 'wait-1');
  assert.deepEqual(jobs.list().map((j) => [j.jobId, j.kind, j.cancelling, j.progress?.phase]), [['wait-1', 'import', false, 'waiting']]);
  assert.equal(jobs.cancel('wait-1'), true);
  assert.equal(jobs.list()[0].cancelling, true);
  const result = await running;
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && [result.error.kind, result.error.message], ['cancelled', 'Test job cancelled; nothing was kept.']);
  assert.equal(finished[0].ok, false);
});

test('a cancel with keepBest reaches the worker, which keeps what it made', async () => {
  const { jobs, progress } = registry();
  const running = jobs.run('wait-2', 'train', (job) => inWorker(job, 'wait'));
  await started(progress, 'wait-2');
  assert.equal(jobs.cancel('wait-2', { keepBest: true }), true);
  assert.equal(await running, 'kept');
});

test('a cancel that arrives while the job is still on its way (queued) starts it cancelled, without a worker', async () => {
  const { jobs, finished } = registry();
  assert.equal(jobs.cancel('queued-1'), false, 'nothing runs yet: remembered');
  await assert.rejects(
    jobs.run('queued-1', 'import', (job) => inWorker(job, 'echo')),
    (err: Error & { kind?: string }) => err.kind === 'cancelled' && err.message === 'The test job was cancelled before it started; nothing was kept.',
  );
  assert.equal(finished[0].ok === false && finished[0].error.kind, 'cancelled');
});

test('a worker that ignores the cancel is terminated after the grace period', async () => {
  const { jobs, progress } = registry();
  const running = jobs.run('stubborn-1', 'analysis', (job) => inWorker(job, 'stubborn', { graceMs: 200 }));
  await started(progress, 'stubborn-1');
  jobs.cancel('stubborn-1');
  await assert.rejects(running, (err: Error & { kind?: string }) => err.kind === 'cancelled' && /^The test job did not stop in time after the cancel and was stopped by force; nothing was kept\.$/.test(err.message));
});

test('a job that saves what it kept gets the longer save grace (the short one would have killed it)', async () => {
  const { jobs, progress } = registry();
  const saveGrace = { ms: 10_000, saving: (p: { step: unknown }) => p.step === 'saving' };
  const running = jobs.run('save-1', 'train', (job) => inWorker(job, 'saving', { graceMs: 300, saveGrace }));
  await started(progress, 'save-1');
  jobs.cancel('save-1', { keepBest: true });
  assert.equal(await running, 'saved', 'the 600 ms save outlived the 300 ms grace');
  // Without the save grace, the same job is stopped by force.
  const killed = jobs.run('save-2', 'train', (job) => inWorker(job, 'saving', { graceMs: 300 }));
  await started(progress, 'save-2');
  jobs.cancel('save-2', { keepBest: true });
  await assert.rejects(killed, /stopped by force/);
});

test('a worker that crashes settles its job as { ok: false, error } naming the worker; the next job runs', async () => {
  const { jobs } = registry();
  const result = await jobs.settle('crash-1', 'analysis', (job) => inWorker(job, 'crash'));
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.message, 'The test worker crashed: boom in the worker. Nothing was kept; the app itself is unaffected. Try again.');
  assert.equal(!result.ok && result.error.kind, 'internal');
  assert.deepEqual(await jobs.run('crash-2', 'analysis', (job) => inWorker(job, 'echo')), { hello: 'worker' });
});

test('a worker that exits without answering, or runs out of memory, is a clear error', async () => {
  const { jobs } = registry();
  await assert.rejects(jobs.run('exit-1', 'analysis', (job) => inWorker(job, 'exit')), {
    message: 'The test worker stopped unexpectedly (exit code 3) before reporting a result; nothing was kept. Try again.',
  });
  process.env.LSTM_STUDIO_WORKER_HEAP_MB = '16'; // read when the worker is spawned
  try {
    await assert.rejects(
      jobs.run('oom-1', 'analysis', (job) => inWorker(job, 'oom')),
      (err: Error & { kind?: string }) => err.kind === 'user' && err.message === 'The test job ran out of memory (the test worker may use 16 MB) and was stopped; nothing was kept. Use less data.',
    );
  } finally {
    delete process.env.LSTM_STUDIO_WORKER_HEAP_MB;
  }
});

test('an unknown job and failing housekeeping after the result are told apart', async () => {
  const { jobs } = registry();
  await assert.rejects(jobs.run('nope-1', 'analysis', (job) => inWorker(job, 'nope')), { message: 'There is no test job named nope.' });
  assert.equal(await jobs.run('house-1', 'analysis', (job) => inWorker(job, 'housekeeping')), 'done');
});
