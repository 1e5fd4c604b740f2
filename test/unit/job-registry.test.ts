/**
 * Jobs by id: throttled progress, one finished event with `{ ok, error }`, the running list, and
 * cancels with their options, including one that overtakes the start of its job (over HTTP).
 */
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

test('progress is throttled to one event per 125 ms unless forced; the list shows the latest', async () => {
  const events = new EventBus();
  const seen: string[] = [];
  events.on('job:progress', (p) => seen.push(`${p.phase}:${p.rows}`));
  const jobs = new JobRegistry(events);
  let release!: () => void;
  const running = jobs.run('p', 'import', (job) => {
    job.progress({ phase: 'a', fraction: 0, rows: 1 });
    job.progress({ phase: 'b', fraction: 0.5, rows: 2 }); // within 125 ms: dropped
    job.progress({ phase: 'c', fraction: 0.9 }, true); // forced: sent, rows default to 0
    return new Promise<void>((resolve) => (release = resolve));
  });
  assert.deepEqual(seen, ['a:1', 'c:0']);
  const [info] = jobs.list();
  assert.deepEqual([info.jobId, info.kind, info.progress?.phase, info.cancelling], ['p', 'import', 'c', false]);
  release();
  await running;
  assert.deepEqual(jobs.list(), []);
});

test('job:finished carries { ok: true } or { ok: false, error }; settle resolves with the same', async () => {
  const events = new EventBus();
  const finished: unknown[] = [];
  events.on('job:finished', (f) => finished.push(f));
  const jobs = new JobRegistry(events);
  assert.deepEqual(await jobs.settle('ok', 'report', async () => 42), { ok: true, value: 42 });
  const failed = await jobs.settle('bad', 'report', async () => {
    throw new Error('no such model');
  });
  assert.equal(failed.ok, false);
  assert.equal(!failed.ok && failed.error.message, 'no such model');
  assert.deepEqual(finished.map((f) => JSON.stringify(f, ['jobId', 'ok', 'error', 'kind', 'message'])), [
    '{"jobId":"ok","ok":true,"kind":"report"}',
    '{"jobId":"bad","ok":false,"error":{"kind":"internal","message":"no such model"},"kind":"report"}',
  ]);
});

test('every cancel reaches the job with its options; the latest keepBest wins', async () => {
  const jobs = new JobRegistry(new EventBus());
  const calls: boolean[] = [];
  let handle!: { keepBest(): boolean };
  const running = jobs.run('c', 'train', (job) => {
    handle = job;
    job.onCancel((o) => calls.push(o.keepBest));
    return new Promise((resolve) => job.signal.addEventListener('abort', () => setTimeout(() => resolve(job.keepBest()), 10)));
  });
  assert.equal(jobs.cancel('c', { keepBest: true }), true);
  assert.equal(jobs.cancel('c', { keepBest: false }), true);
  assert.deepEqual(calls, [true, false]);
  assert.equal(await running, false);
  assert.equal(handle.keepBest(), false);
  // A cancel remembered before its job starts keeps its options too.
  jobs.cancel('early-keep', { keepBest: true });
  assert.equal(await jobs.run('early-keep', 'train', async (job) => job.signal.aborted && job.keepBest()), true);
});
