/** Jobs by id: a cancel that overtakes the start of its job (over HTTP) still cancels it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus } from '../../electron/app/event-bus';
import { JobRegistry } from '../../electron/app/job-registry';

/** A job that waits until it is cancelled, or resolves after a tick when it was not. */
const work = (job: { signal: AbortSignal }) =>
  new Promise<string>((resolve, reject) => {
    if (job.signal.aborted) return reject(new Error('cancelled at start'));
    job.signal.addEventListener('abort', () => reject(new Error('cancelled while running')));
    setTimeout(() => resolve('finished'), 20);
  });

test('a cancel that arrives before its job starts makes the job start cancelled', async () => {
  const jobs = new JobRegistry(new EventBus());
  assert.equal(jobs.cancel('early'), false); // nothing running yet
  await assert.rejects(jobs.run('early', 'analysis', work), /cancelled at start/);
  // Remembered once only: the same id runs normally afterwards.
  assert.equal(await jobs.run('early', 'analysis', work), 'finished');
});

test('a cancel after a job ended is not remembered for the next job of that id', async () => {
  const jobs = new JobRegistry(new EventBus());
  assert.equal(await jobs.run('done', 'analysis', work), 'finished');
  assert.equal(jobs.cancel('done'), false);
  assert.equal(await jobs.run('done', 'analysis', work), 'finished');
  const running = jobs.run('live', 'analysis', work);
  assert.equal(jobs.cancel('live'), true);
  await assert.rejects(running, /cancelled while running/);
});
