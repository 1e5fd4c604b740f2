/**
 * Seed ensembles (`training.seeds: N`): N members trained with seeds seed, seed + 1, ... whose
 * predictions are averaged, saved as one version and used as one everywhere: evaluate, forecast
 * with intervals, predict, risk, scoring, and export/import with identical predictions.
 */
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { tf } from '../../electron/engine/backend';
import { loadModel } from '../../electron/engine/model-files';
import { predict } from '../../electron/engine/predict';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import type { TrainResult } from '../../shared/model/training';
import { dataFile, tempDir } from '../helpers/fixtures';
import { openApiSession, type ApiSession } from '../helpers/api-session';

let s: ApiSession;
let other: ApiSession;
let datasetId: number;
let result: TrainResult;
const SEEDS = 3;
const EPOCHS = 2;

before(async () => {
  s = openApiSession('lstm-seeds-');
  other = openApiSession('lstm-seeds-import-');
  datasetId = await s.importFile(dataFile('nab', 'ambient_temperature_system_failure.csv'));
  result = await s.api.training.start({
    runId: `run-${randomUUID()}`,
    datasetId,
    name: 'amb-ens',
    config: { task: 'forecast', input: { targets: ['value'], window: 24, horizon: 6, stride: 3 }, recurrent: { units: [32] }, training: { epochs: EPOCHS, seeds: SEEDS, earlyStopping: { enabled: false } } },
  });
});
after(async () => {
  await s.close();
  await other.close();
});

/** Predictions of a saved model folder on the validation windows of the dataset. */
async function validationPredictions(dir: string): Promise<{ out: Float32Array; model: TF.LayersModel; x: Float32Array; n: number; shape: [number, number] }> {
  const { model, metadata } = await loadModel(dir);
  const prepared = prepareTrainingData(s.ctx.db, datasetId, metadata.config);
  return { out: predict(model, prepared.validation.x, prepared.validation.n, prepared.inputShape), model, x: prepared.validation.x, n: prepared.validation.n, shape: prepared.inputShape };
}

test('N members train one after another, their epochs numbered on, and are saved as one version that averages them', async () => {
  assert.equal(result.run.status, 'completed');
  assert.deepEqual(result.run.history.map((h) => h.epoch), [1, 2, 3, 4, 5, 6]);
  assert.ok(result.model);
  const { out, model, x, n, shape } = await validationPredictions(result.model!.path);
  const names = model.layers.map((l) => l.name);
  for (const name of ['rnn_1', 'output', 'm2_rnn_1', 'm2_output', 'm3_output', 'ensemble']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  // The saved model's output is the mean of its members' outputs.
  const input = tf().tensor3d(x.subarray(0, 8 * shape[0] * shape[1]), [8, shape[0], shape[1]]);
  // Each member's own output (its output layer plus, for forecasts, its linear skip) feeds the average.
  const memberOutputs = model.getLayer('ensemble').input as TF.SymbolicTensor[];
  assert.equal(memberOutputs.length, 3);
  const members = memberOutputs.map((output) => tf().model({ inputs: model.inputs, outputs: output }));
  const each = members.map((m) => (m.predict(input) as TF.Tensor).dataSync());
  const mean = out.subarray(0, each[0].length);
  mean.forEach((v, i) => assert.ok(Math.abs(v - (each[0][i] + each[1][i] + each[2][i]) / 3) < 1e-5, `output ${i}`));
  assert.ok(each[0].some((v, i) => Math.abs(v - each[1][i]) > 1e-6), 'the members differ (different seeds)');
  assert.ok(n > 0);
  input.dispose();
  model.dispose();
});

test('evaluate, forecast with intervals, predict, risk and scoring use the ensemble as one version', async () => {
  const report = await s.api.evaluation.run({ model: 'amb-ens', datasetId });
  assert.equal(report.data.split, 'test');
  assert.ok(Number.isFinite(report.regression!.model.mae));
  assert.ok(report.intervals, 'intervals calibrated on validation with the ensemble');
  const forecast = (await s.api.forecast.run({ model: 'amb-ens', datasetId })).targets[0].forecast;
  assert.equal(forecast.point.length, 6);
  assert.ok(forecast.point.every((p, h) => forecast.lower[h] < p && p < forecast.upper[h]), 'a band around each step');
  const table = await s.api.predictions.run({ model: 'amb-ens', datasetId, stride: 50 });
  assert.ok(table.rows.length > 10);
  const risk = await s.api.risk.run({ model: 'amb-ens', datasetId, limits: [{ column: 'value', op: '>', value: 90 }] });
  assert.equal(risk.rows.length, 1);
  const scored = await s.api.scoring.run({ model: 'amb-ens@1', datasetId, stride: 50 });
  assert.ok(scored.windows > 10);
});

test('export and import keep the ensemble: identical predictions on a fresh home', async () => {
  const file = path.join(tempDir('lstm-seeds-file-'), 'amb-ens.lsmodel');
  await s.api.models.export({ ref: 'amb-ens@1', path: file });
  const imported = await other.api.models.import({ path: file });
  const before = await validationPredictions(result.model!.path);
  const after = await validationPredictions(imported.path);
  assert.deepEqual([...after.out], [...before.out]);
  before.model.dispose();
  after.model.dispose();
});
