/**
 * The conv blocks on the fused kernel against tfjs's own ops: the same layers and weights run with
 * the kernel and without it (setFusedEnabled). Outputs, input gradients, weight gradients and the
 * batch-norm moving statistics agree to a relative 1e-4 on random shapes (kernel sizes, dilations,
 * channels, filters, pooling, batch norm in training and inference). Models saved before the kernel
 * existed (test/fixtures/conv-models-before-kernel, written and predicted by the engine before it with
 * LSTM_STUDIO_FUSED=0) load and predict as
 * they did.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { initEngine, tf } from '../../electron/engine/backend';
import { applyConvBlocks } from '../../electron/engine/conv-blocks';
import { fusedConvCallCount } from '../../electron/engine/fused/conv-op';
import { FusedBatchNormalization, FusedMaxPooling1D } from '../../electron/engine/fused/fused-layers';
import { kernelRuntime } from '../../electron/engine/fused/kernel-runtime';
import { loadModel } from '../../electron/engine/model-files';
import { predict } from '../../electron/engine/predict';
import type { ConvBlock } from '../../shared/model/variant';
import { createRng, gaussian } from '../../shared/random';
import { projectRoot } from '../helpers/fixtures';
import { relativeError, withFused } from '../helpers/kernel-compare';

const TOLERANCE = 1e-4;
const FIXTURES = path.join(projectRoot(), 'test', 'fixtures', 'conv-models-before-kernel');

before(async () => {
  await initEngine();
  assert.ok(kernelRuntime(), 'the fused kernel loads on this machine');
});

function randoms(n: number, rng: () => number): Float32Array {
  return Float32Array.from({ length: n }, () => gaussian(rng));
}

interface Case {
  B: number;
  T: number;
  C: number;
  blocks: ConvBlock[];
}

function randomCase(rng: () => number): Case {
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  const count = 1 + Math.floor(rng() * 3);
  const blocks = Array.from({ length: count }, () => ({ filters: pick([4, 5, 8, 12, 16, 33]), kernel: pick([1, 2, 3, 5, 8]), dilation: pick([1, 1, 2, 3]), batchNorm: rng() < 0.7, pool: pick([1, 1, 2, 3]) }));
  return { B: pick([1, 2, 3, 7, 16]), T: pick([12, 19, 30]), C: pick([1, 3, 8]), blocks };
}

/** A model of `c.blocks` on [T, C] with fixed random weights (the same for every call with `seed`). */
function blocksModel(c: Case, seed: number): TF.LayersModel {
  const t = tf();
  const input = t.input({ shape: [c.T, c.C] });
  let s = seed;
  const model = t.model({ inputs: input, outputs: applyConvBlocks(c.blocks, input, 'conv', () => s++) });
  const rng = createRng(seed);
  // Non-trivial batch-norm parameters and moving statistics (they start at 1 and 0).
  model.setWeights(model.weights.map((w) => (/moving_variance/.test(w.name) ? t.add(t.abs(t.tensor(randoms(w.read().size, rng), w.read().shape)), 0.5) : t.tensor(randoms(w.read().size, rng), w.read().shape))));
  return model;
}

/** Output, input gradient, weight gradients of sum(out * R) in training, then the moving statistics and the inference output. */
function evaluate(c: Case, seed: number, x: TF.Tensor, fused: boolean) {
  const t = tf();
  return withFused(fused, () => {
    const model = blocksModel(c, seed);
    const before = fusedConvCallCount();
    const out = model.apply(x, { training: true }) as TF.Tensor;
    const r = t.tensor(randoms(out.size, createRng(seed + 1)), out.shape);
    const vars = model.trainableWeights.map((w) => w.read() as TF.Variable);
    const loss = (xx: TF.Tensor) => t.sum(t.mul(model.apply(xx, { training: true }) as TF.Tensor, r)) as TF.Scalar;
    const { grads } = t.variableGrads(() => loss(x), vars);
    const dx = t.grad(loss)(x);
    const moving = model.weights.filter((w) => /moving/.test(w.name)).map((w) => w.read().dataSync());
    const inference = (model.predict(x) as TF.Tensor).dataSync();
    const result = { out: out.dataSync(), dx: dx.dataSync(), grads: vars.map((v) => grads[v.name].dataSync()), moving, inference, calls: fusedConvCallCount() - before };
    model.dispose();
    return result;
  });
}

test('conv blocks (kernel sizes, dilations, pooling, batch norm) on the kernel match tfjs outputs, gradients and moving statistics', () => {
  const t = tf();
  const rng = createRng(11);
  for (let i = 0; i < 12; i++) {
    const c = randomCase(rng);
    const what = JSON.stringify(c);
    t.tidy(() => {
      const x = t.tensor3d(randoms(c.B * c.T * c.C, rng), [c.B, c.T, c.C]);
      const ours = evaluate(c, 100 + i, x, true);
      const theirs = evaluate(c, 100 + i, x, false);
      assert.ok(ours.calls > 0, `the kernel ran: ${what}`);
      assert.equal(theirs.calls, 0, `tfjs's ops ran with the kernel off: ${what}`);
      assert.ok(relativeError(ours.out, theirs.out) < TOLERANCE, `training output: ${what}`);
      assert.ok(relativeError(ours.inference, theirs.inference) < TOLERANCE, `inference output: ${what}`);
      assert.ok(relativeError(ours.dx, theirs.dx) < TOLERANCE, `input gradient: ${what}`);
      ours.grads.forEach((g, k) => assert.ok(relativeError(g, theirs.grads[k], 1) < TOLERANCE, `weight gradient ${k}: ${what}`));
      ours.moving.forEach((m, k) => assert.ok(relativeError(m, theirs.moving[k]) < TOLERANCE, `moving statistic ${k}: ${what}`));
    });
  }
});

test('batch normalization of the recurrent stack ([n, units], no time axis) trains on the kernel as tfjs does', () => {
  const t = tf();
  const rng = createRng(5);
  const x = t.tensor2d(randoms(9 * 6, rng), [9, 6]);
  const r = t.tensor2d(randoms(9 * 6, rng), [9, 6]);
  const run = (fused: boolean) =>
    withFused(fused, () => {
      const layer = new FusedBatchNormalization({ momentum: 0.9 });
      layer.build([null, 6]);
      layer.setWeights([t.tensor1d(randoms(6, createRng(1))), t.tensor1d(randoms(6, createRng(2))), t.zeros([6]), t.ones([6])]);
      const dx = t.grad((xx: TF.Tensor) => t.sum(t.mul(layer.apply(xx, { training: true }) as TF.Tensor, r)))(x);
      return { dx: dx.dataSync(), weights: layer.getWeights().map((w) => w.dataSync()) };
    });
  const before = fusedConvCallCount();
  const ours = run(true);
  assert.ok(fusedConvCallCount() > before, 'the kernel ran');
  const theirs = run(false);
  assert.ok(relativeError(ours.dx, theirs.dx) < TOLERANCE);
  ours.weights.forEach((w, k) => assert.ok(relativeError(w, theirs.weights[k]) < TOLERANCE, `weight ${k}`));
});

for (const name of ['cnn-lstm', 'lstm-fcn']) {
  test(`a ${name} model saved before the conv kernel loads and predicts as it did (tfjs path bit-identical, kernel within 1e-5)`, async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8'))[name] as { x: number[]; n: number; shape: [number, number]; predictions: number[] };
    const { model } = await loadModel(path.join(FIXTURES, name));
    assert.ok(model.layers.some((l) => l instanceof FusedBatchNormalization), 'its batch norm layers load as the fused class');
    const classes = (json: unknown) => JSON.stringify(json).match(/"class_name":"[A-Za-z0-9]+"/g);
    const saved = JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'model.json'), 'utf8')).modelTopology;
    assert.deepEqual(classes(model.toJSON(null, false)), classes(saved), "it would save with the same (tfjs's) class names");
    if (name === 'cnn-lstm') assert.ok(model.layers.some((l) => l instanceof FusedMaxPooling1D), 'its pooling layer loads as our class');
    const x = Float32Array.from(expected.x);
    const before = fusedConvCallCount();
    const withKernel = predict(model, x, expected.n, expected.shape);
    assert.ok(fusedConvCallCount() > before, 'the kernel ran');
    const withoutKernel = withFused(false, () => predict(model, x, expected.n, expected.shape));
    assert.deepEqual(Array.from(withoutKernel), expected.predictions, 'bit-identical on the tfjs path');
    assert.ok(relativeError(withKernel, expected.predictions) < 1e-5, 'the same predictions on the kernel');
    model.dispose();
  });
}
