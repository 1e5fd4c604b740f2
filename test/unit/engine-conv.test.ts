/**
 * The convolutional layers: TemporalConv against a hand-written conv1d (outputs and gradients, with
 * and without dilation) and against tfjs's own conv1d; the CNN-LSTM and LSTM-FCN models' shapes and
 * layer names, their save/load round trip with identical outputs, and a short training that lowers the loss.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { initEngine, tf } from '../../electron/engine/backend';
import { buildModel } from '../../electron/engine/build-model';
import { meanLoss, monitoredScore } from '../../electron/engine/evaluate';
import { fastMatMul } from '../../electron/engine/fast-matmul';
import { loadModel, saveModel } from '../../electron/engine/model-files';
import { predict } from '../../electron/engine/predict';
import { TemporalConv } from '../../electron/engine/temporal-conv-layer';
import { trainModel } from '../../electron/engine/train-model';
import { UserError } from '../../shared/errors';
import { MODEL_SCHEMA_VERSION } from '../../shared/model/metadata';
import type { PartialVariant, VariantConfig } from '../../shared/model/variant';
import { createRng, gaussian } from '../../shared/random';
import { randomData, testConfig } from '../helpers/engine-data';
import { tempDir } from '../helpers/fixtures';

before(async () => {
  await initEngine();
});

function randoms(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => gaussian(rng));
}

/** Hand-written 'same' conv1d: y[b,s,f] = bias[f] + sum_k,c x[b, s - left + k*d, c] * w[k,c,f] (zero outside). */
function referenceConv(x: Float32Array, w: Float32Array, bias: Float32Array, B: number, T: number, C: number, K: number, F: number, d: number): Float64Array {
  const left = Math.floor((d * (K - 1)) / 2);
  const y = new Float64Array(B * T * F);
  for (let b = 0; b < B; b++)
    for (let s = 0; s < T; s++)
      for (let f = 0; f < F; f++) {
        let sum = bias[f];
        for (let k = 0; k < K; k++) {
          const src = s - left + k * d;
          if (src < 0 || src >= T) continue;
          for (let c = 0; c < C; c++) sum += x[(b * T + src) * C + c] * w[(k * C + c) * F + f];
        }
        y[(b * T + s) * F + f] = sum;
      }
  return y;
}

/** Gradients of sum(y * g) by hand: dx, dw and dbias. */
function referenceGrads(x: Float32Array, w: Float32Array, g: Float32Array, B: number, T: number, C: number, K: number, F: number, d: number) {
  const left = Math.floor((d * (K - 1)) / 2);
  const dx = new Float64Array(x.length);
  const dw = new Float64Array(w.length);
  const db = new Float64Array(F);
  for (let b = 0; b < B; b++)
    for (let s = 0; s < T; s++)
      for (let f = 0; f < F; f++) {
        const gy = g[(b * T + s) * F + f];
        db[f] += gy;
        for (let k = 0; k < K; k++) {
          const src = s - left + k * d;
          if (src < 0 || src >= T) continue;
          for (let c = 0; c < C; c++) {
            dx[(b * T + src) * C + c] += gy * w[(k * C + c) * F + f];
            dw[(k * C + c) * F + f] += gy * x[(b * T + src) * C + c];
          }
        }
      }
  return { dx, dw, db };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

for (const [K, d] of [[3, 1], [8, 1], [5, 2], [4, 3], [1, 1]]) {
  test(`TemporalConv kernel ${K}, dilation ${d}: output [n, steps, filters] and gradients equal a hand computation`, () => {
    const t = tf();
    const [B, T, C, F] = [3, 11, 2, 4];
    const layer = new TemporalConv({ filters: F, kernelSize: K, dilation: d, seed: 7, name: 'conv_test' });
    const xv = randoms(B * T * C, 1);
    const x = t.tensor3d(xv, [B, T, C]);
    const y = layer.apply(x) as TF.Tensor;
    assert.deepEqual(y.shape, [B, T, F]);
    const [kernel] = layer.getWeights();
    assert.deepEqual(kernel.shape, [K, C, F], 'Keras Conv1D kernel layout');
    const wv = kernel.dataSync() as Float32Array;
    const bv = Float32Array.from({ length: F }, (_, i) => 0.1 * (i + 1));
    layer.setWeights([kernel, t.tensor1d(bv)]);
    const out = (layer.apply(x) as TF.Tensor).dataSync();
    assert.ok(maxDiff(out, referenceConv(xv, wv, bv, B, T, C, K, F, d)) < 1e-5);

    const gv = randoms(B * T * F, 2);
    const g = t.tensor3d(gv, [B, T, F]);
    const vars = layer.trainableWeights.map((v) => v.read() as TF.Variable);
    const grads = t.variableGrads(() => t.sum(t.mul(layer.apply(x) as TF.Tensor, g)) as TF.Scalar, vars);
    const dx = t.grad((xi: TF.Tensor) => t.sum(t.mul(layer.apply(xi) as TF.Tensor, g)))(x);
    const ref = referenceGrads(xv, wv, gv, B, T, C, K, F, d);
    assert.ok(maxDiff(grads.grads[vars[0].name].dataSync(), ref.dw) < 1e-4, 'kernel gradient');
    assert.ok(maxDiff(grads.grads[vars[1].name].dataSync(), ref.db) < 1e-4, 'bias gradient');
    assert.ok(maxDiff(dx.dataSync(), ref.dx) < 1e-4, 'input gradient');
  });
}

test("TemporalConv's output equals tfjs's own conv1d ('same' padding, dilation 1 and 2)", () => {
  const t = tf();
  for (const d of [1, 2]) {
    const layer = new TemporalConv({ filters: 5, kernelSize: 4, dilation: d, seed: 3, name: `conv_ref_${d}` });
    const x = t.tensor3d(randoms(2 * 9 * 3, 4), [2, 9, 3]);
    const ours = (layer.apply(x) as TF.Tensor).dataSync();
    const [kernel] = layer.getWeights();
    const theirs = t.conv1d(x, kernel as TF.Tensor3D, 1, 'same', 'NWC', d).dataSync();
    assert.ok(maxDiff(ours, theirs) < 1e-5, `dilation ${d}`);
  }
});

test('fastMatMul equals matMul and its gradients equal tfjs matMul gradients', () => {
  const t = tf();
  const a = t.tensor2d(randoms(6 * 4, 5), [6, 4]);
  const b = t.tensor2d(randoms(4 * 3, 6), [4, 3]);
  const g = t.tensor2d(randoms(6 * 3, 7), [6, 3]);
  const f = (mm: typeof fastMatMul) => t.grads((x: TF.Tensor, y: TF.Tensor) => t.sum(t.mul(mm(x as TF.Tensor2D, y as TF.Tensor2D), g)))([a, b]);
  const ours = f(fastMatMul);
  const theirs = f((x, y) => t.matMul(x, y));
  assert.ok(maxDiff(fastMatMul(a, b).dataSync(), t.matMul(a, b).dataSync()) < 1e-6);
  ours.forEach((o, i) => assert.ok(maxDiff(o.dataSync(), theirs[i].dataSync()) < 1e-5));
});

const CNN_LSTM: PartialVariant = { conv: { blocks: [{ filters: 8, kernel: 3, dilation: 1, batchNorm: true, pool: 1 }, { filters: 8, kernel: 3, dilation: 2, batchNorm: false, pool: 2 }] } };
const LSTM_FCN: PartialVariant = {
  task: 'classify',
  fcn: { enabled: true, shuffle: true, blocks: [8, 16, 8].map((filters, i) => ({ filters, kernel: [8, 5, 3][i], dilation: 1, batchNorm: true, pool: 1 })) },
};

test('CNN-LSTM and LSTM-FCN models have the fixed layer names and output [n, outputs]', () => {
  const cnn = buildModel(testConfig(CNN_LSTM), { window: 12, features: 3, outputs: 2, task: 'forecast' });
  const names = cnn.layers.map((l) => l.name);
  assert.deepEqual(names.slice(0, 9), ['input', 'conv_1', 'conv_bn_1', 'conv_relu_1', 'conv_2', 'conv_relu_2', 'conv_pool_2', 'rnn_1', 'output']);
  assert.deepEqual(cnn.getLayer('conv_pool_2').outputShape, [null, 6, 8], 'pooling by 2 halves the 12 steps');
  const fcn = buildModel(testConfig(LSTM_FCN), { window: 12, features: 3, outputs: 4, task: 'classify' });
  for (const name of ['fcn_1', 'fcn_bn_3', 'fcn_pool', 'shuffle', 'fcn_concat']) assert.ok(fcn.getLayer(name), name);
  assert.deepEqual(fcn.getLayer('shuffle').outputShape, [null, 3, 12], 'the recurrent branch reads 3 steps of 12 values');
  assert.deepEqual(fcn.getLayer('fcn_concat').outputShape, [null, 8 + 8]);
  const out = predict(fcn, randoms(5 * 12 * 3, 8), 5, [12, 3]);
  assert.equal(out.length, 5 * 4);
  cnn.dispose();
  fcn.dispose();
});

test('pooling that leaves no steps is refused naming the block', () => {
  const config = testConfig({ conv: { blocks: [{ filters: 8, kernel: 3, dilation: 1, batchNorm: true, pool: 16 }] } });
  assert.throws(() => buildModel(config, { window: 12, features: 1, outputs: 1, task: 'forecast' }), (e: unknown) => e instanceof UserError && /conv\.blocks\[0\]\.pool: pooling by 16/.test(e.message));
});

function metadata(config: VariantConfig, window: number, features: number, outputs: number) {
  return {
    schemaVersion: MODEL_SCHEMA_VERSION,
    format: 'lstm-studio-model' as const,
    name: 'conv',
    version: 1,
    task: config.task,
    config,
    featureScaler: { method: 'zscore' as const, columns: [] },
    targetScaler: null,
    featureNames: Array.from({ length: features }, (_, i) => `f${i}`),
    targetNames: [],
    classNames: [],
    window,
    horizon: 1,
    inputShape: [window, features] as [number, number],
    outputs,
    training: { datasetName: 'random', fingerprint: '0', columns: [], runId: 'run-1' },
    parameters: 0,
    metrics: {},
    createdAt: new Date(0).toISOString(),
    appVersion: '0.0.0',
    tfjsVersion: '4.22.0',
    backend: 'wasm' as const,
  };
}

for (const [name, over, task, outputs] of [
  ['CNN-LSTM', CNN_LSTM, 'forecast', 1],
  ['LSTM-FCN', LSTM_FCN, 'classify', 2],
] as const) {
  test(`${name}: a short training lowers the loss, and the model saves and loads with identical outputs`, async () => {
    const [W, F] = [16, 2];
    const config = testConfig({ ...over, task, training: { epochs: 4, learningRate: 0.01 } });
    const data = randomData({ n: 96, window: W, features: F, outputs, task });
    const model = buildModel(config, { window: W, features: F, outputs, task });
    const { history } = await trainModel(model, data, config);
    assert.ok(history[3].loss < history[0].loss, `loss ${history.map((h) => h.loss.toFixed(4)).join(' -> ')}`);
    const dir = path.join(tempDir('lstm-engine-conv-'), 'v1');
    await saveModel(model, dir, metadata(config, W, F, outputs) as never);
    const x = data.validation.x.slice(0, 8 * W * F);
    const loaded = await loadModel(dir);
    assert.deepEqual(Array.from(predict(loaded.model, x, 8, [W, F])), Array.from(predict(model, x, 8, [W, F])), 'bit-identical after a round trip');
    loaded.model.dispose();
    model.dispose();
  });
}

test('classify early stopping watches validation errors first, then the loss; other tasks the loss', () => {
  const y = Float32Array.from([1, 0, 0, 1]);
  const confidentOneWrong = Float32Array.from([0.99, 0.01, 0.6, 0.4]);
  const hesitantAllRight = Float32Array.from([0.55, 0.45, 0.45, 0.55]);
  const loss = (p: Float32Array) => meanLoss('classify', y, p, 2);
  assert.ok(loss(confidentOneWrong) < loss(hesitantAllRight), 'the one-wrong predictions have the lower cross-entropy');
  assert.ok(monitoredScore('classify', y, hesitantAllRight, 2, loss(hesitantAllRight)) < monitoredScore('classify', y, confidentOneWrong, 2, loss(confidentOneWrong)), 'fewer errors win');
  const sharper = Float32Array.from([0.6, 0.4, 0.4, 0.6]);
  assert.ok(monitoredScore('classify', y, sharper, 2, loss(sharper)) < monitoredScore('classify', y, hesitantAllRight, 2, loss(hesitantAllRight)), 'equal errors: the lower loss wins');
  assert.equal(monitoredScore('forecast', y, sharper, 2, 0.25), 0.25);
});
