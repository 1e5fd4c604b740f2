/**
 * Model selection on tiny validation splits: below `training.minValidation` windows, early stopping,
 * restore-best-weights and the plateau schedule watch the training loss, and the run says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../electron/engine/build-model';
import { trainModel, type TrainData } from '../../electron/engine/train-model';
import { modelSelection } from '../../shared/training/model-selection';
import { validateVariant } from '../../shared/model/variant-validation';
import { randomData, testConfig } from '../helpers/engine-data';

test('a validation split below training.minValidation is not selected on, and the sentence says why', () => {
  const config = testConfig({ task: 'classify' });
  assert.equal(config.training.minValidation, 100);
  const tiny = modelSelection(config, 9);
  assert.equal(tiny.monitor, 'training');
  assert.match(tiny.sentence!, /^Validation has 9 sequences, fewer than `training.minValidation` \(100\): too few to choose an epoch on, so the learning-rate schedule followed the training loss instead; validation is still measured and reported\./);
  const withStopping = modelSelection(testConfig({ task: 'rul', training: { earlyStopping: { enabled: true, restoreBestWeights: true } } }), 1);
  assert.match(withStopping.sentence!, /^Validation has 1 window, .* so early stopping and the weights kept and the learning-rate schedule followed the training loss/);

  assert.deepEqual(modelSelection(config, 100), { monitor: 'validation', sentence: null });
  assert.deepEqual(modelSelection(config, 5000), { monitor: 'validation', sentence: null });
  // No validation split at all: the training loss, as before, and nothing to explain.
  assert.deepEqual(modelSelection(config, 0), { monitor: 'training', sentence: null });
  // 0 turns the rule off.
  assert.deepEqual(modelSelection(testConfig({ training: { minValidation: 0 } }), 3), { monitor: 'validation', sentence: null });
});

test('training.minValidation is validated as a whole number', () => {
  const bad = validateVariant({ training: { minValidation: -1 } });
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.errors.map((e) => e.path), ['training.minValidation']);
  assert.equal(validateVariant({ task: 'rul', training: { minValidation: 0 } }).ok, true);
});

/** Training data whose validation split has the opposite relation, so its loss rises while training's falls. */
function opposedData(validation: number): TrainData {
  const data = randomData({ n: 64, window: 4, features: 1, outputs: 1, validation });
  const y = data.validation.y;
  for (let i = 0; i < y.length; i++) y[i] = -y[i];
  return data;
}

test('trainModel restores the best validation epoch on a large split, and the best training epoch on a tiny one', async () => {
  const config = testConfig({ input: { window: 4 }, training: { epochs: 5, learningRate: 0.01, earlyStopping: { enabled: true, patience: 10, restoreBestWeights: true } } });
  const shape = { window: 4, features: 1, outputs: 1, task: 'forecast' as const };
  const run = async (validation: number) => {
    const model = buildModel(config, shape);
    try {
      return await trainModel(model, opposedData(validation), config);
    } finally {
      model.dispose();
    }
  };
  const large = await run(120);
  const lossesOf = (o: typeof large) => o.history.map((h) => `${h.loss.toFixed(3)}/${h.valLoss!.toFixed(3)}`).join(' ');
  assert.equal(large.bestEpoch, 1, `large split chose on validation: ${lossesOf(large)}`);

  const tiny = await run(8);
  const lowestLoss = tiny.history.reduce((b, h) => (h.loss < b.loss ? h : b)).epoch;
  assert.equal(tiny.bestEpoch, lowestLoss, `tiny split chose on training loss: ${lossesOf(tiny)}`);
  assert.ok(tiny.bestEpoch > 1, `training loss fell: ${lossesOf(tiny)}`);
});
