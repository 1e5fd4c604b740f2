import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../../electron/engine/backend';
import { buildModel } from '../../electron/engine/build-model';
import { kernelVariables, l2Penalty } from '../../electron/engine/losses';
import { clipByGlobalNorm, createOptimizer, stepContext, trainStep } from '../../electron/engine/train-step';
import { trainModel } from '../../electron/engine/train-model';
import { maxWeightDiff, randomData, testConfig, weightValues } from '../helpers/engine-data';

before(async () => {
  await initEngine();
});

const WINDOW = 6;
const FEATURES = 2;
const shape = { window: WINDOW, features: FEATURES, outputs: 1, task: 'forecast' as const };

test('an abort from onProgress after the first batch stops within one batch', async () => {
  const config = testConfig({ input: { window: WINDOW }, training: { epochs: 3, batchSize: 8 } });
  const data = randomData({ n: 64, window: WINDOW, features: FEATURES, outputs: 1 });
  const model = buildModel(config, shape);
  const controller = new AbortController();
  let batchesAtAbort = -1;
  const outcome = await trainModel(model, data, config, {
    signal: controller.signal,
    onProgress: (p) => {
      if (batchesAtAbort >= 0) return;
      batchesAtAbort = p.batch; // the first update comes right after the first batch
      controller.abort();
    },
  });
  assert.equal(batchesAtAbort, 1);
  assert.equal(outcome.cancelled, true);
  assert.ok(outcome.steps - batchesAtAbort <= 1, `${outcome.steps - batchesAtAbort} batches ran after the abort`);
  assert.deepEqual([outcome.history.length, outcome.bestEpoch, outcome.bestValLoss], [0, 0, null]);
  model.dispose();
});

test('a cancel message between batches stops the run and restores the best epoch so far', async () => {
  const config = testConfig({
    input: { window: WINDOW },
    training: { epochs: 6, batchSize: 8, earlyStopping: { enabled: true, patience: 5, restoreBestWeights: true } },
  });
  const data = randomData({ n: 64, window: WINDOW, features: FEATURES, outputs: 1 });
  const batches = Math.ceil(64 / 8);
  const model = buildModel(config, shape);
  const controller = new AbortController();
  const afterEpoch: Float32Array[][] = [];
  const outcome = await trainModel(model, data, config, {
    signal: controller.signal,
    onEpoch: (e) => {
      afterEpoch.push(weightValues(model));
      // Like a worker's cancel message: it arrives while training yields to the event loop after the next batch.
      if (e.epoch === 2) setImmediate(() => controller.abort());
    },
  });
  assert.equal(outcome.cancelled, true);
  assert.equal(outcome.steps, 2 * batches + 1, 'one batch of epoch 3 ran before the cancel was seen');
  assert.equal(outcome.history.length, 2, 'the partial epoch is not recorded');
  assert.ok(outcome.bestEpoch === 1 || outcome.bestEpoch === 2);
  assert.equal(maxWeightDiff(weightValues(model), afterEpoch[outcome.bestEpoch - 1]), 0, "the model holds the best epoch's weights");
  model.dispose();
});

test('without restoreBestWeights a cancelled model keeps its latest weights; an aborted signal trains nothing', async () => {
  const config = testConfig({ input: { window: WINDOW }, training: { epochs: 3, batchSize: 8 } });
  const data = randomData({ n: 32, window: WINDOW, features: FEATURES, outputs: 1 });
  const model = buildModel(config, shape);
  const initial = weightValues(model);
  const controller = new AbortController();
  controller.abort();
  const none = await trainModel(model, data, config, { signal: controller.signal });
  assert.deepEqual([none.cancelled, none.steps, none.history.length, none.bestEpoch, none.bestValLoss], [true, 0, 0, 0, null]);
  assert.equal(maxWeightDiff(weightValues(model), initial), 0);

  const second = new AbortController();
  let latest: Float32Array[] = [];
  const outcome = await trainModel(model, data, config, {
    signal: second.signal,
    onProgress: (p) => {
      if (p.epoch === 2) {
        latest = weightValues(model);
        second.abort();
      }
    },
  });
  assert.equal(outcome.cancelled, true);
  assert.equal(maxWeightDiff(weightValues(model), latest), 0);
  model.dispose();
});

test('clipping by global norm bounds the applied gradients', () => {
  const t = tf();
  const grads = { a: t.tensor1d([3, 0]), b: t.tensor1d([0, 4]) }; // global norm 5
  const { grads: clipped, norm } = clipByGlobalNorm(grads, 0.5);
  assert.equal(norm, 5);
  const values = [...clipped.a.dataSync(), ...clipped.b.dataSync()];
  assert.ok(Math.abs(Math.hypot(...values) - 0.5) < 1e-6);
  assert.ok(Math.abs(values[0] / values[3] - 3 / 4) < 1e-6, 'direction kept');
  const untouched = clipByGlobalNorm(grads, 10);
  assert.equal(untouched.grads, grads);
  assert.equal(clipByGlobalNorm(grads, 0).norm, null, 'clipNorm 0 turns clipping off');
  t.dispose([grads.a, grads.b, clipped.a, clipped.b]);
});

test('with a tiny clipNorm, a plain gradient step moves the weights by at most lr * clipNorm', () => {
  const t = tf();
  const lr = 0.1;
  const clipNorm = 1e-3;
  const config = testConfig({ input: { window: WINDOW }, training: { learningRate: lr, clipNorm } });
  const model = buildModel(config, shape);
  const data = randomData({ n: 8, window: WINDOW, features: FEATURES, outputs: 1 });
  const before = weightValues(model);
  const optimizer = t.train.sgd(lr);
  const x = t.tensor3d(data.train.x, [8, WINDOW, FEATURES]);
  const y = t.tensor2d(data.train.y, [8, 1]);
  const result = trainStep(stepContext(model, 'forecast', config, optimizer), x, y);
  assert.ok((result.gradNorm ?? 0) > clipNorm, `raw gradient norm ${result.gradNorm}`);
  const after = weightValues(model);
  let moved = 0;
  before.forEach((w, i) => w.forEach((v, j) => (moved += (after[i][j] - v) ** 2)));
  assert.ok(Math.sqrt(moved) <= lr * clipNorm * 1.001, `weights moved ${Math.sqrt(moved)}`);
  assert.ok(Math.sqrt(moved) > 0);
  t.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
});

test('weight decay adds weightDecay * sum(w^2) over kernels only', () => {
  const t = tf();
  const config = testConfig({ input: { window: WINDOW }, attention: { enabled: true }, recurrent: { normalization: 'layer' } });
  const model = buildModel(config, shape);
  const kernels = kernelVariables(model);
  assert.deepEqual(
    model.trainableWeights.filter((w) => kernels.includes(w.read() as never)).map((w) => w.originalName),
    ['rnn_1/kernel', 'rnn_1/recurrent_kernel', 'attention/kernel', 'output/kernel'],
  );
  const expected = 0.01 * kernels.reduce((sum, k) => sum + (k.dataSync() as Float32Array).reduce((a, v) => a + v * v, 0), 0);
  const penalty = l2Penalty(kernels, 0.01);
  assert.ok(penalty && Math.abs(penalty.dataSync()[0] - expected) < 1e-5 * expected);
  assert.equal(l2Penalty(kernels, 0), null);
  t.dispose(penalty ?? []);
  model.dispose();
});

test('createOptimizer follows the variant', () => {
  const adam = createOptimizer(testConfig());
  const rmsprop = createOptimizer(testConfig({ training: { optimizer: 'rmsprop' } }));
  assert.equal(adam.getClassName(), 'Adam');
  assert.equal(rmsprop.getClassName(), 'RMSProp');
  adam.dispose();
  rmsprop.dispose();
});
