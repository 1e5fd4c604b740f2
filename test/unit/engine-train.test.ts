import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../../electron/engine/backend';
import { buildModel } from '../../electron/engine/build-model';
import { measureThroughput } from '../../electron/engine/estimate';
import { createLossMonitor } from '../../electron/engine/loss-monitor';
import { trainModel } from '../../electron/engine/train-model';
import type { EpochRecord, TrainProgress } from '../../shared/model/training';
import { UserError } from '../../shared/errors';
import { maxWeightDiff, nabTemperature, randomData, testConfig, weightValues, windowSeries } from '../helpers/engine-data';

before(async () => {
  await initEngine();
});

test('two epochs on the NAB temperature series lower the training and validation loss', async () => {
  const window = 24;
  const data = windowSeries(nabTemperature(), window, 0.8, 4); // every 4th window keeps the test quick
  const config = testConfig({ input: { window }, recurrent: { units: [16] }, training: { batchSize: 64, learningRate: 0.005, epochs: 2 } });
  const model = buildModel(config, { window, features: 1, outputs: 1, task: 'forecast' });
  const progress: Omit<TrainProgress, 'runId'>[] = [];
  const outcome = await trainModel(model, data, config, { onProgress: (p) => progress.push(p) });
  const [e1, e2] = outcome.history;
  assert.equal(outcome.history.length, 2);
  assert.ok(e2.loss < e1.loss, `training loss ${e1.loss} -> ${e2.loss}`);
  assert.ok(e1.valLoss !== null && e2.valLoss !== null && e2.valLoss < e1.valLoss, `validation loss ${e1.valLoss} -> ${e2.valLoss}`);
  assert.ok(outcome.samplesPerSecond > 0);
  assert.equal(outcome.bestEpoch, 2);
  assert.equal(outcome.bestValLoss, e2.valLoss);
  // Progress: throttled (far fewer updates than batches), complete fields, an end-of-epoch update with valLoss.
  const batches = Math.ceil(data.train.n / 64);
  assert.ok(progress.length >= 2 && progress.length < 2 * batches, `${progress.length} updates for ${2 * batches} batches`);
  const last = progress[progress.length - 1];
  assert.equal(last.phase, 'training');
  assert.deepEqual([last.epoch, last.epochs, last.batch, last.batches], [2, 2, batches, batches]);
  assert.equal(last.valLoss, e2.valLoss);
  assert.equal(last.etaSeconds, 0);
  assert.ok(progress.every((p) => p.learningRate === 0.005 && (p.samplesPerSecond ?? 0) > 0));
  model.dispose();
});

test('tf.memory().numTensors is the same after epoch 2 and epoch 5', async () => {
  const config = testConfig({
    input: { window: 8 },
    recurrent: { units: [8, 8], dropout: 0.2, recurrentDropout: 0.1, normalization: 'batch' },
    attention: { enabled: true },
    head: { units: [4], dropout: 0.1 },
    training: { epochs: 5, weightDecay: 1e-4, clipNorm: 1, earlyStopping: { enabled: true, patience: 10, restoreBestWeights: true } },
  });
  const data = randomData({ n: 48, window: 8, features: 2, outputs: 1 });
  const model = buildModel(config, { window: 8, features: 2, outputs: 1, task: 'forecast' });
  const counts: number[] = [];
  const before = tf().memory().numTensors;
  await trainModel(model, data, config, { onEpoch: () => counts.push(tf().memory().numTensors) });
  assert.equal(counts.length, 5);
  assert.equal(counts[4], counts[1], `tensors per epoch: ${counts.join(', ')}`);
  assert.equal(tf().memory().numTensors, before, 'nothing left behind after training');
  model.dispose();
});

test('a GRU + bidirectional + layer-norm variant trains one epoch without NaN', async () => {
  const config = testConfig({
    input: { window: 10 },
    recurrent: { cell: 'gru', units: [8, 8], bidirectional: true, normalization: 'layer', dropout: 0.1 },
    head: { units: [8], activation: 'elu' },
    training: { epochs: 1, optimizer: 'rmsprop' },
  });
  const data = randomData({ n: 40, window: 10, features: 3, outputs: 2, task: 'regress' });
  const model = buildModel(config, { window: 10, features: 3, outputs: 2, task: 'regress' });
  const outcome = await trainModel(model, data, config);
  assert.equal(outcome.history.length, 1);
  assert.ok(Number.isFinite(outcome.history[0].loss) && Number.isFinite(outcome.history[0].valLoss ?? NaN));
  assert.ok(weightValues(model).every((w) => w.every(Number.isFinite)));
  model.dispose();
});

test('classification trains with cross-entropy and its loss falls', async () => {
  const config = testConfig({ task: 'classify', input: { window: 6 }, attention: { enabled: true }, training: { epochs: 3, learningRate: 0.02 } });
  const data = randomData({ n: 96, window: 6, features: 2, outputs: 2, task: 'classify' });
  const model = buildModel(config, { window: 6, features: 2, outputs: 2, task: 'classify' });
  const { history } = await trainModel(model, data, config);
  assert.ok(history[0].loss < Math.log(2) + 0.1, `first epoch cross-entropy ${history[0].loss}`);
  assert.ok(history[2].loss < history[0].loss, `loss ${history.map((h) => h.loss.toFixed(3)).join(' -> ')}`);
  model.dispose();
});

test('early stopping stops after `patience` epochs without improvement and restores epoch 1', async () => {
  // A learning rate of 0 never improves after epoch 1.
  const config = testConfig({
    input: { window: 4 },
    // minValidation 0: choose on the 4 validation windows (fewer than the default minimum).
    training: { epochs: 10, learningRate: 0, earlyStopping: { enabled: true, patience: 3, restoreBestWeights: true }, minValidation: 0 },
  });
  const data = randomData({ n: 16, window: 4, features: 1, outputs: 1 });
  const model = buildModel(config, { window: 4, features: 1, outputs: 1, task: 'forecast' });
  const epochs: EpochRecord[] = [];
  const outcome = await trainModel(model, data, config, { onEpoch: (e) => epochs.push(e) });
  assert.equal(outcome.stoppedEarly, true);
  assert.equal(outcome.history.length, 4);
  assert.equal(outcome.bestEpoch, 1);
  assert.deepEqual(epochs, outcome.history);
  model.dispose();
});

test('the loss monitor lowers the learning rate on a plateau and stops like Keras', () => {
  const training = testConfig({
    training: {
      learningRate: 0.01,
      reduceOnPlateau: { enabled: true, factor: 0.5, patience: 2, minLearningRate: 0.003 },
      earlyStopping: { enabled: true, patience: 4, restoreBestWeights: true },
    },
  }).training;
  const monitor = createLossMonitor(training);
  const losses = [1, 0.9, 0.95, 0.95, 0.8, 0.9, 0.9, 0.9, 0.9];
  const decisions = losses.map((l, i) => monitor.update(i + 1, l));
  assert.deepEqual(decisions.map((d) => d.improved), [true, true, false, false, true, false, false, false, false]);
  assert.deepEqual(decisions.map((d) => d.learningRate), [0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.003, 0.003, 0.003]);
  assert.deepEqual(decisions.map((d) => d.stop), [false, false, false, false, false, false, false, false, true]);
  assert.equal(monitor.bestEpoch, 5);
  assert.equal(monitor.bestLoss, 0.8);
});

test('a diverging run stops with a UserError that says what to change', async () => {
  const config = testConfig({ input: { window: 4 }, training: { clipNorm: 0 } });
  const data = randomData({ n: 16, window: 4, features: 1, outputs: 1 });
  data.train.y[3] = Number.POSITIVE_INFINITY;
  const model = buildModel(config, { window: 4, features: 1, outputs: 1, task: 'forecast' });
  await assert.rejects(trainModel(model, data, config), (err: Error) => err instanceof UserError && /diverged at epoch 1, batch 1.*Lower the learning rate/.test(err.message));
  model.dispose();
});

test('an empty training split is refused with a clear message', async () => {
  const config = testConfig({ input: { window: 4 } });
  const data = randomData({ n: 0, window: 4, features: 1, outputs: 1, validation: 4 });
  const model = buildModel(config, { window: 4, features: 1, outputs: 1, task: 'forecast' });
  await assert.rejects(trainModel(model, data, config), /training split has no windows.*shorter window/);
  model.dispose();
});

test('measureThroughput returns samples/s and leaves the weights unchanged', async () => {
  const config = testConfig({ input: { window: 8 }, recurrent: { normalization: 'batch' }, training: { batchSize: 8 } });
  const model = buildModel(config, { window: 8, features: 2, outputs: 1, task: 'forecast' });
  const before = weightValues(model);
  const tensors = tf().memory().numTensors;
  const speed = await measureThroughput(model, config, [8, 2], { batches: 2 });
  assert.ok(speed > 0 && Number.isFinite(speed), `speed ${speed}`);
  assert.equal(maxWeightDiff(before, weightValues(model)), 0);
  assert.equal(tf().memory().numTensors, tensors);
  model.dispose();
});
