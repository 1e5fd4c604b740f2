import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type * as TF from '@tensorflow/tfjs';
import { attentionWeightsModel } from '../../electron/engine/attention-layer';
import { initEngine, tf } from '../../electron/engine/backend';
import { buildModel, countParameters, modelSizeBytes } from '../../electron/engine/build-model';
import { orthogonalValues } from '../../electron/engine/initializers';
import { predict } from '../../electron/engine/predict';
import type { PresetInfo } from '../../shared/model/training';
import { DEFAULT_VARIANT, mergeVariant, type Task } from '../../shared/model/variant';
import { createRng, gaussian } from '../../shared/random';
import { maxWeightDiff, testConfig, weightValues } from '../helpers/engine-data';
import { projectRoot } from '../helpers/fixtures';

const WINDOW = 12;
const FEATURES = 3;
const N = 4;
const OUTPUTS: Record<Task, number> = { forecast: 2, regress: 2, rul: 1, classify: 3 };

before(async () => {
  const info = await initEngine();
  assert.ok(['tensorflow', 'wasm', 'cpu'].includes(info.backend));
});

function presets(): PresetInfo[] {
  const dir = path.join(projectRoot(), 'models', 'presets');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parse(fs.readFileSync(path.join(dir, f), 'utf8')) as PresetInfo);
}

function randomInput(n: number, window = WINDOW, features = FEATURES, seed = 3): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * window * features }, () => gaussian(rng));
}

function rowSums(values: Float32Array, width: number): number[] {
  const sums: number[] = [];
  for (let i = 0; i < values.length; i += width) sums.push(values.subarray(i, i + width).reduce((a, b) => a + b, 0));
  return sums;
}

test('initEngine reports the active backend and its reason, and is idempotent', async () => {
  const a = await initEngine();
  const b = await initEngine();
  assert.deepEqual(a, b);
  assert.equal(tf().getBackend(), a.backend);
  assert.match(a.tfjsVersion, /^\d+\.\d+\.\d+/);
  if (a.backend !== 'tensorflow') assert.match(a.note ?? '', /tfjs-node/);
});

test('LSTM_STUDIO_BACKEND=cpu selects the cpu backend and says why', () => {
  const backend = path.join(projectRoot(), 'dist', 'electron', 'engine', 'backend.js');
  const script = `require(${JSON.stringify(backend)}).initEngine().then((i) => process.stdout.write(JSON.stringify(i)))`;
  const info = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, LSTM_STUDIO_BACKEND: 'cpu' } }));
  assert.equal(info.backend, 'cpu');
  assert.match(info.note, /faster backends skipped.*'cpu'/);
});

test('every preset builds for each of its tasks with output [n, outputs]', () => {
  const all = presets();
  assert.ok(all.length >= 5, 'presets found');
  for (const preset of all) {
    for (const task of preset.tasks) {
      const config = mergeVariant(DEFAULT_VARIANT, preset.config, { task });
      const outputs = OUTPUTS[task];
      const model = buildModel(config, { window: WINDOW, features: FEATURES, outputs, task });
      try {
        const before = tf().memory().numTensors;
        const out = predict(model, randomInput(N), N, [WINDOW, FEATURES]);
        assert.equal(tf().memory().numTensors, before, `${preset.name}/${task}: predict frees its tensors`);
        assert.deepEqual(model.outputs[0].shape, [null, outputs], `${preset.name}/${task}`);
        assert.equal(out.length, N * outputs);
        assert.ok(out.every(Number.isFinite), `${preset.name}/${task}: finite outputs`);
        if (task === 'classify') rowSums(out, outputs).forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5, 'softmax rows sum to 1'));
        if (config.attention.enabled) checkAttention(model, `${preset.name}/${task}`);
        assert.ok(countParameters(model) > 0);
      } finally {
        model.dispose();
      }
    }
  }
});

function checkAttention(model: TF.LayersModel, label: string): void {
  const weightsModel = attentionWeightsModel(model);
  const weights = predict(weightsModel, randomInput(N), N, [WINDOW, FEATURES]);
  assert.deepEqual(weightsModel.outputs[0].shape, [null, WINDOW], `${label}: attention weights are [n, window]`);
  rowSums(weights, WINDOW).forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5, `${label}: attention weights sum to 1 (${s})`));
}

test('attention ignores masked (zero-padded) steps', () => {
  const config = testConfig({ input: { masking: true }, attention: { enabled: true }, recurrent: { units: [8, 8] } });
  const model = buildModel(config, { window: WINDOW, features: FEATURES, outputs: 1, task: 'forecast' });
  const x = randomInput(2);
  const padded = 5;
  x.fill(0, 0, padded * FEATURES); // first window: 5 padding steps ('pre')
  const weights = predict(attentionWeightsModel(model), x, 2, [WINDOW, FEATURES]);
  for (let s = 0; s < padded; s++) assert.equal(weights[s], 0, `padded step ${s} gets no weight`);
  rowSums(weights, WINDOW).forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5));
  model.dispose();
});

test('two builds with the same seed have identical weights; another seed differs', () => {
  const config = testConfig({ recurrent: { cell: 'gru', units: [8, 8], bidirectional: true, normalization: 'layer' }, attention: { enabled: true }, head: { units: [4] } });
  const shape = { window: WINDOW, features: FEATURES, outputs: 2, task: 'regress' as const };
  const [a, b, c] = [config, config, mergeVariant(config, { training: { seed: 7 } })].map((cfg) => buildModel(cfg, shape));
  assert.equal(maxWeightDiff(weightValues(a), weightValues(b)), 0);
  assert.ok(maxWeightDiff(weightValues(a), weightValues(c)) > 0);
  [a, b, c].forEach((m) => m.dispose());
});

test('layers use sigmoid recurrent activation and fixed names', () => {
  const model = buildModel(testConfig({ recurrent: { units: [8, 8], normalization: 'batch' } }), { window: WINDOW, features: FEATURES, outputs: 1, task: 'rul' });
  const names = model.layers.map((l) => l.name);
  assert.deepEqual(names, ['input', 'rnn_1', 'norm_1', 'rnn_2', 'norm_2', 'output']);
  assert.equal(model.getLayer('rnn_1').getConfig().recurrentActivation, 'sigmoid');
  model.dispose();
});

test('recurrent dropout acts between layers, never on the raw input features', () => {
  const shape = { window: WINDOW, features: 1, outputs: 2, task: 'forecast' as const };
  const dropoutOf = (model: TF.LayersModel, name: string) => model.getLayer(name).getConfig().dropout;
  const stacked = buildModel(testConfig({ recurrent: { units: [8, 8], dropout: 0.3 } }), shape);
  // One input and a per-sequence mask would blank 30% of the windows entirely.
  assert.deepEqual([dropoutOf(stacked, 'rnn_1'), dropoutOf(stacked, 'rnn_2')], [0, 0.3]);
  const afterConv = buildModel(testConfig({ recurrent: { units: [8], dropout: 0.3 }, conv: { blocks: [{ filters: 4, kernel: 3, dilation: 1, batchNorm: false, pool: 1 }] } }), shape);
  assert.equal(dropoutOf(afterConv, 'rnn_1'), 0.3, 'the first recurrent layer reads convolution features, not sensors');
  const both = buildModel(testConfig({ recurrent: { units: [8, 8], dropout: 0.3, bidirectional: true } }), shape);
  const inner = (name: string) => (both.getLayer(name).getConfig().layer as { config: { dropout: number } }).config.dropout;
  assert.deepEqual([inner('rnn_1'), inner('rnn_2')], [0, 0.3]);
  for (const m of [stacked, afterConv, both]) m.dispose();
});

test('countParameters and modelSizeBytes match the LSTM formula', () => {
  const units = 8;
  const model = buildModel(testConfig({ recurrent: { units: [units] } }), { window: WINDOW, features: FEATURES, outputs: 1, task: 'forecast' });
  const lstm = 4 * (units * (FEATURES + units) + units);
  const dense = units + 1;
  assert.equal(countParameters(model), lstm + dense);
  assert.equal(modelSizeBytes(model), 4 * (lstm + dense));
  model.dispose();
});

test('the orthogonal initializer gives orthonormal columns', () => {
  const rows = 24;
  const cols = 8;
  const w = orthogonalValues([rows, cols], 1, 5);
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < cols; b++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += w[r * cols + a] * w[r * cols + b];
      assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-5, `column ${a}.${b} = ${dot}`);
    }
  }
});

test('buildModel refuses a zero-size shape with a clear message', () => {
  assert.throws(() => buildModel(testConfig(), { window: 0, features: 3, outputs: 1, task: 'forecast' }), /window must be a whole number/);
});
