/**
 * `lstm-studio train` as a user runs it: a child process on the real NAB file, in a temp home.
 * Tiny models (one LSTM of 32, window 12, 3 epochs) keep it to seconds on two cores.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import type { ModelMetadata } from '../../shared/model/metadata';
import { initEngine } from '../../electron/engine/backend';
import { loadModel } from '../../electron/engine/model-files';
import { openDatabase } from '../../electron/store/database';
import { getRun } from '../../electron/store/runs-repo';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import { validationMetrics } from '../../electron/training/evaluate-model';
import { parseCli } from '../../electron/cli/commands';
import { commandHelp, generalHelp } from '../../electron/cli/help';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'lstm-studio.js');
const AMBIENT = path.resolve(ROOT, '..', 'shared', 'data', 'nab', 'ambient_temperature_system_failure.csv');
// Raw scaled values (not the change from the last value): the loss falls clearly within 3 epochs.
const TINY = ['--task', 'forecast', '--target', 'value', '--window', '12', '--epochs', '3', '--set', 'recurrent.units=[32]', '--set', 'scaling.predictDelta=false'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[]): Promise<Run> {
  const env = { ...process.env };
  delete env.LSTM_STUDIO_HOME;
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function ok(run: Run): Run {
  assert.equal(run.code, 0, `exit ${run.code}; stderr: ${run.stderr}`);
  return run;
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-train-cli-'));
after(() => fs.rmSync(home, { recursive: true, force: true }));

/** The --json result of the first training, shared by the tests that inspect what it left behind. */
let trained: { run: Run; out: any };

before(async () => {
  const run = ok(await cli(['train', '--data', AMBIENT, ...TINY, '--home', home, '--json']));
  trained = { run, out: JSON.parse(run.stdout) };
  if (process.env.LSTM_STUDIO_SHOW_CLI) process.stderr.write(`--- train --json (${run.ms} ms)\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\n`);
});

test('train --json prints exactly the documented shape, and the validation loss falls', () => {
  const out = trained.out;
  assert.deepEqual(Object.keys(out), ['model', 'backend', 'epochs', 'history', 'validation', 'durationMs', 'samplesPerSecond', 'baseline', 'selection']);
  // About 1,000 validation windows: enough to choose the epoch on.
  assert.deepEqual(out.selection, { monitor: 'validation', sentence: null });
  assert.deepEqual(Object.keys(out.model), ['name', 'version', 'path']);
  assert.equal(out.model.name, 'ambient_temperature_system_failure-forecast');
  assert.equal(out.model.version, 1);
  assert.ok(['tensorflow', 'wasm', 'cpu'].includes(out.backend), out.backend);
  assert.equal(out.epochs, 3);
  assert.equal(out.history.length, 3);
  for (const [i, h] of out.history.entries()) {
    assert.deepEqual(Object.keys(h), ['epoch', 'loss', 'valLoss']);
    assert.equal(h.epoch, i + 1);
    assert.ok(Number.isFinite(h.loss) && Number.isFinite(h.valLoss));
  }
  assert.ok(out.history[2].valLoss < out.history[0].valLoss, `val loss ${out.history.map((h: { valLoss: number }) => h.valLoss)}`);
  assert.deepEqual(Object.keys(out.validation).sort(), ['baseline_last_mae', 'baseline_last_rmse', 'baseline_linear_mae', 'baseline_linear_rmse', 'baseline_mae', 'baseline_moving_mae', 'baseline_moving_rmse', 'baseline_rmse', 'loss', 'mae', 'rmse']);
  // Hourly office temperatures in °F: an error of a few degrees at most.
  assert.ok(out.validation.mae > 0 && out.validation.mae < 5, `mae ${out.validation.mae}`);
  assert.ok(out.validation.rmse >= out.validation.mae);
  assert.ok(out.durationMs > 0 && out.samplesPerSecond > 0);
  // Progress and status on stderr only: the backend first, then the import, then one line per epoch.
  const err = trained.run.stderr;
  assert.match(err, /^Backend: (tensorflow|wasm|cpu)/);
  assert.match(err, /Imported ambient_temperature_system_failure\.csv as dataset 1 \(7,267 rows\)/);
  for (const e of [1, 2, 3]) assert.match(err, new RegExp(`Epoch ${e}/3: loss [0-9.e-]+, val loss [0-9.e-]+, [0-9,]+ samples/s, ETA`));
});

test('the model folder holds model.json, the weights and metadata.json', () => {
  const dir = trained.out.model.path;
  assert.equal(dir, path.join(home, 'models', 'ambient_temperature_system_failure-forecast', 'v1'));
  const files = fs.readdirSync(dir).sort();
  assert.ok(files.includes('model.json') && files.includes('metadata.json'), files.join(', '));
  assert.ok(files.some((f) => f.endsWith('.bin')), `a weights file in ${files.join(', ')}`);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as ModelMetadata;
  assert.equal(meta.format, 'lstm-studio-model');
  assert.equal(meta.name, trained.out.model.name);
  assert.equal(meta.version, 1);
  assert.equal(meta.task, 'forecast');
  assert.equal(meta.window, 12);
  assert.equal(meta.horizon, 1);
  assert.deepEqual(meta.inputShape, [12, meta.featureNames.length]);
  assert.deepEqual(meta.targetNames, ['value']);
  assert.deepEqual(meta.config.recurrent.units, [32]);
  assert.match(meta.training.fingerprint, /^[0-9a-f]{64}$/);
  assert.equal(meta.training.datasetName, 'ambient_temperature_system_failure');
  assert.deepEqual(meta.metrics, trained.out.validation);
  assert.equal(meta.backend, trained.out.backend);
  assert.ok(meta.parameters > 0 && meta.appVersion && meta.tfjsVersion);
  assert.ok(meta.featureScaler.columns.length > 0);
});

test('the run is recorded in SQLite with its history, fingerprint and split', () => {
  const db: Database.Database = openDatabase(path.join(home, 'studio.sqlite'));
  try {
    const row = db.prepare('SELECT id FROM runs').all() as { id: string }[];
    assert.equal(row.length, 1);
    const run = getRun(db, row[0].id);
    assert.equal(run.status, 'completed');
    assert.equal(run.task, 'forecast');
    assert.equal(run.datasetId, 1);
    assert.equal(run.history.length, 3);
    assert.deepEqual(run.history.map((h) => ({ epoch: h.epoch, loss: h.loss, valLoss: h.valLoss })), trained.out.history);
    assert.ok(run.history.every((h) => h.durationMs > 0 && h.learningRate > 0));
    assert.match(run.fingerprint, /^[0-9a-f]{64}$/);
    assert.ok(run.split, 'a split');
    assert.equal(run.split!.mode, 'chronological');
    const w = run.split!.windows;
    assert.ok(w.train > w.validation && w.validation > 0 && w.test > 0, JSON.stringify(w));
    assert.deepEqual(run.model, trained.out.model);
    assert.deepEqual(run.metrics, trained.out.validation);
    assert.equal(run.backend, trained.out.backend);
    assert.ok(run.durationMs! > 0);
    assert.equal(run.error, null);
  } finally {
    db.close();
  }
});

test('the model reloaded in a new process predicts exactly as right after training', async () => {
  // This test process never saw the model: it loads the saved files and scores the validation
  // split again; the metrics must match those computed in the worker right after training.
  const info = await initEngine();
  assert.equal(info.backend, trained.out.backend);
  const db = openDatabase(path.join(home, 'studio.sqlite'));
  try {
    const loaded = await loadModel(trained.out.model.path);
    const prepared = prepareTrainingData(db, 1, loaded.metadata.config);
    const metrics = validationMetrics(loaded.model, prepared, loaded.metadata.config.training.loss);
    for (const k of ['loss', 'mae', 'rmse', 'baseline_mae']) {
      const saved = trained.out.validation[k] as number;
      assert.ok(Math.abs(metrics[k] - saved) <= 1e-6 * Math.max(1, Math.abs(saved)), `${k}: ${metrics[k]} after reload, ${saved} after training`);
    }
    loaded.model.dispose();
  } finally {
    db.close();
  }
});

test('models list shows the model (--json and table); presets lists the presets', async () => {
  const list = JSON.parse(ok(await cli(['models', 'list', '--home', home, '--json'])).stdout);
  assert.equal(list.models.length, 1);
  const m = list.models[0];
  assert.equal(m.name, trained.out.model.name);
  assert.equal(m.version, 1);
  assert.equal(m.path, trained.out.model.path);
  assert.equal(m.task, 'forecast');
  assert.equal(m.datasetName, 'ambient_temperature_system_failure');
  assert.deepEqual(m.metrics, trained.out.validation);
  assert.ok(m.parameters > 0);
  const table = ok(await cli(['models', 'list', '--home', home])).stdout;
  assert.match(table, /^name +version +task +dataset +validation +parameters +created/);
  assert.match(table, /ambient_temperature_system_failure-forecast +1 +forecast +ambient_temperature_system_failure +mae /);
  const presets = JSON.parse(ok(await cli(['presets', '--home', home, '--json'])).stdout);
  assert.deepEqual(
    presets.presets.map((p: { name: string }) => p.name),
    ['attention', 'bidirectional', 'classifier', 'cnn-lstm', 'deep', 'lightweight', 'lstm-fcn', 'robust', 'rul', 'standard'],
  );
});

test('training again on the dataset id, without --json: the backend and a summary on stdout, progress on stderr', async () => {
  const run = ok(await cli(['train', '--data', '1', '--task', 'forecast', '--target', 'value', '--window', '12', '--epochs', '2', '--set', 'recurrent.units=[32]', '--name', 'office temp', '--home', home]));
  if (process.env.LSTM_STUDIO_SHOW_CLI) process.stderr.write(`--- train (${run.ms} ms)\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\n`);
  assert.match(run.stdout, /^Backend: (tensorflow|wasm|cpu)/);
  assert.match(run.stdout, /\nModel office temp v1 \(trained\)\n/);
  assert.match(run.stdout, /validation +mae [0-9.]+, rmse [0-9.]+, loss [0-9.]+ \(baselines: last mae [0-9.]+, rmse [0-9.]+; moving mae [0-9.]+, rmse [0-9.]+; linear mae [0-9.]+, rmse [0-9.]+\)/);
  // The verdict against the best baseline on validation, in a sentence.
  assert.match(run.stdout, /\nThis model is [0-9.]+% (better|worse) than .+ on validation \(MAE [0-9.]+ against [0-9.]+\)/);
  assert.match(run.stdout, /saved to +.*office_temp-[0-9a-f]{8}[/\\]v1\n/);
  assert.match(run.stdout, /epoch +loss +val loss +time\n +1 +/);
  assert.doesNotMatch(run.stdout, /Epoch 1\/2/);
  assert.match(run.stderr, /Epoch 2\/2: loss/);
  const list = JSON.parse(ok(await cli(['models', 'list', '--home', home, '--json'])).stdout);
  assert.deepEqual(list.models.map((m: { name: string; version: number }) => `${m.name} v${m.version}`).sort(), [
    'ambient_temperature_system_failure-forecast v1',
    'office temp v1',
  ]);
});

test('a bad config exits 1 naming the field, before anything is imported', async () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-train-bad-'));
  try {
    const run = await cli(['train', '--data', AMBIENT, ...TINY, '--set', 'recurrent.units=[300]', '--home', fresh]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^Error: The training config is not valid:\nrecurrent\.units\[0\]: 300 is not allowed: use a whole number from 32 to 256\.\n$/);
    const typo = await cli(['train', '--data', AMBIENT, ...TINY, '--set', 'training.epoch=3', '--home', fresh]);
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /training\.epoch: is not a known field of training/);
    const missing = await cli(['train', '--data', AMBIENT, '--task', 'forecast', '--home', fresh]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /input\.targets: the forecast task needs at least one target column/);
    const datasets = JSON.parse(ok(await cli(['datasets', '--home', fresh, '--json'])).stdout);
    assert.deepEqual(datasets.datasets, [], 'nothing was imported');
    const column = await cli(['train', '--data', AMBIENT, '--task', 'forecast', '--target', 'nope', '--window', '12', '--home', fresh]);
    assert.equal(column.code, 1, column.stderr);
    assert.match(column.stderr, /nope/);
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});

test('Ctrl-C stops training within a batch, keeps the best model so far and exits 1', async () => {
  const child = spawn(process.execPath, [BIN, 'train', '--data', '1', ...TINY.slice(0, 6), '--epochs', '200', '--set', 'recurrent.units=[32]', '--name', 'interrupted', '--home', home, '--json'], {
    env: { ...process.env, LSTM_STUDIO_HOME: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  let interrupted = false;
  child.stderr.on('data', (d) => {
    stderr += d;
    if (!interrupted && /Epoch 1\/200: loss/.test(stderr)) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 1, stderr);
  assert.match(stderr, /Stopping within a batch; the best model so far will be saved/);
  assert.match(stderr, /Training was cancelled after \d+ epoch\(s\); the best model so far was saved\./);
  const out = JSON.parse(stdout);
  assert.equal(out.model.name, 'interrupted');
  assert.ok(out.epochs >= 1 && out.epochs < 200);
  assert.ok(fs.existsSync(path.join(out.model.path, 'metadata.json')));
});

test('train flags map to the config layers; --set may repeat; help lists the new commands', () => {
  const req = parseCli([
    'train', '--data', 'f.csv', '--task', 'forecast', '--target', 'a, b', '--features', 'all', '--window', '24', '--horizon', '6',
    '--epochs', '5', '--split', '0.6,0.2,0.2', '--seed', '7', '--set', 'recurrent.units=[64]', '--set=training.batchSize=32',
    '--preset', 'standard', '--config', 'c.yaml', '--name', ' m ', '--time', 'ts', '--no-header', '--json',
  ]);
  assert.deepEqual(req, {
    kind: 'train',
    global: { home: undefined, json: true },
    data: { file: 'f.csv', options: { timeColumn: 'ts', header: false } },
    preset: 'standard',
    configFile: 'c.yaml',
    flags: { task: 'forecast', input: { targets: ['a', 'b'], features: 'all', window: 24, horizon: 6 }, training: { epochs: 5, seed: 7, split: { train: 0.6, validation: 0.2, test: 0.2 } } },
    sets: ['recurrent.units=[64]', 'training.batchSize=32'],
    name: 'm',
  });
  const byId = parseCli(['train', '--data', '3', '--task', 'rul', '--rul-cap', 'none']);
  assert.equal(byId.kind, 'train');
  if (byId.kind === 'train') {
    assert.deepEqual(byId.data, { datasetId: 3 });
    assert.deepEqual(byId.flags, { task: 'rul', rul: { cap: null } });
  }
  assert.throws(() => parseCli(['train', '--task', 'forecast']), /train needs --data FILE or --data DATASET_ID/);
  assert.throws(() => parseCli(['train', '--data', 'f', '--task', 'predict']), /--task must be one of forecast, regress, rul, classify; got "predict"/);
  assert.throws(() => parseCli(['train', '--data', 'f', '--task', 'forecast', '--window', 'ten']), /--window must be a whole number; got "ten"/);
  assert.throws(() => parseCli(['train', '--data', 'f', '--task', 'forecast', '--split', '0.7,0.3']), /--split must be three fractions/);
  assert.throws(() => parseCli(['train', '--data', '3', '--task', 'forecast', '--time', 'ts']), /--time is an import option: it only applies when --data is a file/);
  assert.throws(() => parseCli(['train', '--data', 'f', '--task', 'forecast', '--set']), /Option --set needs a value/);
  assert.deepEqual(parseCli(['models', 'list', '--json']), { kind: 'models', global: { home: undefined, json: true }, action: 'list' });
  assert.throws(() => parseCli(['models', 'frobnicate']), /Unknown action "frobnicate" for lstm-studio models/);
  assert.deepEqual(parseCli(['models']), { kind: 'models', global: { home: undefined, json: false }, action: 'list' });
  assert.throws(() => parseCli(['models', 'deploy']), /lstm-studio models deploy takes REF; got none/);
  assert.deepEqual(parseCli(['presets']), { kind: 'presets', global: { home: undefined, json: false } });
  assert.match(generalHelp(), /train +Train an LSTM model/);
  assert.match(generalHelp(), /models +The model registry: list, show, deploy/);
  assert.match(commandHelp('train'), /--set key=value +Set any config field/);
  assert.match(commandHelp('train'), /--no-header/);
  assert.match(commandHelp('models'), /^Usage: lstm-studio models list\|show\|history\|gates\|deploy\|rollback\|compare\|export\|import\|delete/);
});
