/**
 * The fused recurrent kernel against tfjs's own layers: the same layer objects and weights run with
 * the kernel and without it (setFusedEnabled), on random shapes. Outputs, input gradients and weight
 * gradients agree to a relative 1e-4 (observed: below 1e-6; the kernel's exp/tanh are float32
 * polynomials and it sums in another order); training lowers the loss the same way.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { initEngine, tf } from '../../electron/engine/backend';
import { buildModel } from '../../electron/engine/build-model';
import { fusedCallCount } from '../../electron/engine/fused/fused-op';
import { FusedBidirectional, FusedGRU, FusedLSTM, setFusedEnabled } from '../../electron/engine/fused/fused-layers';
import { kernelRuntime } from '../../electron/engine/fused/kernel-runtime';
import { loadModel, saveModel } from '../../electron/engine/model-files';
import { predict } from '../../electron/engine/predict';
import { trainModel } from '../../electron/engine/train-model';
import { MODEL_SCHEMA_VERSION } from '../../shared/model/metadata';
import { createRng } from '../../shared/random';
import { randomData, testConfig } from '../helpers/engine-data';
import { tempDir } from '../helpers/fixtures';
import { relativeError, withFused } from '../helpers/kernel-compare';

const TOLERANCE = 1e-4;

before(async () => {
  await initEngine();
  assert.ok(kernelRuntime(), 'the fused kernel loads on this machine');
});

interface Case {
  cell: 'lstm' | 'gru';
  bidirectional: boolean;
  returnSequences: boolean;
  masked: boolean;
  B: number;
  T: number;
  I: number;
  H: number;
}

function randomCase(rng: () => number): Case {
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  return { cell: pick(['lstm', 'gru']), bidirectional: rng() < 0.5, returnSequences: rng() < 0.5, masked: rng() < 0.5, B: pick([1, 3, 5, 9, 17, 40, 70]), T: pick([2, 7, 12]), I: pick([1, 3, 6]), H: pick([4, 8, 12, 20]) };
}

/**
 * Output (inference: the kernel's row-block path), input gradient and weight gradients (training: the
 * path that keeps the states) of a loss sum(out * R), with or without the kernel.
 */
function evaluate(layer: TF.layers.Layer, x: TF.Tensor, mask: TF.Tensor | null, r: TF.Tensor, fused: boolean) {
  const t = tf();
  return withFused(fused, () => {
    const before = fusedCallCount();
    const out = t.tidy(() => (layer.apply(x, { mask, training: true }) as TF.Tensor).dataSync());
    const vars = layer.trainableWeights.map((w) => w.read() as TF.Variable);
    const { value, grads } = t.variableGrads(() => t.sum(t.mul(layer.apply(x, { mask, training: true }) as TF.Tensor, r)) as TF.Scalar, vars);
    const dx = t.grad((xx: TF.Tensor) => t.sum(t.mul(layer.apply(xx, { mask, training: true }) as TF.Tensor, r)))(x);
    const result = { out, dx: dx.dataSync(), grads: vars.map((v) => grads[v.name].dataSync()), calls: fusedCallCount() - before };
    t.dispose([value, dx, ...Object.values(grads)]);
    return result;
  });
}

test('fused LSTM and GRU (uni- and bidirectional, masked, sequences or last step) match tfjs outputs and gradients on random shapes', () => {
  const t = tf();
  const rng = createRng(20240611);
  for (let k = 0; k < 24; k++) {
    const c = randomCase(rng);
    const args = { units: c.H, returnSequences: c.returnSequences, recurrentActivation: 'sigmoid' as const, kernelInitializer: t.initializers.glorotUniform({ seed: k }), biasInitializer: t.initializers.randomNormal({ seed: k + 1, stddev: 0.5 }) };
    const inner = c.cell === 'lstm' ? new FusedLSTM(args) : new FusedGRU(args);
    const layer = c.bidirectional ? new FusedBidirectional({ layer: inner, mergeMode: 'concat' }) : inner;
    const x = t.randomNormal([c.B, c.T, c.I], 0, 1, 'float32', k);
    let mask: TF.Tensor | null = null;
    if (c.masked) {
      // Padding of different lengths, at the start (pre) for even rows and at the end (post) for odd rows.
      const m = new Float32Array(c.B * c.T).fill(1);
      for (let b = 0; b < c.B; b++) for (let s = 0; s < Math.min(b, c.T - 1); s++) m[b * c.T + (b % 2 ? c.T - 1 - s : s)] = 0;
      mask = t.tensor2d(m, [c.B, c.T]);
    }
    const shape = (layer.apply(x) as TF.Tensor).shape;
    const r = t.randomNormal(shape, 0, 1, 'float32', k + 2);
    const ref = evaluate(layer, x, mask, r, false);
    const got = evaluate(layer, x, mask, r, true);
    const what = JSON.stringify(c);
    assert.equal(ref.calls, 0, `${what}: the reference runs tfjs's code`);
    assert.ok(got.calls > 0, `${what}: the fused path ran`);
    assert.ok(relativeError(got.out, ref.out) < TOLERANCE, `${what}: outputs differ by ${relativeError(got.out, ref.out)}`);
    assert.ok(relativeError(got.dx, ref.dx) < TOLERANCE, `${what}: input gradients differ by ${relativeError(got.dx, ref.dx)}`);
    got.grads.forEach((g, i) => assert.ok(relativeError(g, ref.grads[i]) < TOLERANCE, `${what}: gradient of ${layer.trainableWeights[i].name} differs by ${relativeError(g, ref.grads[i])}`));
    t.dispose([x, r, ...(mask ? [mask] : [])]);
    layer.dispose();
  }
});

test('training with the fused kernel lowers the loss as tfjs does, epoch by epoch', async () => {
  const data = randomData({ n: 96, window: 12, features: 3, outputs: 2, seed: 5 });
  const histories: number[][] = [];
  for (const fused of [false, true]) {
    setFusedEnabled(fused);
    try {
      const config = testConfig({ input: { window: 12 }, recurrent: { cell: 'gru', units: [8, 8], bidirectional: true }, training: { epochs: 3, batchSize: 16, learningRate: 0.01 } });
      const model = buildModel(config, { window: 12, features: 3, outputs: 2, task: 'forecast' });
      const outcome = await trainModel(model, data, config);
      histories.push(outcome.history.map((h) => h.loss));
      model.dispose();
    } finally {
      setFusedEnabled(true);
    }
  }
  const [ref, got] = histories;
  assert.ok(got[2] < got[0], `the loss falls: ${got.join(' -> ')}`);
  got.forEach((l, i) => assert.ok(Math.abs(l - ref[i]) / ref[i] < 1e-3, `epoch ${i + 1}: fused ${l}, tfjs ${ref[i]}`));
});

test("a model trained on the kernel saves in tfjs's format and predicts the same after loading, with and without the kernel", async () => {
  const config = testConfig({ input: { window: 10, masking: true }, recurrent: { units: [8, 4], dropout: 0.2 }, training: { epochs: 1 } });
  const data = randomData({ n: 40, window: 10, features: 2, outputs: 1, seed: 9 });
  for (let i = 0; i < 40; i++) data.train.x.fill(0, i * 20, i * 20 + 2 * (i % 4)); // padded (masked) first steps
  const model = buildModel(config, { window: 10, features: 2, outputs: 1, task: 'forecast' });
  const before = fusedCallCount();
  await trainModel(model, data, config);
  assert.ok(fusedCallCount() > before, 'training with input dropout ran on the kernel');
  const dir = path.join(tempDir('fused-save-'), 'model');
  await saveModel(model, dir, { schemaVersion: MODEL_SCHEMA_VERSION, format: 'lstm-studio-model', name: 'fused', version: 1, task: 'forecast', config, inputShape: [10, 2], outputs: 1 } as never);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const classes = JSON.stringify(json.modelTopology).match(/"class_name":"[A-Za-z]+"/g)?.map((c) => c.slice(14, -1)) ?? [];
  assert.deepEqual(classes.filter((c) => /LSTM|GRU|Bidirectional/.test(c)), ['LSTM', 'LSTM'], "tfjs's own class names");
  const x = data.validation.x;
  const expected = predict(model, x, data.validation.n, [10, 2]);
  const { model: loaded } = await loadModel(dir);
  assert.ok(loaded.layers.some((l) => l instanceof FusedLSTM), 'loaded layers are the fused classes');
  const withKernel = predict(loaded, x, data.validation.n, [10, 2]);
  const withoutKernel = withFused(false, () => predict(loaded, x, data.validation.n, [10, 2]));
  assert.ok(relativeError(withKernel, expected) < 1e-6, 'same predictions after loading');
  assert.ok(relativeError(withoutKernel, expected) < TOLERANCE, "tfjs's own layers predict the same");
  model.dispose();
  loaded.dispose();
});

test('recurrentDropout trains on tfjs\'s layers (the kernel cannot drop the recurrent state) and predicts on the kernel', async () => {
  const config = testConfig({ input: { window: 6 }, recurrent: { units: [4], recurrentDropout: 0.2 }, training: { epochs: 1, batchSize: 32 } });
  const data = randomData({ n: 32, window: 6, features: 2, outputs: 1, validation: 0 });
  const model = buildModel(config, { window: 6, features: 2, outputs: 1, task: 'forecast' });
  const before = fusedCallCount();
  await trainModel(model, data, config);
  assert.equal(fusedCallCount(), before, 'no fused call in training');
  predict(model, data.train.x, data.train.n, [6, 2]);
  assert.ok(fusedCallCount() > before, 'inference runs on the kernel');
  model.dispose();
});

test('tensors and kernel memory stay flat across epochs', async () => {
  const config = testConfig({ input: { window: 8 }, recurrent: { units: [8, 8], bidirectional: true }, training: { epochs: 4 } });
  const data = randomData({ n: 40, window: 8, features: 2, outputs: 1 });
  const model = buildModel(config, { window: 8, features: 2, outputs: 1, task: 'forecast' });
  const rt = kernelRuntime()!;
  const marks: number[] = [];
  const tensors: number[] = [];
  await trainModel(model, data, config, { onEpoch: () => (marks.push(rt.mem.highWater), tensors.push(tf().memory().numTensors)) });
  assert.equal(marks[3], marks[1], `kernel memory per epoch: ${marks.join(', ')}`);
  assert.equal(tensors[3], tensors[1], `tensors per epoch: ${tensors.join(', ')}`);
  model.dispose();
});
