import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { initEngine } from '../../electron/engine/backend';
import { buildModel, countParameters } from '../../electron/engine/build-model';
import { loadModel, saveModel } from '../../electron/engine/model-files';
import { predict } from '../../electron/engine/predict';
import { trainModel } from '../../electron/engine/train-model';
import { UserError } from '../../shared/errors';
import { MODEL_SCHEMA_VERSION, type ModelMetadata } from '../../shared/model/metadata';
import type { VariantConfig } from '../../shared/model/variant';
import { randomData, testConfig } from '../helpers/engine-data';
import { projectRoot, tempDir } from '../helpers/fixtures';

const WINDOW = 8;
const FEATURES = 2;
const N = 5;

before(async () => {
  await initEngine();
});

function metadata(model: TF.LayersModel, config: VariantConfig): ModelMetadata {
  return {
    schemaVersion: MODEL_SCHEMA_VERSION,
    format: 'lstm-studio-model',
    name: 'test',
    version: 1,
    task: config.task,
    config,
    featureScaler: { method: 'zscore', columns: [] },
    targetScaler: null,
    featureNames: ['a', 'b'],
    targetNames: ['a'],
    classNames: [],
    window: WINDOW,
    horizon: 1,
    inputShape: [WINDOW, FEATURES],
    outputs: 1,
    training: { datasetName: 'random', fingerprint: '0', columns: ['a', 'b'], runId: 'run-1' },
    parameters: countParameters(model),
    metrics: {},
    createdAt: new Date(0).toISOString(),
    appVersion: '0.0.0',
    tfjsVersion: '4.22.0',
    backend: 'wasm',
  };
}

/** A trained attention model (custom layer, masking, layer norm) saved into a fresh folder. */
async function savedModel(): Promise<{ dir: string; model: TF.LayersModel; x: Float32Array }> {
  const config = testConfig({
    input: { window: WINDOW, masking: true },
    recurrent: { units: [8, 8], bidirectional: true, normalization: 'layer' },
    attention: { enabled: true },
    head: { units: [4] },
    training: { epochs: 1 },
  });
  const data = randomData({ n: 32, window: WINDOW, features: FEATURES, outputs: 1 });
  const model = buildModel(config, { window: WINDOW, features: FEATURES, outputs: 1, task: 'forecast' });
  await trainModel(model, data, config);
  const dir = path.join(tempDir('lstm-engine-files-'), 'models', 'test', 'v1');
  await saveModel(model, dir, metadata(model, config));
  return { dir, model, x: data.validation.x.slice(0, N * WINDOW * FEATURES) };
}

test('a saved model loads in a new process with identical predictions', async () => {
  const { dir, model, x } = await savedModel();
  assert.deepEqual(fs.readdirSync(dir).sort(), ['metadata.json', 'model.json', 'weights.bin']);
  assert.deepEqual(fs.readdirSync(path.dirname(dir)), ['v1'], 'no temporary folder left behind');
  const expected = predict(model, x, N, [WINDOW, FEATURES]);

  const inputFile = path.join(path.dirname(dir), 'input.json');
  fs.writeFileSync(inputFile, JSON.stringify(Array.from(x)));
  const engine = path.join(projectRoot(), 'dist', 'electron', 'engine');
  const script = `
    const { initEngine } = require(${JSON.stringify(path.join(engine, 'backend.js'))});
    const { loadModel } = require(${JSON.stringify(path.join(engine, 'model-files.js'))});
    const { predict } = require(${JSON.stringify(path.join(engine, 'predict.js'))});
    (async () => {
      const info = await initEngine();
      const { model, metadata } = await loadModel(process.argv[1]);
      const x = Float32Array.from(JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')));
      const y = predict(model, x, ${N}, metadata.inputShape);
      process.stdout.write(JSON.stringify({ backend: info.backend, name: metadata.name, y: Array.from(y) }));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script, dir, inputFile], { encoding: 'utf8' }));
  assert.equal(out.backend, (await initEngine()).backend);
  assert.equal(out.name, 'test');
  const diff = Math.max(...out.y.map((v: number, i: number) => Math.abs(v - expected[i])));
  assert.equal(diff, 0, `max abs difference ${diff}`);

  // And in this process.
  const loaded = await loadModel(dir);
  assert.deepEqual(Array.from(predict(loaded.model, x, N, [WINDOW, FEATURES])), Array.from(expected));
  loaded.model.dispose();
  model.dispose();
});

test('saving refuses an existing folder; loading refuses damaged or foreign folders with clear messages', async () => {
  const { dir, model } = await savedModel();
  const config = testConfig();
  await assert.rejects(saveModel(model, dir, metadata(model, config)), (e: Error) => e instanceof UserError && /already exists.*new version/.test(e.message));
  model.dispose();

  const copy = (name: string): string => {
    const to = path.join(path.dirname(dir), name);
    fs.cpSync(dir, to, { recursive: true });
    return to;
  };
  const refused = async (folder: string, pattern: RegExp): Promise<void> => {
    await assert.rejects(loadModel(folder), (e: Error) => e instanceof UserError && pattern.test(e.message), `expected ${pattern}`);
  };

  const truncated = copy('truncated');
  const bin = path.join(truncated, 'weights.bin');
  fs.truncateSync(bin, fs.statSync(bin).size - 10);
  await refused(truncated, new RegExp(`${escape(bin)} holds \\d+ bytes but model.json needs \\d+.*truncated.*Re-export the model or retrain it`));

  const newer = copy('newer');
  editJson(path.join(newer, 'metadata.json'), (m) => (m.schemaVersion = MODEL_SCHEMA_VERSION + 1));
  await refused(newer, new RegExp(`schema version ${MODEL_SCHEMA_VERSION + 1} .*reads version ${MODEL_SCHEMA_VERSION}.*update LSTM Studio`));

  const older = copy('older');
  editJson(path.join(older, 'metadata.json'), (m) => (m.schemaVersion = 0));
  await refused(older, /schema version 0 .*older LSTM Studio: retrain the model/);

  const foreign = copy('foreign');
  editJson(path.join(foreign, 'metadata.json'), (m) => (m.format = 'something-else'));
  await refused(foreign, /does not describe an LSTM Studio model/);

  const noWeights = copy('no-weights');
  fs.rmSync(path.join(noWeights, 'weights.bin'));
  await refused(noWeights, /weights.bin is missing/);

  const badJson = copy('bad-json');
  fs.writeFileSync(path.join(badJson, 'model.json'), '{"modelTopology": ');
  await refused(badJson, /model.json is not valid JSON/);

  await refused(path.join(path.dirname(dir), 'nope'), /No model folder at .*nope/);
});

function editJson(file: string, edit: (value: Record<string, unknown>) => void): void {
  const value = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
