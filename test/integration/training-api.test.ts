/**
 * Training through the API contract in-process (as the desktop app and browser mode call it):
 * cancel by run id with and without keepBest, progress events, estimates, runs and the registry.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildApi, type StudioApi } from '../../shared/api';
import type { TrainProgress } from '../../shared/model/training';
import type { PartialVariant } from '../../shared/model/variant';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessTransport } from '../../electron/api/in-process-transport';
import { openAppContext, type AppContext } from '../../electron/app/context';
import { openDatabase } from '../../electron/store/database';
import { insertRun } from '../../electron/store/runs-repo';
import { resolveTrainConfig } from '../../electron/training/resolve-config';
import { dataFile, tempDir } from '../helpers/fixtures';

const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');
/** Tiny: one LSTM of 32 over a window of 12, in batches of 256 (about 20 an epoch). */
const TINY: PartialVariant = {
  task: 'forecast',
  input: { targets: ['value'], window: 12 },
  recurrent: { units: [32] },
  training: { epochs: 3, batchSize: 256, earlyStopping: { enabled: true, patience: 50, restoreBestWeights: true } },
};

/** TINY with another number of epochs. */
function epochs(n: number): PartialVariant {
  return { ...TINY, training: { ...TINY.training, epochs: n } };
}

let ctx: AppContext;
let api: StudioApi;
let datasetId: number;

before(async () => {
  ctx = openAppContext({ home: tempDir('lstm-train-api-'), mode: 'cli' });
  api = buildApi(inProcessTransport(createHandlers(ctx), ctx.events));
  const detail = await api.datasets.import({ jobId: 'import-ambient', path: AMBIENT });
  datasetId = detail.summary.id;
});
after(() => ctx.close());

/** Calls `listener` with the training detail of every job:progress event. */
function onTrain(listener: (p: TrainProgress) => void): () => void {
  return api.events.onJobProgress((j) => {
    if (j.kind === 'train' && j.train) listener(j.train);
  });
}

/** Collects a run's progress events until it ends. */
function follow(runId: string): { events: TrainProgress[]; stop: () => void } {
  const events: TrainProgress[] = [];
  const stop = onTrain((p) => {
    if (p.runId === runId) events.push(p);
  });
  return { events, stop };
}

/** Resolves once the run has finished `n` epochs (from its progress events). */
function afterEpochs(runId: string, n: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = onTrain((p) => {
      if (p.runId === runId && p.phase === 'training' && p.batch === p.batches && p.epoch >= n) {
        stop();
        resolve();
      }
    });
  });
}

test('engine:info names the backend; presets:list gives the presets', async () => {
  const info = await api.engine.info();
  assert.ok(['tensorflow', 'wasm', 'cpu'].includes(info.backend));
  assert.match(info.tfjsVersion, /^\d+\.\d+\.\d+$/);
  const presets = await api.presets.list();
  assert.ok(presets.some((p) => p.name === 'standard' && p.tasks.includes('forecast')));
});

test('training:estimate measures the model on this machine', async () => {
  const e = await api.training.estimate({ datasetId, config: epochs(10) });
  assert.deepEqual(e.inputShape, [12, 1]);
  assert.equal(e.outputs, 1);
  // One LSTM(32) on 1 feature: 4 x 32 x (1 + 32 + 1) = 4,352 weights, plus the dense output 33,
  // plus the forecast's linear skip from the 12 x 1 window: 12 + 1.
  assert.equal(e.parameters, 4352 + 33 + 13);
  assert.equal(e.sizeBytes, e.parameters * 4);
  assert.ok(e.windows.train > 4000 && e.windows.validation > 500 && e.windows.test > 500, JSON.stringify(e.windows));
  assert.ok(e.samplesPerSecond > 0);
  assert.ok(Math.abs(e.totalSeconds - 10 * e.secondsPerEpoch) < 1e-9);
  assert.ok(e.secondsPerEpoch >= e.windows.train / e.samplesPerSecond);
});

test('a run reports progress as data, at most ~8 a second, in phase order', async () => {
  const runId = 'api-progress';
  const { events, stop } = follow(runId);
  const started = Date.now();
  const result = await api.training.start({ runId, datasetId, config: TINY, name: 'progress' });
  const seconds = (Date.now() - started) / 1000;
  stop();
  assert.equal(result.run.status, 'completed');
  assert.deepEqual(result.model, { name: 'progress', version: 1, path: result.model!.path });
  const phases = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
  assert.deepEqual(phases, ['preparing', 'training', 'saving', 'done']);
  // Phase changes and epoch ends always go through; the rest is throttled to one per 125 ms.
  const throttled = events.filter((e) => e.phase === 'training' && e.batch !== e.batches).length;
  assert.ok(throttled <= seconds * 8 + 3, `${throttled} updates in ${seconds.toFixed(1)} s`);
  const ends = events.filter((e) => e.phase === 'training' && e.batch === e.batches);
  assert.deepEqual(ends.map((e) => e.epoch), [1, 2, 3]);
  assert.deepEqual(ends.map((e) => e.valLoss), result.run.history.map((h) => h.valLoss));
  const mid = events.find((e) => e.phase === 'training' && e.batch < e.batches && e.samplesPerSecond !== null);
  assert.ok(mid && mid.etaSeconds !== null && mid.loss !== null && mid.learningRate === 0.001, JSON.stringify(mid));
  const last = events[events.length - 1];
  assert.equal(last.phase, 'done');
});

test('jobs:cancel with keepBest ends the run as cancelled with its best model saved', async () => {
  const runId = 'api-cancel-keep';
  const running = api.training.start({ runId, datasetId, config: epochs(200), name: 'kept' });
  await afterEpochs(runId, 2);
  assert.deepEqual(await api.jobs.cancel({ jobId: runId, keepBest: true }), { cancelled: true });
  const result = await running;
  assert.equal(result.run.status, 'cancelled');
  assert.ok(result.model, 'a model was kept');
  assert.equal(result.model!.name, 'kept');
  assert.ok(result.run.history.length >= 2 && result.run.history.length < 200);
  assert.ok(fs.existsSync(path.join(result.model!.path, 'model.json')));
  assert.ok(fs.existsSync(path.join(result.model!.path, 'metadata.json')));
  assert.deepEqual(Object.keys(result.run.metrics).sort(), ['baseline_last_mae', 'baseline_last_rmse', 'baseline_linear_mae', 'baseline_linear_rmse', 'baseline_mae', 'baseline_moving_mae', 'baseline_moving_rmse', 'baseline_rmse', 'loss', 'mae', 'rmse']);
  // The kept model is the best epoch's: its validation loss is the lowest of the history.
  const best = Math.min(...result.run.history.map((h) => h.valLoss!));
  assert.ok(Math.abs(result.run.metrics.loss - best) <= 1e-5 * best, `${result.run.metrics.loss} vs best ${best}`);
  const again = await api.runs.get({ id: runId });
  assert.equal(again.status, 'cancelled');
  assert.deepEqual(again.model, result.model);
  assert.ok((await api.models.list()).some((m) => m.name === 'kept' && m.runId === runId));
  assert.deepEqual(await api.jobs.cancel({ jobId: runId, keepBest: true }), { cancelled: false }, 'nothing left to cancel');
});

test('jobs:cancel without keepBest rejects the run as cancelled and saves nothing', async () => {
  const runId = 'api-cancel-drop';
  const running = api.training.start({ runId, datasetId, config: epochs(200), name: 'dropped' });
  await afterEpochs(runId, 1);
  await api.jobs.cancel({ jobId: runId, keepBest: false });
  await assert.rejects(running, (err: Error & { kind?: string }) => err.kind === 'cancelled' && /no model was saved/.test(err.message));
  const run = await api.runs.get({ id: runId });
  assert.equal(run.status, 'cancelled');
  assert.equal(run.model, null);
  assert.ok(run.history.length >= 1);
  assert.ok(!(await api.models.list()).some((m) => m.name === 'dropped'));
});

test('versions count up per name; runs:list is newest first and filters by dataset', async () => {
  const result = await api.training.start({ runId: 'api-v2', datasetId, config: epochs(1), name: 'progress' });
  assert.equal(result.model!.version, 2);
  assert.ok(result.model!.path.endsWith(path.join('progress', 'v2')));
  const runs = await api.runs.list({ datasetId });
  assert.deepEqual(runs.map((r) => r.id).slice(0, 4), ['api-v2', 'api-cancel-drop', 'api-cancel-keep', 'api-progress']);
  assert.deepEqual(await api.runs.list({ datasetId: datasetId + 100 }), []);
  assert.equal(runs[0].epochs, 1);
});

test('bad requests are user errors that name the problem, and record no run', async () => {
  const before = (await api.runs.list({})).length;
  await assert.rejects(api.training.start({ runId: 'bad-1', datasetId, config: { ...TINY, recurrent: { units: [300] } } }), /recurrent\.units\[0\]: 300 is not allowed/);
  await assert.rejects(api.training.start({ runId: 'bad-2', datasetId, config: { ...TINY, input: { targets: ['nope'] } } }), /input\.targets: .*nope/);
  await assert.rejects(api.training.start({ runId: 'bad-3', datasetId: 999, config: TINY }), /There is no dataset with id 999/);
  await assert.rejects(api.training.start({ runId: 'api-progress', datasetId, config: TINY }), /A training run with id api-progress exists already/);
  await assert.rejects(api.training.start({ runId: 'bad-4', datasetId, config: TINY, preset: 'classifier' }), /The preset 'classifier' is made for classify/);
  await assert.rejects(api.runs.get({ id: 'nope' }), /There is no training run with id nope/);
  assert.equal((await api.runs.list({})).length, before);
});

test('a worker that runs out of memory fails its run with a clear message; the app carries on', async () => {
  process.env.LSTM_STUDIO_WORKER_HEAP_MB = '8'; // read when the worker is spawned
  try {
    await assert.rejects(
      api.training.start({ runId: 'api-oom', datasetId, config: TINY, name: 'oom' }),
      (err: Error & { kind?: string }) => err.kind === 'user' && /^Training ran out of memory \(the training worker may use 8 MB\)/.test(err.message),
    );
  } finally {
    delete process.env.LSTM_STUDIO_WORKER_HEAP_MB;
  }
  const run = await api.runs.get({ id: 'api-oom' });
  assert.equal(run.status, 'failed');
  assert.match(run.error ?? '', /ran out of memory/);
  assert.equal(run.model, null);
  assert.ok(run.durationMs !== null);
  // The main process is fine: the next run trains.
  const next = await api.training.start({ runId: 'api-after-oom', datasetId, config: epochs(1), name: 'oom' });
  assert.equal(next.model!.version, 1);
});

test('jobs:list shows a running training; jobs:cancel stops it (without keeping a model)', async () => {
  const runId = 'api-jobs-cancel';
  const running = api.training.start({ runId, datasetId, config: epochs(200), name: 'job-cancel' });
  await afterEpochs(runId, 1);
  // jobs:list shows the run as a training job, with its training detail as its latest progress.
  const listed = (await api.jobs.list()).find((j) => j.jobId === runId);
  assert.equal(listed?.kind, 'train');
  assert.equal(listed?.cancelling, false);
  assert.ok(listed?.progress?.train && listed.progress.train.runId === runId && listed.progress.train.epoch >= 1, JSON.stringify(listed));
  assert.deepEqual(await api.jobs.cancel({ jobId: runId }), { cancelled: true });
  await assert.rejects(running, (err: Error & { kind?: string }) => err.kind === 'cancelled');
  assert.equal((await api.runs.get({ id: runId })).status, 'cancelled');
});

test('while another connection holds the write lock (as an import does), the main thread never blocks and the run is still recorded', async () => {
  const runId = 'api-busy';
  const running = api.training.start({ runId, datasetId, config: epochs(2), name: 'busy' });
  await new Promise<void>((resolve) => {
    const stop = onTrain((p) => {
      if (p.runId === runId && p.phase === 'training') {
        stop();
        resolve();
      }
    });
  });
  const other = openDatabase(ctx.dbPath);
  other.exec('BEGIN IMMEDIATE');
  let stall = 0;
  let last = Date.now();
  const ticker = setInterval(() => {
    stall = Math.max(stall, Date.now() - last);
    last = Date.now();
  }, 10);
  try {
    // Both epochs end (their history cannot be written yet) and the worker waits to register the model.
    await new Promise<void>((resolve) => {
      const stop = onTrain((p) => {
        if (p.runId === runId && p.phase === 'saving') {
          stop();
          resolve();
        }
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    clearInterval(ticker);
    other.exec('COMMIT');
    other.close();
  }
  // Not a speed target: a blocking write would wait out the 10 s busy timeout; retries never block.
  assert.ok(stall < 5000, `the main thread was blocked for ${stall} ms (waiting on the database lock)`);
  const result = await running;
  assert.equal(result.run.status, 'completed');
  assert.equal(result.run.history.length, 2);
  assert.ok(result.run.split);
  assert.equal(result.model!.version, 1);
});

test('a run left running by an app that died is marked failed when the app starts again', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has exited
  insertRun(ctx.db, {
    id: 'crashed',
    datasetId,
    datasetName: 'ambient',
    task: 'forecast',
    preset: null,
    config: resolveTrainConfig([], undefined, TINY),
    fingerprint: 'f'.repeat(64),
    startedAt: new Date().toISOString(),
  });
  ctx.db.prepare('UPDATE runs SET owner_pid = ? WHERE id = ?').run(dead, 'crashed');
  const again = openAppContext({ home: ctx.home, mode: 'cli' });
  try {
    const api2 = buildApi(inProcessTransport(createHandlers(again), again.events));
    const run = await api2.runs.get({ id: 'crashed' });
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /LSTM Studio stopped while this run was training/);
    // Runs of live processes (this one) are left alone.
    assert.ok((await api2.runs.list({})).every((r) => r.id === 'crashed' || r.status !== 'failed' || /memory/.test(r.error ?? '')));
  } finally {
    await again.close();
  }
});
